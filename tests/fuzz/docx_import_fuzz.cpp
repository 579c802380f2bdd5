// Fuzz target: import_docx must return a value or a BadInput error for any bytes; never
// crash, hang or throw. Corpus: tests/fuzz/corpus/docx_import_fuzz (small valid packages,
// a table, a picture, an XXE and a bad-name zip).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gongwen/pipeline/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gongwen::ImportLimits limits;
  limits.max_entry_bytes = 4u << 20;  // keep each run small
  limits.max_total_bytes = 8u << 20;
  auto r = gongwen::import_docx(std::string_view(reinterpret_cast<const char*>(data), size),
                                "fuzz.docx", limits);
  if (r.ok()) {
    (void)gongwen::draft_toml(r.value(), {});
  } else if (r.error().code != gongwen::Code::BadInput) {
    __builtin_trap();
  }
  return 0;
}
