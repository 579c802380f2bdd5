#pragma once
// Readings of Chinese characters, for "did you mean" (homophones: 放 and 防 are both fang) and
// pinyin initials (slfh → 森林防火). From ICU's Han-Latin transliterator, toneless; one reading
// per character (ICU's most common one).
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::search {

// The toneless reading of a CJK character ("fang"), empty when ICU has none.
const std::string& pinyin_of(char32_t c);

// Other characters with the same toneless reading (U+4E00–U+9FFF), excluding `c`.
const std::vector<char32_t>& same_reading(char32_t c);

// The first letters of the readings of each character of `word` ("slfh"); empty when one of
// them has no reading.
std::string pinyin_initials(std::string_view word);

}  // namespace gongwen::search
