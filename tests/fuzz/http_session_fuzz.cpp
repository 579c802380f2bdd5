// HTTP requests to the web desk's session routes (login, logout, who am I) (see http_harness.hpp).
#include <cstddef>
#include <cstdint>

#include "http_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static gongwen::fuzz::HttpHarness harness({"/api/login", "/api/logout", "/api/me"});
  harness.run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
