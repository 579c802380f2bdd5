// HTTP requests to the web desk's 请示 tracking route, GET /api/requests[?overdue=1&days=N]
// (see http_harness.hpp).
#include <cstddef>
#include <cstdint>

#include "http_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static gongwen::fuzz::HttpHarness harness({"/api/requests"});
  harness.run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
