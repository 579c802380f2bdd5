#pragma once
// OCR of scanned 收文 (issue 19): image-only PDF pages and JPEG/PNG/TIFF scans recognised with
// Tesseract (chi_sim, LSTM) after Leptonica's clean-up (grey, deskew, scale to about 300 dpi,
// Sauvola binarisation, speckles removed). Outside bytes are untrusted: the image's size is
// read from its header and refused before anything is decoded (a decompression bomb), pages
// are bounded, and every Leptonica or Tesseract failure becomes a BadInput error.
// No Tesseract or Leptonica type appears here (docs/architecture.md, "Layers").
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::search {

enum class ScanFormat { None, Pdf, Jpeg, Png, Tiff };

// What the bytes are by their first bytes (not by the file's name).
ScanFormat scan_format(const std::string& bytes);
const char* scan_format_name(ScanFormat f);  // "PDF", "JPEG", "PNG", "TIFF", ""

struct ScanLimits {
  std::uint64_t max_pixels = 80'000'000;  // per page: A3 at 600 dpi is 70 MP
  int max_pages = 500;                    // a scan with more is refused, not cut short
  int dpi = 300;                          // a PDF page is rendered at this resolution
};

struct OcrPage {
  std::string text;         // in reading order, no spaces between Han characters
  int confidence = 0;       // Tesseract's mean word confidence, 0–100
  bool recognised = false;  // false: the PDF page had text of its own (not recognised)
  bool blank = false;       // recognised, and nothing found
};

struct OcrOptions {
  ScanLimits limits;
  bool want_pdf = true;           // make the working copy with its invisible text layer
  std::string creation_date;      // the clock's instant, ISO 8601: the working copy's dates
  // Called before each page is recognised: (page, pages), 1-based.
  std::function<void(int, int)> progress;
  // Input clean-up steps, for the benchmark's "what each step gained" (all on by default).
  bool deskew = true, binarise = true, rescale = true, despeckle = true;
  bool drop_seal = true;  // a colour page: the red seal below the 版头 read as its red channel
};

struct OcrOutcome {
  std::vector<OcrPage> pages;
  std::string text;      // all pages, each followed by a line break
  std::string pdf;       // the working copy: each page image with an invisible text layer ("" if none recognised)
  int recognised = 0;    // pages recognised
  int confidence = 0;    // mean over the recognised pages that were not blank
  std::vector<std::string> warnings;  // e.g. a blank scan (catalogue messages)
};

// Recognises the pages of `bytes` (a PDF or an image) that carry no text. BadInput for what
// is not a readable PDF or image, an image over limits.max_pixels, more than max_pages pages.
// `name` is for messages only.
Result<OcrOutcome> recognise_scan(const std::string& bytes, const std::string& name, const OcrOptions& options = {});

// True when a PDF's pages carry no text of their own (a scan): receive then recognises it.
bool pdf_needs_ocr(const std::string& bytes);

// The image reader path alone (header check, decode, clean-up; no recognition): the number of
// pages it decodes, or the refusal. The fuzz target's entry.
Result<int> decode_scan_image(const std::string& bytes, const std::string& name, const ScanLimits& limits = {});

// Whether the chi_sim model is installed (a test fails, not skips, without it).
bool ocr_available();

}  // namespace gongwen::search
