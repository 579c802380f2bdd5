#pragma once
// Leptonica's side of OCR (ocr.hpp): reading an outside image with its size checked from the
// header first, a Poppler page as a grey picture, and the clean-up before recognition.
#include <memory>
#include <string>
#include <vector>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/search/ocr.hpp"

struct Pix;

namespace gongwen::search::ocr {

struct PixFree {
  void operator()(Pix* p) const;
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// Leptonica quiet (its messages go to stderr) and its default limits, once per process.
void quiet_leptonica();

// Each page of a JPEG, PNG or (multi-page) TIFF, decoded after its header said it is within
// limits; the pages are counted before any is decoded.
Result<int> image_pages(const std::string& bytes, const std::string& name, const ScanLimits& limits);
Result<PixPtr> decode_image_page(const std::string& bytes, const std::string& name, int page, const ScanLimits& limits);

// An 8-bit grey Pix of `w`×`h` from rows of grey bytes.
PixPtr grey_pix(const unsigned char* rows, int w, int h, int bytes_per_row, int dpi);
// A 32-bit RGB Pix from Poppler's argb32 rows.
PixPtr rgb_pix(const unsigned char* rows, int w, int h, int bytes_per_row, int dpi);

// The picture Tesseract reads, and the resolution it has then: grey, deskewed, scaled to
// about 300 dpi, binarised (Sauvola) and without speckles, as `options` says.
struct Prepared {
  PixPtr pix;
  int dpi = 300;
};
Prepared prepare(Pix* page, int dpi, const OcrOptions& options);

// The resolution of a decoded image: its own if it says one, else as if it were A4 wide.
int image_dpi(Pix* pix);

}  // namespace gongwen::search::ocr
