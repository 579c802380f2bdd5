// HTTP requests to the web desk's filing and 收文 routes (see http_harness.hpp).
#include <cstddef>
#include <cstdint>

#include "http_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static gongwen::fuzz::HttpHarness harness({"/api/archive/plan", "/api/archive/file", "/api/archive/catalogue", "/api/receive"});
  harness.run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
