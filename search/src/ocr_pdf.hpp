#pragma once
// The OCR working copy's PDF side (qpdf): Tesseract's text-only pages laid over the received
// PDF's pages as form XObjects (as ocrmypdf's "sandwich"), and dates and /ID made from the
// clock so that the same scan and clock give the same bytes.
#include <string>
#include <vector>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::search::ocr {

// `text_layer` has one page per entry of `pages` (0-based pages of `original`).
Result<std::string> overlay_text_layer(const std::string& original, const std::string& text_layer,
                                       const std::vector<int>& pages, const std::string& created_iso);

// Tesseract's own image-and-text PDF, with the clock's dates and a deterministic /ID.
Result<std::string> normalise_pdf(const std::string& pdf, const std::string& created_iso);

}  // namespace gongwen::search::ocr
