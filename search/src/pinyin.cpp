#include "pinyin.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

namespace {

constexpr char32_t kFirst = 0x4E00, kLast = 0x9FFF;

struct Table {
  std::vector<std::string> reading;  // by code point - kFirst
  std::unordered_map<std::string, std::vector<char32_t>> by_reading;
};

// The whole block transliterated in one call (one character a line), once per process: a
// call per character costs far more than the one pass (tens of milliseconds).
Table build() {
  Table t;
  t.reading.resize(kLast - kFirst + 1);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
      "Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !tr) return t;
  icu::UnicodeString all;
  for (char32_t c = kFirst; c <= kLast; ++c) {
    all.append(static_cast<UChar32>(c));
    all.append(static_cast<UChar>('\n'));
  }
  tr->transliterate(all);
  std::string utf8;
  all.toUTF8String(utf8);
  std::size_t at = 0;
  for (char32_t c = kFirst; c <= kLast && at <= utf8.size(); ++c) {
    const std::size_t nl = utf8.find('\n', at);
    std::string r = utf8.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? utf8.size() + 1 : nl + 1;
    bool latin = !r.empty();
    for (char ch : r) latin = latin && ch >= 'a' && ch <= 'z';
    if (!latin) continue;  // untransliterated (no reading known)
    t.by_reading[r].push_back(c);
    t.reading[c - kFirst] = std::move(r);
  }
  return t;
}

const Table& table() {
  static const Table t = build();
  return t;
}

}  // namespace

const std::string& pinyin_of(char32_t c) {
  static const std::string kNone;
  if (c < kFirst || c > kLast) return kNone;
  return table().reading[c - kFirst];
}

const std::vector<char32_t>& same_reading(char32_t c) {
  static const std::vector<char32_t> kNone;
  const std::string& r = pinyin_of(c);
  if (r.empty()) return kNone;
  // Built once per character asked for: the table's list minus the character itself.
  static std::mutex mutex;
  static std::map<char32_t, std::vector<char32_t>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto [it, fresh] = cache.try_emplace(c);
  if (fresh)
    for (char32_t other : table().by_reading.at(r))
      if (other != c) it->second.push_back(other);
  return it->second;
}

std::string pinyin_initials(std::string_view word) {
  std::string out;
  for (std::size_t pos = 0; pos < word.size();) {
    const std::string& r = pinyin_of(utf8::next_or_invalid(word, pos));
    if (r.empty()) return {};
    out += r.front();
  }
  return out;
}

}  // namespace gongwen::search
