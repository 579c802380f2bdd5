// HTTP requests to the web desk's filing routes: plan, file (and its progress), catalogue,
// correction (see http_harness.hpp; 收文 has its own target, http_receive_fuzz).
#include <cstddef>
#include <cstdint>

#include "http_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static gongwen::fuzz::HttpHarness harness(
      {"/api/archive/plan", "/api/archive/file", "/api/archive/catalogue", "/api/archive/correct"});
  harness.run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
