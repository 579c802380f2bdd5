#pragma once
// Text analysis shared by indexing and querying. The same normalisation must run on both
// sides, or a full-width "２０２５" in a document would never meet an ASCII "2025" in a query.
// Pure functions, no Xapian: usable by the app (e.g. to show a normalised 文号) and by tests.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::search {

// Byte offset of the first invalid UTF-8 sequence, or nullopt if `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Replaces each invalid UTF-8 sequence by U+FFFD: outside documents may contain junk bytes and
// must still be indexed.
std::string repair_utf8(std::string_view text);

enum class TextRole {
  Document,  // also removes spaces between two CJK characters (a PDF extraction artefact)
  Query,     // also turns Chinese quotation marks into ASCII " so phrases work
};

// NFKC (full-width digits/Latin → ASCII), traditional → simplified (OpenCC), control characters → space, format characters
// (zero-width space, BOM) removed, 文号 brackets folded to 〔〕. Input must be valid UTF-8.
std::string normalize_text(std::string_view text, TextRole role);

// Traditional characters folded to simplified (OpenCC t2s): 檔案 → 档案. Part of normalize_text.
std::string to_simplified_chinese(std::string_view text);

// [2025] 【2025】 (2025) ［2025］ （2025） 〖2025〗 ﹝2025﹞ → 〔2025〕 (a 4-digit year only).
std::string fold_number_brackets(std::string_view text);

// True for ideographs, kana and hangul: the characters Xapian n-grams and ICU segments.
bool is_cjk_letter(char32_t c);

// Splits text into words with ICU's dictionary word breaker (zh); drops spaces and
// punctuation-only pieces. 档案归档 → 档案, 归档.
std::vector<std::string> split_words(std::string_view text);

// A 发文字号 taken apart. Accepts 白政发〔2025〕7号 and 白政发2025年7号 (text already
// normalised); `organ` may be empty ("〔2025〕7号").
struct DocNumber {
  std::string organ;      // 机关代字, e.g. 白政发
  std::string year;       // 2025
  std::string seq;        // 7 (no leading zeros)
  std::string canonical;  // 白政发〔2025〕7号
};
std::optional<DocNumber> parse_doc_number(std::string_view normalized);

}  // namespace gongwen::search
