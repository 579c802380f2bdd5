// HTTP requests to the web desk's 收文 routes: registering a received file (multipart), the
// lists, 阅毕, 传阅 and its record (see http_harness.hpp).
#include <cstddef>
#include <cstdint>

#include "http_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static gongwen::fuzz::HttpHarness harness({"/api/receive"});
  harness.run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
