// HTTP requests to the web desk's upload routes (.docx import, pictures, attachments) (see http_harness.hpp).
#include <cstddef>
#include <cstdint>

#include "http_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static gongwen::fuzz::HttpHarness harness({"/api/import", "/api/pictures", "/api/attachments"});
  harness.run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
