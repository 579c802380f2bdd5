// HTTP requests to the web desk's draft routes (list, submit, check, templates, the workflow actions and the preview PDF under /api/drafts/N) (see http_harness.hpp).
#include <cstddef>
#include <cstdint>

#include "http_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static gongwen::fuzz::HttpHarness harness({"/api/drafts", "/api/templates"});
  harness.run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
