// 发文字号 parsing. A number is written 白政发〔2025〕7号 but users type [2025], (2025),
// 2025年 or only "7号"; the index stores the parts so every form can find it.
#include "gongwen/search/analysis.hpp"

namespace gongwen::search {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string strip_zeros(std::string_view digits) {
  std::size_t i = 0;
  while (i + 1 < digits.size() && digits[i] == '0') ++i;
  return std::string(digits.substr(i));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "7号" (or "7") after the year: the sequence number, with nothing else following.
std::optional<std::string> parse_seq(std::string_view rest) {
  constexpr std::string_view kHao = "号";
  rest = trim(rest);
  if (rest.starts_with("第")) rest.remove_prefix(std::string_view("第").size());
  if (rest.ends_with(kHao)) rest.remove_suffix(kHao.size());
  if (!all_digits(rest) || rest.size() > 6) return std::nullopt;
  return strip_zeros(rest);
}

DocNumber make(std::string_view organ, std::string_view year, std::string seq) {
  DocNumber n;
  n.organ = std::string(trim(organ));
  n.year = std::string(year);
  n.seq = std::move(seq);
  n.canonical = n.organ + "〔" + n.year + "〕" + n.seq + "号";
  return n;
}

}  // namespace

std::optional<DocNumber> parse_doc_number(std::string_view text) {
  text = trim(text);
  constexpr std::string_view kOpen = "〔", kClose = "〕", kNian = "年";
  // 白政发〔2025〕7号 (brackets already folded by normalize_text)
  if (const auto open = text.find(kOpen); open != std::string_view::npos) {
    const std::size_t digits = open + kOpen.size();
    if (text.size() >= digits + 4 + kClose.size() && all_digits(text.substr(digits, 4)) &&
        text.substr(digits + 4, kClose.size()) == kClose) {
      if (auto seq = parse_seq(text.substr(digits + 4 + kClose.size())))
        return make(text.substr(0, open), text.substr(digits, 4), std::move(*seq));
    }
    return std::nullopt;
  }
  // 白政发2025年7号: the sequence must end in 号, or 2025年7 would read as a date.
  if (const auto nian = text.find(kNian); nian != std::string_view::npos && nian >= 4) {
    const std::string_view year = text.substr(nian - 4, 4);
    const std::string_view organ = text.substr(0, nian - 4);
    const bool organ_ends_in_digit = !organ.empty() && organ.back() >= '0' && organ.back() <= '9';
    const std::string_view rest = text.substr(nian + kNian.size());
    if (all_digits(year) && !organ_ends_in_digit && trim(rest).ends_with("号")) {
      if (auto seq = parse_seq(rest)) return make(organ, year, std::move(*seq));
    }
  }
  return std::nullopt;
}

}  // namespace gongwen::search
