#include "layout/words.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "layout/text.hpp"

namespace gongwen::layout {
namespace {

// One dictionary break iterator per thread: creating one loads the CJK dictionary (≈ 1 ms).
icu::BreakIterator* word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) bi.reset();
    return bi;
  }();
  return it.get();
}

// The last character of a place or organ name: "白路乡", "河口村", "县" stay with the name.
bool place_suffix(char32_t c) {
  return c == U'乡' || c == U'镇' || c == U'村' || c == U'县' || c == U'市' || c == U'省' ||
         c == U'区' || c == U'州' || c == U'组';
}

}  // namespace

std::vector<char> word_joins(const std::vector<char32_t>& t, const std::vector<std::string>& names) {
  std::vector<char> joins(t.size(), 0);
  if (t.empty()) return joins;
  if (icu::BreakIterator* bi = word_iterator()) {
    const icu::UnicodeString u =
        icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(t.data()),
                                      static_cast<int32_t>(t.size()));
    // UTF-16 index → code point index.
    std::vector<std::size_t> cp_at(static_cast<std::size_t>(u.length()) + 1, 0);
    for (std::size_t i = 0, k = 0; i < t.size(); ++i) {
      cp_at[k++] = i;
      if (t[i] > 0xFFFF) cp_at[k++] = i;
    }
    cp_at[static_cast<std::size_t>(u.length())] = t.size();
    std::vector<char> boundary(t.size() + 1, 0);
    bi->setText(u);
    for (int32_t b = bi->first(); b != icu::BreakIterator::DONE; b = bi->next())
      boundary[cp_at[static_cast<std::size_t>(b)]] = 1;
    for (std::size_t i = 1; i < t.size(); ++i)
      joins[i] = !boundary[i] && is_asian_letter(t[i - 1]) && is_asian_letter(t[i]);
  }
  for (std::size_t i = 1; i < t.size(); ++i)
    if (place_suffix(t[i]) && is_asian_letter(t[i - 1])) joins[i] = 1;
  for (const std::string& name : names) {
    const std::vector<char32_t> n = decode_utf8(name);
    if (n.size() < 2 || n.size() > t.size()) continue;
    for (std::size_t i = 0; i + n.size() <= t.size(); ++i)
      if (std::equal(n.begin(), n.end(), t.begin() + static_cast<std::ptrdiff_t>(i)))
        for (std::size_t k = i + 1; k < i + n.size(); ++k) joins[k] = 1;
  }
  return joins;
}

}  // namespace gongwen::layout
