// A clerk's checks (格式诊断) on the draft's own text: the TOML file is scanned once for its
// string values (which key, which table, where), and each check looks at the text a clerk
// typed, so every finding points at the character concerned and a fix can replace exactly it.
#include "gongwen/pipeline/clerk_checks.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "gongwen/pipeline/template.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen {

namespace {

using U32 = std::u32string;
using U32View = std::u32string_view;

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF) ||
         c == 0x3007;  // 〇
}
bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
int digit_value(char32_t c) { return c <= '9' ? static_cast<int>(c - '0') : static_cast<int>(c - 0xFF10); }

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
  return s.substr(b);
}

// One string value of the file: its key, the table it is in ("" top level, "fields",
// "attachments") and its raw content [begin, end) in code points.
struct Segment {
  std::string key, table;
  std::size_t begin = 0, end = 0;
};

// The string values of a TOML draft, found with the few rules drafts use: `key = value` lines,
// [table] / [[array]] headers, comments, the four string forms, arrays over several lines.
std::vector<Segment> string_segments(const U32& t) {
  std::vector<Segment> out;
  std::string table, key;
  const std::size_t n = t.size();
  std::size_t i = 0;
  auto starts = [&](std::size_t at, U32View s) { return t.compare(at, s.size(), s) == 0; };
  auto skip_line = [&] {
    while (i < n && t[i] != '\n') ++i;
  };
  while (i < n) {
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) ++i;
    if (i >= n) break;
    if (t[i] == '#') {
      skip_line();
      continue;
    }
    if (t[i] == '[') {
      const std::size_t e = std::min(t.find(U']', i), t.find(U'\n', i));
      std::string name = utf8::encode(t.substr(i, e == U32::npos ? U32::npos : e - i));
      name.erase(std::remove(name.begin(), name.end(), '['), name.end());
      table = trim(name);
      skip_line();
      continue;
    }
    const std::size_t eq = t.find(U'=', i), nl = t.find(U'\n', i);
    if (eq == U32::npos || (nl != U32::npos && nl < eq)) {
      skip_line();
      continue;
    }
    key = trim(utf8::encode(t.substr(i, eq - i)));
    i = eq + 1;
    int depth = 0;
    while (i < n) {
      const char32_t c = t[i];
      if (c == '\n' && depth == 0) break;
      if (c == '#') {
        skip_line();
        continue;
      }
      if (starts(i, U"\"\"\"") || starts(i, U"'''")) {
        const bool basic = c == '"';
        const U32View close = basic ? U"\"\"\"" : U"'''";
        std::size_t b = i + 3, j = b;
        if (j < n && t[j] == '\n') b = ++j;  // TOML drops the newline right after the opening
        while (j < n && !starts(j, close)) j += (basic && t[j] == '\\') ? 2 : 1;
        out.push_back({key, table, b, std::min(j, n)});
        i = std::min(j + 3, n);
        continue;
      }
      if (c == '"' || c == '\'') {
        std::size_t j = i + 1;
        while (j < n && t[j] != c && t[j] != '\n') j += (c == '"' && t[j] == '\\') ? 2 : 1;
        out.push_back({key, table, i + 1, std::min(j, n)});
        i = std::min(j + 1, n);
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      if ((c == ']' || c == '}') && depth > 0) --depth;
      ++i;
    }
  }
  return out;
}

// 1–99 in Chinese numerals (一 … 九十九), or 0.
int chinese_number(U32View s) {
  static const U32 kDigits = U"〇一二三四五六七八九";
  auto digit = [&](char32_t c) {
    const std::size_t p = kDigits.find(c);
    return p == U32::npos ? -1 : static_cast<int>(p);
  };
  if (s.empty() || s.size() > 3) return 0;
  const std::size_t ten = s.find(U'十');
  if (ten == U32View::npos) return s.size() == 1 ? std::max(0, digit(s[0])) : 0;
  const int tens = ten == 0 ? 1 : (ten == 1 ? digit(s[0]) : -1);
  const int ones = ten + 1 < s.size() ? (ten + 2 == s.size() ? digit(s[ten + 1]) : -1) : 0;
  if (tens <= 0 || ones < 0) return 0;
  return tens * 10 + ones;
}

U32 chinese_numeral(int n) {
  static const U32 kDigits = U"〇一二三四五六七八九";
  if (n < 10) return U32(1, kDigits[n]);
  U32 s = n / 10 == 1 ? U"" : U32(1, kDigits[n / 10]);
  s += U'十';
  if (n % 10) s += kDigits[n % 10];
  return s;
}

// The context every check reports through.
class Checker {
 public:
  Checker(const U32& t, const std::string& src, Diagnostics& diags) : m_src(src), m_diags(diags) {
    m_line_starts.push_back(0);
    for (std::size_t i = 0; i < t.size(); ++i)
      if (t[i] == '\n') m_line_starts.push_back(i + 1);
  }

  SourcePos pos(std::size_t at) const {
    const auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), at) - 1;
    return SourcePos{m_src, static_cast<int>(it - m_line_starts.begin()) + 1, static_cast<int>(at - *it) + 1};
  }

  Diagnostic& warn(std::size_t at, const std::string& code, const std::string& field, MessageArgs args = {}) {
    return m_diags.warn(code, pos(at), field, args).hint(code + ".hint", args);
  }
  Diagnostic& error(std::size_t at, const std::string& code, const std::string& field, MessageArgs args = {}) {
    return m_diags.add(Code::BadInput, code, pos(at), field, args).hint(code + ".hint", args);
  }
  static void fix(Diagnostic& d, std::size_t length, const U32& with) { d.fix = Diagnostic::Fix{length, utf8::encode(with)}; }

 private:
  std::string m_src;
  Diagnostics& m_diags;
  std::vector<std::size_t> m_line_starts;
};

std::string field_of(const Segment& s) { return s.table == "fields" ? s.key : s.table.empty() ? s.key : s.table; }

bool is_text(const Segment& s) {
  if (s.table == "fields") return true;
  if (s.table == "attachments") return s.key == "title" || s.key == "body";
  static const std::set<std::string> kText = {"title", "to", "body", "note", "copies_to"};
  return s.table.empty() && kText.count(s.key);
}

// Where the line holding `i` starts, not before the segment.
std::size_t line_start(const U32& t, const Segment& s, std::size_t i) {
  while (i > s.begin && t[i - 1] != '\n') --i;
  return i;
}

// A Markdown table row or a picture line of the 正文: its marks are syntax, not punctuation.
bool is_markup_line(const U32& t, const Segment& s, std::size_t i) {
  std::size_t b = line_start(t, s, i);
  while (b < s.end && (t[b] == ' ' || t[b] == '\t')) ++b;
  return t.compare(b, 1, U"|") == 0 || t.compare(b, 2, U"![") == 0;
}

void check_halfwidth(Checker& c, const U32& t, const Segment& s) {
  static const std::map<char32_t, char32_t> kFull = {{',', U'，'}, {';', U'；'}, {':', U'：'}, {'?', U'？'},
                                                     {'!', U'！'}, {'(', U'（'}, {')', U'）'}};
  for (std::size_t i = s.begin; i < s.end; ++i) {
    const auto it = kFull.find(t[i]);
    if (it == kFull.end()) continue;
    const bool han = (i > s.begin && is_han(t[i - 1])) || (i + 1 < s.end && is_han(t[i + 1]));
    if (!han || is_markup_line(t, s, i)) continue;
    Checker::fix(c.warn(i, "clerk.halfwidth", field_of(s),
                        {{"mark", utf8::encode(U32(1, t[i]))}, {"full", utf8::encode(U32(1, it->second))}}),
                 1, U32(1, it->second));
  }
}

void check_quotes(Checker& c, const U32& t, const Segment& s) {
  static const std::map<char32_t, char32_t> kCorner = {{U'「', U'“'}, {U'」', U'”'}, {U'『', U'‘'}, {U'』', U'’'}};
  int doubles = 0, singles = 0;
  for (std::size_t i = s.begin; i < s.end; ++i) {
    if (const auto it = kCorner.find(t[i]); it != kCorner.end()) {
      Checker::fix(c.warn(i, "clerk.quotes", field_of(s),
                          {{"mark", utf8::encode(U32(1, t[i]))}, {"full", utf8::encode(U32(1, it->second))}}),
                   1, U32(1, it->second));
      continue;
    }
    if (t[i] != '"' && t[i] != '\'') continue;
    const std::size_t from = (t[i] == '"' && i > s.begin && t[i - 1] == '\\') ? i - 1 : i;
    const bool han = (from > s.begin && is_han(t[from - 1])) || (i + 1 < s.end && is_han(t[i + 1]));
    if (!han) continue;
    const bool dbl = t[i] == '"';
    int& count = dbl ? doubles : singles;
    const char32_t full = dbl ? (count % 2 ? U'”' : U'“') : (count % 2 ? U'’' : U'‘');
    ++count;
    Checker::fix(c.warn(from, "clerk.quotes", field_of(s),
                        {{"mark", utf8::encode(U32(1, t[i]))}, {"full", utf8::encode(U32(1, full))}}),
                 i - from + 1, U32(1, full));
  }
}

// 文号 in running text (白政发[2026]07号, 白政发〔2026〕第7号): brackets 〔〕, no 第, no leading zeros.
void check_doc_numbers(Checker& c, const U32& t, const Segment& s) {
  static const U32 kOpen = U"[［【(（﹝〔〖", kClose = U"]］】)）﹞〕〗";
  for (std::size_t i = s.begin + 1; i + 6 < s.end; ++i) {
    if (kOpen.find(t[i]) == U32::npos || !is_han(t[i - 1])) continue;
    std::size_t j = i + 1;
    int year = 0;
    for (; j < i + 5 && is_digit(t[j]); ++j) year = year * 10 + digit_value(t[j]);
    if (j != i + 5 || kClose.find(t[j]) == U32::npos) continue;
    std::size_t k = j + 1;
    if (t[k] == U'第') ++k;
    const std::size_t digits = k;
    int serial = 0;
    while (k < s.end && is_digit(t[k]) && k - digits < 6) serial = serial * 10 + digit_value(t[k++]);
    if (k == digits || k >= s.end || t[k] != U'号' || serial == 0) continue;
    const U32 written = t.substr(i, k + 1 - i);
    const U32 normal = U"〔" + utf8::decode(std::to_string(year)) + U"〕" + utf8::decode(std::to_string(serial)) + U"号";
    if (written != normal)
      Checker::fix(c.warn(i, "clerk.docnumber", field_of(s),
                          {{"written", utf8::encode(written)}, {"normal", utf8::encode(normal)}}),
                   written.size(), normal);
    i = k;
  }
}

// 2026年09月01日 → 2026年9月1日 (GB/T 9704: no leading zeros in dates).
void check_date_zeros(Checker& c, const U32& t, const Segment& s) {
  for (std::size_t i = s.begin + 1; i + 2 < s.end; ++i) {
    if ((t[i - 1] != U'年' && t[i - 1] != U'月') || !is_digit(t[i]) || digit_value(t[i]) != 0 || !is_digit(t[i + 1]))
      continue;
    const char32_t unit = t[i + 2];
    if ((t[i - 1] == U'年' && unit != U'月') || (t[i - 1] == U'月' && unit != U'日')) continue;
    Checker::fix(c.warn(i, "clerk.date.zero", field_of(s), {{"written", utf8::encode(t.substr(i, 3))},
                                                            {"normal", utf8::encode(t.substr(i + 1, 2))}}),
                 1, U"");
  }
}

// "关于……的通知", "××村": words a skeleton or a model text left for the writer to replace.
void check_placeholders(Checker& c, const U32& t, const Segment& s) {
  static const std::array<U32View, 6> kMarks = {U"××", U"XX", U"ＸＸ", U"○○", U"某某", U"……"};
  const U32View text(t.data() + s.begin, s.end - s.begin);
  for (U32View m : kMarks) {
    if (m == U"……" && !(s.table.empty() && (s.key == "title" || s.key == "to"))) continue;  // an ellipsis in 正文
    const std::size_t p = text.find(m);
    if (p == U32View::npos) continue;
    c.error(s.begin + p, "clerk.placeholder", field_of(s), {{"text", utf8::encode(m)}});
    return;
  }
}

void check_recipients(Checker& c, const U32& t, const Segment& s) {
  if (s.end == s.begin) return;
  static const U32 kWrong = U"，,。.、；;";
  const std::size_t last = s.end - 1;
  if (kWrong.find(t[last]) == U32::npos) return;
  Checker::fix(c.warn(last, "clerk.to.mark", "to", {{"mark", utf8::encode(U32(1, t[last]))}}), 1, U"");
}

void check_title(Checker& c, const U32& t, const Segment& s, const Template& tpl) {
  if (tpl.kind.empty() || tpl.format == Format::Order || tpl.format == Format::Minutes || s.end == s.begin) return;
  static const std::set<std::string> kNeedsGuanyu = {"通知", "通报", "报告", "请示", "批复", "函", "意见", "决定"};
  const U32 title = t.substr(s.begin, s.end - s.begin);
  const U32 kind = utf8::decode(tpl.kind);
  const bool guanyu = title.find(U"关于") != U32::npos;
  const bool ends_with_kind = title.size() >= kind.size() && title.compare(title.size() - kind.size(), kind.size(), kind) == 0;
  if (!ends_with_kind) {
    // "关于做好防汛工作" takes "的通知" at its end; without 关于 only the writer knows the title.
    if (guanyu)
      Checker::fix(c.warn(s.end, "clerk.title.kind", "title", {{"kind", tpl.kind}}), 0,
                   (title.back() == U'的' ? U"" : U"的") + kind);
    else
      c.warn(s.end - 1, "clerk.title.kind", "title", {{"kind", tpl.kind}});
    return;
  }
  if (kNeedsGuanyu.count(tpl.kind) && !guanyu) {
    c.warn(s.begin, "clerk.title.guanyu", "title", {{"kind", tpl.kind}});
    return;
  }
  const std::size_t kind_at = s.end - kind.size();
  if (guanyu && kind_at > s.begin && t[kind_at - 1] != U'的' && t[kind_at - 1] != U'》')
    Checker::fix(c.warn(kind_at, "clerk.title.de", "title", {{"kind", tpl.kind}}), 0, U"的");
}

// 附件说明 is made from [[attachments]]: one typed into the 正文 repeats it or names what is
// not attached; "见附件" without an attachment points at nothing.
void check_attachment_notes(Checker& c, const U32& t, const Segment& s, int attachments) {
  for (std::size_t b = s.begin; b < s.end;) {
    std::size_t e = t.find(U'\n', b);
    if (e == U32::npos || e > s.end) e = s.end;
    std::size_t p = b;
    while (p < e && (t[p] == ' ' || t[p] == U'　')) ++p;
    U32View line(t.data() + p, e - p);
    const bool note = line.starts_with(U"附件：") || line.starts_with(U"附件:") ||
                      (line.starts_with(U"附件") && line.size() > 3 && is_digit(line[2]) &&
                       (line[3] == U'：' || line[3] == U':' || line[3] == U'.' || line[3] == U'．'));
    if (note) {
      if (attachments > 0) {
        // The fix deletes the line from its first character to its end.
        Checker::fix(c.warn(p, "clerk.attachment_note.body", "body"), (e < s.end ? e + 1 : e) - p, U"");
      } else {
        c.warn(p, "clerk.attachment_note.none", "body");
      }
    } else if (attachments == 0 && line.find(U"见附件") != U32View::npos) {
      c.warn(p + line.find(U"见附件"), "clerk.attachment.missing", "body");
    }
    b = e + 1;
  }
}

// 一文一事: a 请示 asks for one thing; two paragraphs that each ask are two 请示.
void check_one_matter(Checker& c, const U32& t, const Segment& s) {
  static const std::array<U32View, 5> kAsks = {U"恳请", U"请予", U"请批准", U"请求批准", U"请求给予"};
  int asking = 0;
  for (std::size_t b = s.begin; b < s.end;) {
    std::size_t e = t.find(U'\n', b);
    if (e == U32::npos || e > s.end) e = s.end;
    const U32View line(t.data() + b, e - b);
    std::size_t first = U32View::npos;
    for (U32View a : kAsks) first = std::min(first, line.find(a));
    if (first != U32View::npos && ++asking == 2) {
      c.warn(b + first, "clerk.request.several", "body");
      return;
    }
    b = e + 1;
  }
}

// Headings in order: 一、二、三、 with （一）（二） under each, 1. 2. under those, （1）（2）
// under them; a number skipped or repeated is renumbered; a （一） before the first 一、 has
// no parent.
void check_headings(Checker& c, const U32& t, const Segment& s) {
  struct Found {
    int level = 0, number = 0;
    std::size_t at = 0, length = 0;  // the numeral's place
    bool chinese = false;
  };
  std::vector<Found> heads;
  for (std::size_t b = s.begin; b < s.end;) {
    std::size_t e = t.find(U'\n', b);
    if (e == U32::npos || e > s.end) e = s.end;
    std::size_t p = b;
    while (p < e && (t[p] == ' ' || t[p] == U'　')) ++p;
    const U32View line(t.data() + p, e - p);
    Found f;
    if (const std::size_t d = line.find(U'、'); d != U32View::npos && d >= 1 && d <= 3 && chinese_number(line.substr(0, d)))
      f = {1, chinese_number(line.substr(0, d)), p, d, true};
    else if (!line.empty() && (line[0] == U'（' || line[0] == '(')) {
      const std::size_t close = line.find_first_of(U"）)");
      if (close != U32View::npos && close >= 2 && close <= 4) {
        const U32View inner = line.substr(1, close - 1);
        if (const int n = chinese_number(inner)) f = {2, n, p + 1, inner.size(), true};
        else if (std::all_of(inner.begin(), inner.end(), is_digit)) {
          int n = 0;
          for (char32_t ch : inner) n = n * 10 + digit_value(ch);
          if (n > 0) f = {4, n, p + 1, inner.size(), false};
        }
      }
    } else {
      std::size_t k = 0;
      int n = 0;
      while (k < line.size() && k < 3 && is_digit(line[k])) n = n * 10 + digit_value(line[k++]);
      if (k > 0 && k < line.size() && (line[k] == '.' || line[k] == U'．' || line[k] == U'、') &&
          !(k + 1 < line.size() && is_digit(line[k + 1])) && n > 0)
        f = {3, n, p, k, false};
    }
    if (f.level) heads.push_back(f);
    b = e + 1;
  }
  const bool any_first = std::any_of(heads.begin(), heads.end(), [](const Found& f) { return f.level == 1; });
  std::array<int, 5> count{};
  bool seen_first = false;
  for (const Found& f : heads) {
    if (f.level == 1) seen_first = true;
    if (f.level == 2 && !seen_first && any_first) {
      c.warn(f.at, "clerk.heading.parent", "body");
      seen_first = true;  // once
    }
    const int expected = count[f.level] + 1;
    if (f.number != expected) {
      const U32 with = f.chinese ? chinese_numeral(expected) : utf8::decode(std::to_string(expected));
      Checker::fix(c.warn(f.at, "clerk.heading.order", "body",
                          {{"written", utf8::encode(t.substr(f.at, f.length))}, {"expected", utf8::encode(with)}}),
                   f.length, with);
    }
    count[f.level] = expected;
    for (int deeper = f.level + 1; deeper < 5; ++deeper) count[deeper] = 0;
  }
}

}  // namespace

std::optional<Date> parse_chinese_numeral_date(std::string_view text) {
  static const U32 kDigits = U"〇一二三四五六七八九";
  const U32 s = utf8::decode(text);
  const std::size_t y = s.find(U'年'), m = s.find(U'月'), d = s.find(U'日');
  if (y != 4 || m == U32::npos || d == U32::npos || !(y < m && m < d) || d + 1 != s.size()) return std::nullopt;
  int year = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t v = s[i] == U'零' ? 0 : kDigits.find(s[i]);
    if (v == U32::npos) return std::nullopt;
    year = year * 10 + static_cast<int>(v);
  }
  const Date out{year, chinese_number(U32View(s).substr(y + 1, m - y - 1)),
                 chinese_number(U32View(s).substr(m + 1, d - m - 1))};
  if (!out.valid()) return std::nullopt;
  return out;
}

void clerk_checks(std::string_view text, const std::string& source, const Template* tpl, Diagnostics& diags) {
  const U32 t = utf8::decode(text);
  Checker c(t, source, diags);
  const std::vector<Segment> segments = string_segments(t);
  int attachments = 0;
  for (const Segment& s : segments)
    if (s.table == "attachments" && s.key == "title") ++attachments;
  for (const Segment& s : segments) {
    if (s.table.empty() && s.key == "date") {
      if (const auto d = parse_chinese_numeral_date(utf8::encode(t.substr(s.begin, s.end - s.begin))))
        Checker::fix(c.warn(s.begin, "clerk.date.chinese", "date", {{"normal", d->iso()}}), s.end - s.begin,
                     utf8::decode(d->iso()));
      continue;
    }
    if (!is_text(s)) continue;
    check_placeholders(c, t, s);
    check_halfwidth(c, t, s);
    check_quotes(c, t, s);
    check_doc_numbers(c, t, s);
    check_date_zeros(c, t, s);
    if (!s.table.empty()) continue;
    if (s.key == "to") check_recipients(c, t, s);
    if (s.key == "title" && tpl) check_title(c, t, s, *tpl);
    if (s.key == "body") {
      check_attachment_notes(c, t, s, attachments);
      if (tpl && tpl->kind == "请示") check_one_matter(c, t, s);
      if (tpl && tpl->body_pattern.empty()) check_headings(c, t, s);
    }
  }
}

std::string apply_fixes(std::string_view text, const std::string& source, const std::vector<Diagnostic>& diags,
                        std::vector<Diagnostic>& applied) {
  U32 t = utf8::decode(text);
  std::vector<std::size_t> line_starts{0};
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i] == '\n') line_starts.push_back(i + 1);
  struct Edit {
    std::size_t at, length;
    const Diagnostic* d;
  };
  std::vector<Edit> edits;
  for (const Diagnostic& d : diags) {
    if (!d.fix || d.at.file != source || d.at.line < 1 || static_cast<std::size_t>(d.at.line) > line_starts.size())
      continue;
    const std::size_t at = line_starts[d.at.line - 1] + static_cast<std::size_t>(std::max(1, d.at.column) - 1);
    if (at + d.fix->length > t.size()) continue;
    edits.push_back({at, d.fix->length, &d});
  }
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.at < b.at; });
  std::vector<Edit> kept;
  for (const Edit& e : edits)
    if (kept.empty() || e.at >= kept.back().at + kept.back().length + (kept.back().length == 0 && e.at == kept.back().at ? 1 : 0))
      kept.push_back(e);
  for (auto it = kept.rbegin(); it != kept.rend(); ++it) t.replace(it->at, it->length, utf8::decode(it->d->fix->with));
  for (const Edit& e : kept) applied.push_back(*e.d);
  return utf8::encode(t);
}

}  // namespace gongwen
