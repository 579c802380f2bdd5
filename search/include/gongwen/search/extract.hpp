#pragma once
// Plain text from documents that come from outside (收文): PDF via Poppler, DOCX via libzip +
// libxml2 (bounded sizes, no network, no entity expansion). Spaces that PDF text extraction
// puts between Han characters are removed so that the index sees words, not glyphs.
#include <string>
#include <string_view>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::search {

// `name` is used in messages only (and tells an OFD from a DOCX: both are zips). BadInput
// when the bytes are not a readable PDF, DOCX or OFD (read_ofd: text in reading order).
Result<std::string> extract_text(const std::string& bytes, const std::string& name);

// "关 于 做 好" → "关于做好"; spaces between Latin words and between Han and Latin stay.
std::string remove_spaces_between_han(std::string_view text);

}  // namespace gongwen::search
