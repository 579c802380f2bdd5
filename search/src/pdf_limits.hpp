#pragma once
// Limits on an outside PDF, checked with QPDF before Poppler extracts its text (issue 13 #9):
// a 407 KB 收文 whose page content inflated to 100 MB cost 3.5 GB in Poppler's text
// extraction, and a PDF with no cross-reference table and `/Count 999999999` was registered.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::search {

struct PdfLimits {
  std::size_t max_pages = 2000;                      // a bound 公文 volume is a few hundred
  std::size_t max_content_bytes = 32u << 20;         // page and form content, inflated; text pages are KBs each
  std::chrono::seconds max_time{30};                 // checking and extracting, together
};

// An error naming the file and what is over its limit or damaged, or nothing: a file that
// needs its cross-reference table rebuilt, whose page count is not what its page tree holds,
// with more pages than allowed, or whose page contents inflate past the limit.
std::optional<Error> pdf_limits_problem(const std::string& bytes, const std::string& name, const PdfLimits& limits);

}  // namespace gongwen::search
