// Chinese word segmentation for queries. Xapian 1.4 only n-grams CJK: an unquoted run needs
// every bigram of the run, so 档案归档 would need 案归 and miss a text saying 档案…归档.
// Splitting the run into dictionary words first makes each word its own n-gram group.
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>

#include "gongwen/search/analysis.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

namespace {

// Creating a dictionary break iterator costs far more than using one; keep one per thread
// (BreakIterator objects are not thread-safe).
icu::BreakIterator* word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) bi.reset();
    return bi;
  }();
  return breaker.get();
}

bool has_word_char(std::string_view piece) {
  for (std::size_t pos = 0; pos < piece.size();) {
    const char32_t cp = utf8::next_or_invalid(piece, pos);
    if (cp == utf8::kInvalid) continue;
    if (u_isalnum(static_cast<UChar32>(cp)) || is_cjk_letter(cp)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  if (text.empty()) return words;
  icu::BreakIterator* bi = word_breaker();
  if (bi == nullptr || find_invalid_utf8(text)) {
    // No ICU data (or bad input): the whole run as one word still finds exact matches.
    if (has_word_char(text)) words.emplace_back(text);
    return words;
  }
  // UText over the UTF-8 bytes: break positions come back as byte offsets, no UTF-16 copy.
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    words.emplace_back(text);
    return words;
  }
  bi->setText(ut, status);
  if (U_SUCCESS(status)) {
    int32_t start = bi->first();
    for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
      const std::string_view piece = text.substr(start, end - start);
      if (has_word_char(piece)) words.emplace_back(piece);
    }
  } else if (has_word_char(text)) {
    words.emplace_back(text);
  }
  // Detach the iterator from the UText before closing it: the text belongs to the caller.
  static const icu::UnicodeString kEmpty;
  bi->setText(kEmpty);
  utext_close(ut);
  return words;
}

}  // namespace gongwen::search
