#pragma once
// Scans made from our own PDFs, so the truth is known (issue 19): a page rendered with Poppler
// at 300 or 200 dpi, then grey or black-and-white, turned 0.5–2°, speckled, a faint red stamp,
// or a photo-like JPEG (blur, uneven light, strong compression). Used by the ctest quality
// test (tests/unit/search/ocr_quality_test.cpp) and the benchmark (bench/ocr_bench.cpp).
#include <string>
#include <vector>

namespace gongwen::material {

enum class Variant { Colour300, Grey300, Bw300, Grey200, Degraded200, Bw200Rotated, PhotoJpeg };
const std::vector<Variant>& all_variants();
const char* variant_name(Variant v);
int variant_dpi(Variant v);

// Page `page` (0-based) of `pdf` as that variant: PNG bytes (JPEG for PhotoJpeg). "" if the
// page cannot be rendered. `seed` makes the noise and the angle repeatable.
std::string scan_page(const std::string& pdf, int page, Variant v, unsigned seed = 1);

// Pages (PNG/JPEG bytes) as one image-only PDF, as a copier's scan-to-PDF makes it.
std::string image_pdf(const std::vector<std::string>& images, int dpi);

// A white page of A4 at 300 dpi (PNG): the blank scan.
std::string blank_page_png();

// The text of page `page` of `pdf` (Poppler), and the character error rate of `got` against
// `truth`: edit distance over code points, whitespace ignored, divided by truth's length.
std::string page_text(const std::string& pdf, int page);
int page_count(const std::string& pdf);
double cer(const std::string& truth, const std::string& got);

}  // namespace gongwen::material
