// Fuzz target: the scan image reader (search/ocr.hpp decode_scan_image: the header's size
// checked before decoding, pages counted, each page decoded by Leptonica and cleaned up) must
// return pages or a BadInput refusal for any bytes; never crash, hang or throw. Corpus:
// tests/fuzz/corpus/scan_image_fuzz (a small PNG, JPEG, TIFF; cut short; a PNG whose header
// says 20000×20000; not an image).
#include <cstddef>
#include <cstdint>
#include <string>

#include "gongwen/search/ocr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  gongwen::search::ScanLimits limits;
  limits.max_pixels = 4'000'000;  // small pages keep the fuzzer fast
  limits.max_pages = 8;
  const auto r = gongwen::search::decode_scan_image(bytes, "fuzz", limits);
  if (r.ok() && (r.value() < 1 || r.value() > limits.max_pages)) __builtin_trap();
  if (!r.ok() && r.error().code != gongwen::Code::BadInput) __builtin_trap();
  return 0;
}
