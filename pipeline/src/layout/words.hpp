#pragma once
// Where a title or a heading may not break: inside a word (ICU's dictionary word boundaries
// for Chinese) or inside a name (the profile's organs, the document's issuers, and a place
// name's last character: 白路|乡 is one name). GB/T 9704 §7.3.1: "回行时，要做到词意完整".
#include <string>
#include <vector>

namespace gongwen::layout {

// joins[i] != 0: no break before code point i. Empty when `text` is empty.
std::vector<char> word_joins(const std::vector<char32_t>& text,
                             const std::vector<std::string>& names);

}  // namespace gongwen::layout
