// Normalisation applied identically to documents and queries (see analysis.hpp for why).
#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <array>
#include <unordered_map>

#include "gongwen/search/analysis.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    if (utf8::next_or_invalid(text, pos) == utf8::kInvalid) return at;
  }
  return std::nullopt;
}

std::string repair_utf8(std::string_view text) {
  if (!find_invalid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::next_or_invalid(text, pos);
    utf8::append(out, cp == utf8::kInvalid ? U'\uFFFD' : cp);
  }
  return out;
}

bool is_cjk_letter(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) ||    // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         (c >= 0x20000 && c <= 0x3134F) ||  // extensions B–G
         (c >= 0x3040 && c <= 0x30FF) ||    // kana
         (c >= 0xAC00 && c <= 0xD7AF) ||    // hangul syllables
         c == 0x3007;                       // 〇, used in Chinese dates
}

namespace {

// Before NFKC: drop what would only split words invisibly, blank what would join lines.
std::string clean_controls(std::string_view text, TextRole role) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::next_or_invalid(text, pos);
    if (cp == utf8::kInvalid) continue;  // callers validate first; be safe anyway
    const int8_t type = u_charType(static_cast<UChar32>(cp));
    if (type == U_CONTROL_CHAR) {
      // Keep line breaks in documents (paragraph boundaries); everything else becomes a space.
      out += (role == TextRole::Document && cp == U'\n') ? '\n' : ' ';
    } else if (type == U_FORMAT_CHAR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR) {
      continue;  // zero-width space, BOM, bidi marks, private use: invisible noise
    } else {
      utf8::append(out, cp);
    }
  }
  return out;
}

// Full-width punctuation (，：（）！？…) is how Chinese text is written; NFKC would turn it into
// ASCII and the titles and snippets shown to users would look foreign. Punctuation is never
// indexed, so documents keep it; queries get full NFKC so that "：" works as a field colon.
const icu::Normalizer2* normalizer(TextRole role) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return nullptr;
  if (role == TextRole::Query) return nfkc;
  static const icu::FilteredNormalizer2* filtered = [nfkc] {
    UErrorCode st = U_ZERO_ERROR;
    auto* set = new icu::UnicodeSet(
        icu::UnicodeString(u"[^\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\u2026]"), st);
    set->freeze();
    return U_SUCCESS(st) ? new icu::FilteredNormalizer2(*nfkc, *set) : nullptr;
  }();
  return filtered ? filtered : nfkc;
}

std::string nfkc(const std::string& text, TextRole role) {
  const icu::Normalizer2* norm = normalizer(role);
  if (norm == nullptr) return text;  // ICU data missing: better unnormalised than nothing
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(text);
  const icu::UnicodeString out = norm->normalize(in, status);
  if (U_FAILURE(status)) return text;
  std::string result;
  out.toUTF8String(result);
  return result;
}

// PDF text extraction puts spaces between Han characters; they would break n-grams.
std::string join_cjk_runs(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  char32_t prev = 0;
  while (pos < text.size()) {
    const char32_t cp = utf8::next_or_invalid(text, pos);
    if ((cp == U' ' || cp == U'\t') && is_cjk_letter(prev)) {
      std::size_t look = pos;
      char32_t after = cp;
      while (look < text.size() && (after == U' ' || after == U'\t')) after = utf8::next_or_invalid(text, look);
      if (is_cjk_letter(after)) {
        pos = look;
        utf8::append(out, after);
        prev = after;
        continue;
      }
    }
    utf8::append(out, cp);
    prev = cp;
  }
  return out;
}

std::string ascii_quotes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::next_or_invalid(text, pos);
    switch (cp) {
      case U'“': case U'”': case U'„': case U'「': case U'」': case U'『': case U'』':
        out += '"';
        break;
      default:
        utf8::append(out, cp);
    }
  }
  return out;
}

bool is_open_bracket(char32_t c) {
  return c == U'[' || c == U'(' || c == U'【' || c == U'〔' || c == U'〖' || c == U'［' ||
         c == U'（' || c == U'﹝';
}
bool is_close_bracket(char32_t c) {
  return c == U']' || c == U')' || c == U'】' || c == U'〕' || c == U'〗' || c == U'］' ||
         c == U'）' || c == U'﹞';
}

// Traditional → simplified with OpenCC's t2s table, so 檔案 finds 档案. Only text that holds a
// character outside the plain-ASCII/common-simplified fast path pays for the conversion: a
// converter per thread (OpenCC objects are not thread-safe), opened on first use.
struct OpenccHandle {
  opencc_t handle = reinterpret_cast<opencc_t>(-1);
  OpenccHandle() { handle = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP); }
  ~OpenccHandle() {
    if (handle != reinterpret_cast<opencc_t>(-1)) opencc_close(handle);
  }
};

bool has_non_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// OpenCC converts about 1 MB/s, most of the indexing time for a long document that is already
// simplified. Whether a character changes under t2s is asked of OpenCC once per character and
// cached; only text holding such a character is converted (as a whole, so phrase rules apply).
bool needs_conversion(opencc_t cc, std::string_view text) {
  thread_local std::unordered_map<char32_t, bool> changes;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = utf8::next_or_invalid(text, pos);
    if (cp < 0x2E80) continue;  // below the CJK blocks nothing is traditional
    auto [it, fresh] = changes.try_emplace(cp, false);
    if (fresh) {
      const std::string one(text.substr(start, pos - start));
      char* out = opencc_convert_utf8(cc, one.data(), one.size());
      it->second = out != nullptr && one != out;
      if (out != nullptr) opencc_convert_utf8_free(out);
    }
    if (it->second) return true;
  }
  return false;
}

std::string to_simplified(std::string text) {
  if (!has_non_ascii(text)) return text;
  thread_local OpenccHandle cc;
  if (cc.handle == reinterpret_cast<opencc_t>(-1)) return text;  // no data: keep as is
  if (!needs_conversion(cc.handle, text)) return text;
  char* out = opencc_convert_utf8(cc.handle, text.data(), text.size());
  if (out == nullptr) return text;
  std::string result(out);
  opencc_convert_utf8_free(out);
  return result;
}

}  // namespace

std::string to_simplified_chinese(std::string_view text) { return to_simplified(std::string(text)); }

std::string fold_number_brackets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = utf8::next_or_invalid(text, pos);
    if (is_open_bracket(cp) && pos + 4 < text.size()) {
      bool digits = true;
      for (std::size_t i = 0; i < 4; ++i) digits = digits && text[pos + i] >= '0' && text[pos + i] <= '9';
      // A fifth digit means it is not a year (e.g. "(20251)").
      std::size_t after = pos + 4;
      if (digits && is_close_bracket(utf8::next_or_invalid(text, after))) {
        out += "〔";
        out.append(text.substr(pos, 4));
        out += "〕";
        pos = after;
        continue;
      }
    }
    out.append(text.substr(start, pos - start));
  }
  return out;
}

std::string normalize_text(std::string_view text, TextRole role) {
  std::string s = to_simplified(nfkc(clean_controls(text, role), role));
  // NFKC leaves 〔〕 alone but turns ［］（） into ASCII; folding after it sees fewer forms.
  s = fold_number_brackets(s);
  if (role == TextRole::Document) s = join_cjk_runs(s);
  if (role == TextRole::Query) s = ascii_quotes(s);
  return s;
}

}  // namespace gongwen::search
