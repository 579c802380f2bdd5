#pragma once
// The register's fields proposed from a 公文's text as it comes out of OCR or a PDF's text
// layer (issue 19): the 版头 of page 1 gives 来文单位 (the 发文机关标志 line, "文件" dropped),
// 密级, 紧急程度, 文号 (any bracket form, written back with 〔〕); the lines under it the 标题 (up to
// the 主送 line that ends in a colon) and 主送; the last 成文日期 in the text (Arabic digits or
// Chinese numerals, as 二〇二六年十一月五日; not an 印发 date). A field that is not found is "".
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::search {

struct ProposedFields {
  std::string sender, number, title, to, date /* ISO */, secrecy, urgency, kind;
};

ProposedFields propose_fields(std::string_view first_page, std::string_view whole_text);

// The correction pass over recognised text: where a run of characters differs from one of the
// office's own terms (organ and place names) in exactly one Han character, the term is written
// instead ("日路乡人民政府" → "白路乡人民政府"). Never two: that made a neighbour such as
// 红岩乡人民政府 ours. Digits are never changed; terms under three characters are left alone.
std::string correct_with_vocabulary(std::string_view text, const std::vector<std::string>& terms);

// "二〇二六年十一月五日" or "2026年11月5日" at the start of `text` → "2026-11-05"; "" otherwise.
std::string chinese_date_iso(std::string_view text);

}  // namespace gongwen::search
