// Proposing the register's fields from recognised text (scan_fields.hpp). The text is OCR's,
// so every rule allows for what Tesseract does to a 版头: spaces anywhere, brackets read as
// any of 〔〕[]（）【】, full-width digits, ○ or O for 〇.
#include "gongwen/search/scan_fields.hpp"

#include <array>
#include <cstdio>
#include <vector>

#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

namespace {

using U = std::u32string;

U decode(std::string_view s) {
  U out;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t c = utf8::next(s, i);
    if (c >= U'０' && c <= U'９') c = c - U'０' + U'0';  // full-width digits
    out += c;
  }
  return out;
}

std::string encode(const U& s) {
  std::string out;
  for (char32_t c : s) utf8::append(out, c);
  return out;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0; }

// Lines without any spaces (OCR puts them anywhere), empty lines dropped.
std::vector<U> lines_of(std::string_view text) {
  std::vector<U> lines;
  U cur;
  for (char32_t c : decode(text)) {
    if (c == '\n' || c == '\f') {
      if (!cur.empty()) lines.push_back(cur);
      cur.clear();
    } else if (!is_space(c)) {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

bool contains(const U& s, const U& part) { return s.find(part) != U::npos; }
bool ends_with(const U& s, const U& end) { return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0; }
bool digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_open(char32_t c) { return U(U"〔[［【（(﹝{").find(c) != U::npos; }
bool is_close(char32_t c) { return U(U"〕]］】）)﹞}").find(c) != U::npos; }

// The 文号 in a line: prefix + 〔year〕 + serial + 号, brackets made 〔〕. Empty if none.
// The 发文机关标志 made an organ's name: "白路乡人民政府文件" and "白路乡人民政府纪要" → the organ.
U organ_of_mark(U mark) {
  for (const char32_t* end : {U"会议纪要", U"文件", U"纪要"})
    if (ends_with(mark, end) && mark.size() > std::char_traits<char32_t>::length(end)) {
      mark.resize(mark.size() - std::char_traits<char32_t>::length(end));
      break;
    }
  return mark;
}

// The 文种 a 文号's 机关代字 names (白政函 → 函, 白政请 → 请示), or "".
U kind_of_number(const U& number) {
  const auto open = number.find(U'〔');
  if (open == U::npos || open == 0) return {};
  switch (number[open - 1]) {
    case U'函': return U"函";
    case U'请': return U"请示";
    case U'报': return U"报告";
    case U'复': return U"批复";
    case U'纪': return U"纪要";
    case U'议': return U"议案";
    default: return {};
  }
}

U number_in(const U& line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (!is_open(line[i])) continue;
    std::size_t j = i + 1;
    while (j < line.size() && digit(line[j])) ++j;
    if (j - i - 1 != 4 || j >= line.size() || !is_close(line[j])) continue;
    std::size_t k = j + 1;
    while (k < line.size() && digit(line[k])) ++k;
    if (k == j + 1 || k >= line.size() || line[k] != U'号') continue;
    std::size_t start = i;  // the 机关代字: Han characters (and Latin letters) before the bracket
    while (start > 0 && !digit(line[start - 1]) && line[start - 1] != U'：' && line[start - 1] != ':' && i - start < 12)
      --start;
    if (start == i) continue;
    return line.substr(start, i - start) + U"〔" + line.substr(i + 1, 4) + U"〕" + line.substr(j + 1, k - j - 1) + U"号";
  }
  return {};
}

bool is_copy_number(const U& line) {  // 份号: six digits, maybe with a label
  std::size_t digits = 0;
  for (char32_t c : line) digits += digit(c);
  return digits >= 3 && digits + 4 >= line.size() && line.find(U'〔') == U::npos;
}

const std::array<const char32_t*, 3> kSecrecy{U"绝密", U"机密", U"秘密"};
const std::array<const char32_t*, 3> kUrgency{U"特急", U"加急", U"平急"};
const std::array<const char32_t*, 16> kKinds{U"决议", U"决定", U"命令", U"公报", U"公告", U"通告", U"意见", U"通知",
                                              U"通报", U"报告", U"请示", U"批复", U"议案", U"函", U"纪要", U"令"};

bool is_head_mark(const U& line) {  // 份号, 密级, 紧急程度: the lines above the 标志
  if (is_copy_number(line)) return true;
  if (line.size() > 16) return false;
  for (auto* w : kSecrecy) if (contains(line, w)) return true;
  for (auto* w : kUrgency) if (contains(line, w)) return true;
  return false;
}

int chinese_number(const U& s) {  // 一 … 三十一; 0 if not one
  static const U digits = U"〇一二三四五六七八九";
  if (s.empty()) return 0;
  int value = 0, cur = 0;
  bool ten = false;
  for (char32_t c : s) {
    if (c == U'十') {
      value += (cur == 0 ? 1 : cur) * 10;
      cur = 0;
      ten = true;
      continue;
    }
    const auto d = digits.find(c);
    if (d == U::npos) return 0;
    cur = static_cast<int>(d);
  }
  (void)ten;
  return value + cur;
}

char32_t year_digit(char32_t c) {  // 〇○零OoО and 一…九 → '0'…'9'
  static const U zero = U"〇○零OoО0";
  if (zero.find(c) != U::npos) return '0';
  static const U digits = U"一二三四五六七八九";
  const auto d = digits.find(c);
  if (d != U::npos) return static_cast<char32_t>('1' + d);
  if (digit(c)) return c;
  return 0;
}

std::string iso(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// A date starting at `at` in `s`: 4 year digits (Arabic or Chinese) 年 month 月 day 日.
std::string date_at(const U& s, std::size_t at, std::size_t* end = nullptr) {
  if (at + 4 >= s.size()) return "";
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const char32_t d = year_digit(s[at + i]);
    if (!d) return "";
    y = y * 10 + static_cast<int>(d - '0');
  }
  std::size_t p = at + 4;
  if (s[p] != U'年') return "";
  const std::size_t m_end = s.find(U'月', p + 1);
  if (m_end == U::npos || m_end - p - 1 > 3 || m_end == p + 1) return "";
  const std::size_t d_end = s.find(U'日', m_end + 1);
  if (d_end == U::npos || d_end - m_end - 1 > 3 || d_end == m_end + 1) return "";
  const U ms = s.substr(p + 1, m_end - p - 1), ds = s.substr(m_end + 1, d_end - m_end - 1);
  auto number = [](const U& t) {
    bool arabic = true;
    int v = 0;
    for (char32_t c : t) arabic = arabic && digit(c), v = v * 10 + static_cast<int>(c - '0');
    return arabic ? v : chinese_number(t);
  };
  if (end) *end = d_end + 1;
  return iso(y, number(ms), number(ds));
}

}  // namespace

std::string correct_with_vocabulary(std::string_view text, const std::vector<std::string>& terms) {
  U s = decode(text);
  for (const std::string& term_text : terms) {
    const U term = decode(term_text);
    if (term.size() < 3) continue;
    // One character: two would turn a neighbour's name (红岩乡人民政府) into ours.
    const std::size_t allowed = 1;
    for (std::size_t i = 0; i + term.size() <= s.size(); ++i) {
      std::size_t diff = 0;
      for (std::size_t k = 0; k < term.size() && diff <= allowed; ++k) {
        const char32_t c = s[i + k];
        if (c == '\n') diff = allowed + 1;  // a term does not span lines here
        else if (c != term[k]) ++diff;
      }
      if (diff == 0 || diff > allowed) continue;
      // Only Han characters are replaced: a differing digit is a different 文号 or date.
      bool digits_differ = false;
      for (std::size_t k = 0; k < term.size(); ++k) digits_differ = digits_differ || (s[i + k] != term[k] && (digit(s[i + k]) || digit(term[k])));
      if (digits_differ) continue;
      s.replace(i, term.size(), term);
      i += term.size() - 1;
    }
  }
  return encode(s);
}

std::string chinese_date_iso(std::string_view text) {
  U s;
  for (char32_t c : decode(text)) if (!is_space(c)) s += c;
  return date_at(s, 0);
}

ProposedFields propose_fields(std::string_view first_page, std::string_view whole_text) {
  ProposedFields f;
  const std::vector<U> lines = lines_of(first_page);
  const std::size_t head = std::min<std::size_t>(lines.size(), 8);
  for (std::size_t i = 0; i < head; ++i) {
    if (lines[i].size() > 16) continue;
    for (auto* w : kSecrecy) if (f.secrecy.empty() && contains(lines[i], w)) f.secrecy = encode(w);
    for (auto* w : kUrgency) if (f.urgency.empty() && contains(lines[i], w)) f.urgency = encode(w);
  }
  // The 文号 line: the first with a 文号 in the upper part of the page.
  std::size_t number_line = lines.size();
  for (std::size_t i = 0; i < std::min<std::size_t>(lines.size(), 14); ++i) {
    const U n = number_in(lines[i]);
    if (n.empty()) continue;
    f.number = encode(n);
    number_line = i;
    break;
  }
  // 来文单位: the 标志 line(s) just above the 文号 (or the first line that is no head mark).
  std::size_t first_body = 0;
  if (number_line < lines.size()) {
    U sender;
    for (std::size_t i = number_line; i-- > 0;) {
      if (is_head_mark(lines[i])) break;
      sender = lines[i] + sender;
      if (sender.size() > 8) break;  // one line of 标志 is the usual; a joint one stops here
    }
    f.sender = encode(organ_of_mark(sender));
    first_body = number_line + 1;
  } else {
    for (std::size_t i = 0; i < head; ++i) {
      if (is_head_mark(lines[i])) continue;
      f.sender = encode(organ_of_mark(lines[i]));
      first_body = i + 1;
      break;
    }
  }
  // 标题: the lines after, up to the 主送 line (ending in a colon) or a title that ends in a 文种.
  U title;
  for (std::size_t i = first_body; i < lines.size() && i < first_body + 5; ++i) {
    const U& l = lines[i];
    if (contains(l, U"签发人")) continue;
    if (ends_with(l, U"：") || ends_with(l, U":")) {
      f.to = encode(l.substr(0, l.size() - 1));
      break;
    }
    title += l;
    bool kind_end = false;
    for (auto* k : kKinds) kind_end = kind_end || ends_with(title, k);
    if (kind_end && i + 1 < lines.size() && (ends_with(lines[i + 1], U"：") || ends_with(lines[i + 1], U":"))) continue;
    if (kind_end) break;
  }
  // A title whose 文种 was misread ("…建设的图") ends in the 文种 its 文号 names, when only one
  // character differs.
  bool ends_in_kind = false;
  for (auto* k : kKinds) ends_in_kind = ends_in_kind || ends_with(title, k);
  if (const U kind = kind_of_number(decode(f.number)); !ends_in_kind && !kind.empty() && title.size() > kind.size()) {
    std::size_t diff = 0;
    for (std::size_t k = 0; k < kind.size(); ++k) diff += title[title.size() - kind.size() + k] != kind[k];
    if (diff == 1) title.replace(title.size() - kind.size(), kind.size(), kind);
  }
  f.title = encode(title);
  for (auto* k : kKinds)
    if (ends_with(title, k)) {
      f.kind = encode(k);
      break;
    }
  // 成文日期: the last date in the text that is not the 印发 date.
  const U all = [&] {
    U s;
    for (char32_t c : decode(whole_text)) if (!is_space(c)) s += c;
    return s;
  }();
  for (std::size_t i = 0; i + 4 < all.size(); ++i) {
    if (year_digit(all[i]) == 0) continue;
    std::size_t end = 0;
    const std::string d = date_at(all, i, &end);
    if (d.empty()) continue;
    if (!(end + 1 < all.size() + 1 && all.compare(end, 2, U"印发") == 0)) f.date = d;
    i = end - 1;
  }
  return f;
}

}  // namespace gongwen::search
