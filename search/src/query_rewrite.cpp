#include "query_rewrite.hpp"

#include <cstdio>
#include <regex>

#include "gongwen/search/analysis.hpp"
#include "schema.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_operator(std::string_view tok) {
  return tok == "AND" || tok == "OR" || tok == "NOT" || tok == "XOR";
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Words people add to a query that say nothing about the document: "关于雄安新区的内容",
// "放管服改革那部分". Dropped from a run that has other words (a query of only these stays).
bool is_filler(std::string_view w) {
  static constexpr std::string_view kFiller[] = {
      "的", "了", "和", "与", "及", "关于", "有关", "那个", "这个", "那篇", "这篇", "那份", "这份",
      "里", "里面", "中的", "讲", "讲的", "提到", "提到的", "说", "部分", "那部分", "这部分",
      "一段", "那段", "内容", "相关", "方面", "那", "这", "找", "查", "一下"};
  for (std::string_view f : kFiller)
    if (w == f) return true;
  return false;
}

// ICU's words for one CJK run, with two repairs: consecutive single characters (what ICU gives
// for a word it does not know: 营改增 → 营/改/增) are joined back into one n-gram group, so
// they must stand together as typed; filler words are dropped. `compounds` gets each stretch of
// two or more words that stood side by side as typed (关于雄安新区的内容 → 雄安新区), or one word
// of three or more characters: the exact
// sequence ranks first (query.cpp, rank tiers) and is highlighted whole.
std::vector<std::string> query_words(std::string_view run, std::vector<std::string>* compounds) {
  const std::vector<std::string> raw = split_words(run);
  std::vector<std::string> joined;
  bool last_single = false;
  for (const std::string& w : raw) {
    std::size_t pos = 0;
    utf8::next_or_invalid(w, pos);
    const bool single = pos == w.size() && !is_filler(w);
    if (single && last_single) {
      joined.back() += w;
    } else {
      joined.push_back(w);
    }
    last_single = single;
  }
  std::vector<std::string> kept;
  std::string stretch;
  std::size_t in_stretch = 0;
  const auto end_stretch = [&] {
    // A single word of three or more characters is an AND of its pairs, which a text holding
    // the pairs apart also matches: it is ranked exact-first too.
    if (compounds != nullptr && (in_stretch >= 2 || utf8::count_code_points(stretch) >= 3))
      compounds->push_back(stretch);
    stretch.clear();
    in_stretch = 0;
  };
  for (const std::string& w : joined) {
    if (is_filler(w)) {
      end_stretch();
      continue;
    }
    kept.push_back(w);
    stretch += w;
    ++in_stretch;
  }
  end_stretch();
  return kept.empty() ? joined : kept;
}

// Inserts spaces between the words of each CJK run; other characters stay as typed, so Latin
// words, numbers and Xapian's own handling of them are unchanged.
std::vector<std::string> segment(std::string_view value,
                                 std::vector<std::string>* compounds = nullptr) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t start = pos;
    char32_t cp = utf8::next_or_invalid(value, pos);
    if (!is_cjk_letter(cp)) {
      current.append(value.substr(start, pos - start));
      continue;
    }
    std::size_t end = pos;
    while (end < value.size()) {
      std::size_t probe = end;
      if (!is_cjk_letter(utf8::next_or_invalid(value, probe))) break;
      end = probe;
    }
    const std::vector<std::string> words = query_words(value.substr(start, end - start), compounds);
    for (std::size_t i = 0; i < words.size(); ++i) {
      current += words[i];
      if (i + 1 < words.size()) {
        out.push_back(std::move(current));
        current.clear();
      }
    }
    pos = end;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// Both ends of "a..b" must be dates (or empty): "森林…" becomes "森林..." under NFKC and is
// no range at all.
bool is_date_range(std::string_view value) {
  const auto dots = value.find("..");
  const std::string_view begin = value.substr(0, dots), end = value.substr(dots + 2);
  if (begin.empty() && end.empty()) return false;
  return (begin.empty() || date_bound(begin, false)) && (end.empty() || date_bound(end, true));
}

// A 档号 as DA/T 22 and DA/T 13 write it: Z109-WS·2025-Y-ZF-0001, Z109-WS·2011·Y·BGS-0001.
// ASCII letters and digits in at least four parts separated by '-' or '·' (U+00B7), with a
// '·' and a four-digit year among them. Nothing else a clerk types looks like this.
bool is_archive_code(std::string_view v) {
  constexpr std::string_view kDot = "\u00b7";
  std::size_t parts = 1;
  bool dot = false, year = false;
  std::string_view part;
  std::size_t start = 0;
  const auto end_part = [&](std::size_t at) {
    part = v.substr(start, at - start);
    if (part.size() == 4 && is_digits(part)) year = true;
    return !part.empty();
  };
  for (std::size_t i = 0; i < v.size();) {
    const char c = v[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      ++i;
    } else if (c == '-' || v.substr(i, kDot.size()) == kDot) {
      if (!end_part(i)) return false;
      dot = dot || c != '-';
      i += c == '-' ? 1 : kDot.size();
      start = i;
      ++parts;
    } else {
      return false;
    }
  }
  return end_part(v.size()) && dot && year && parts >= 4;
}

std::string join(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) {
    if (!s.empty()) s += ' ';
    s += w;
  }
  return s;
}

class Rewriter {
 public:
  explicit Rewriter(std::string_view q) : m_q(q) {}

  RewrittenQuery run() {
    std::size_t i = 0;
    while (i < m_q.size()) {
      const char c = m_q[i];
      if (is_space(c)) {
        space();
        ++i;
      } else if (c == '"') {
        i = phrase(i);
      } else if (c == '(') {
        // A bracket right after a field keeps the field ("标题:(森林 防火)"); otherwise it starts
        // a group. Either way the words inside are positive unless the group was negated.
        m_out += '(';
        m_depth.push_back(m_negate_next);
        m_negate_next = false;
        ++i;
      } else if (c == ')') {
        if (!m_depth.empty()) {
          m_out += ')';
          m_depth.pop_back();
        }
        ++i;
      } else {
        std::size_t end = i;
        while (end < m_q.size() && !is_space(m_q[end]) && m_q[end] != '"' && m_q[end] != '(' &&
               m_q[end] != ')')
          ++end;
        token(m_q.substr(i, end - i), end < m_q.size() ? m_q[end] : ' ');
        i = end;
      }
    }
    // Close what the user left open rather than let the parser guess.
    for (std::size_t k = 0; k < m_depth.size(); ++k) m_out += ')';
    while (!m_out.empty() && m_out.back() == ' ') m_out.pop_back();
    std::string exact;
    if (!m_numbers.empty()) {
      std::size_t at = 0;
      for (const NumberSpan& span : m_numbers) {
        exact.append(m_out, at, span.begin - at);
        exact += "numexact:" + span.canonical;
        at = span.end;
      }
      if (at < m_out.size()) exact.append(m_out, at, std::string::npos);
    }
    std::string number = m_numbers.empty() ? std::string() : m_numbers.front().canonical;
    return {std::move(m_out),  std::move(m_words),     std::move(m_notes),
            std::move(exact),  std::move(number),     std::move(m_compounds)};
  }

 private:
  bool negated() const {
    if (m_negate_next) return true;
    for (bool n : m_depth)
      if (n) return true;
    return false;
  }

  void space() {
    if (!m_out.empty() && m_out.back() != ' ' && m_out.back() != '(') m_out += ' ';
  }

  void add_words(const std::vector<std::string>& words, bool highlight = true) {
    if (negated()) return;
    for (const std::string& w : words) m_words.push_back({w, false, highlight});
  }

  std::size_t phrase(std::size_t i) {
    const std::size_t close = m_q.find('"', i + 1);
    if (close == std::string_view::npos) {  // a lone quote: ignore it
      space();
      return i + 1;
    }
    const std::string_view inside = m_q.substr(i + 1, close - i - 1);
    if (!segment(inside).empty()) {
      m_out += '"';
      m_out.append(inside);
      m_out += '"';
      if (!negated()) m_words.push_back({std::string(inside), true});
    }
    m_negate_next = false;
    return close + 1;
  }

  void token(std::string_view tok, char next) {
    if (is_operator(tok)) {
      space();
      m_out.append(tok);
      m_out += ' ';
      m_negate_next = tok == "NOT";
      return;
    }
    std::string lead;
    if (tok.front() == '-' || tok.front() == '+') {
      lead = tok.front();
      if (lead == "-") m_negate_next = true;
      tok.remove_prefix(1);
      if (tok.empty()) {
        // "-" before a phrase or bracket applies to it.
        if (next == '"' || next == '(') {
          m_out += lead;
        } else {
          m_negate_next = false;  // a dangling "-" negates nothing
        }
        return;
      }
    }
    const schema::Field* field = nullptr;
    std::string_view value = tok;
    if (const auto colon = tok.find(':'); colon != std::string_view::npos) {
      field = colon > 0 ? schema::find_field(tok.substr(0, colon)) : nullptr;
      if (field == nullptr) {
        // Not a field we know (a URL, a stray colon): its parts are plain words.
        std::string spaced(tok);
        for (char& ch : spaced)
          if (ch == ':') ch = ' ';
        if (!lead.empty()) m_out += lead + "(";
        plain_words(spaced);
        if (!lead.empty()) m_out += ")";
        m_negate_next = false;
        return;
      }
      value = tok.substr(colon + 1);
    }
    if (value.empty()) {
      if (field != nullptr && (next == '"' || next == '(')) {
        m_out += lead;
        m_out.append(field->name);
        m_out += ':';
        return;  // m_negate_next stays for the phrase or group that follows
      }
      m_negate_next = false;
      return;
    }
    emit(lead, field, value);
    m_negate_next = false;
  }

  void plain_words(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      std::size_t end = i;
      while (end < text.size() && text[end] != ' ') ++end;
      if (end > i) {
        std::vector<std::string> compounds;
        const std::vector<std::string> words = segment(text.substr(i, end - i), &compounds);
        if (!negated())
          for (std::string& c : compounds) m_compounds.push_back({std::move(c), true});
        if (!words.empty()) {
          space();
          m_out += join(words);
          add_words(words);
        }
      }
      i = end;
    }
  }

  void emit(const std::string& lead, const schema::Field* field, std::string_view value) {
    const std::string name = field ? std::string(field->name) + ":" : std::string();
    const schema::FieldKind kind = field ? field->kind : schema::FieldKind::Text;
    const bool dated = kind == schema::FieldKind::Date || (field && field->group == "year");
    if (value.find("..") != std::string_view::npos) {
      if (is_date_range(value)) {
        m_out += lead + name;
        m_out.append(value);
      } else if (dated || field != nullptr) {
        m_notes.push_back("已忽略无法识别的日期范围：" + std::string(value) +
                          "（应写作 2025..2026、2025-03..2025-06 或 2025-03-01..2025-03-31）");
      } else {
        std::string spaced(value);  // dots are punctuation here; keep the words
        for (char& ch : spaced)
          if (ch == '.') ch = ' ';
        if (!lead.empty()) m_out += lead + "(";
        plain_words(spaced);
        if (!lead.empty()) m_out += ")";
      }
      return;
    }
    if (kind == schema::FieldKind::Date && !date_bound(value, false)) {
      m_notes.push_back("已忽略无法识别的日期：" + std::string(value) +
                        "（应写作 2025、2025-03 或 2025-03-01）");
      return;
    }
    if (kind == schema::FieldKind::Boolean) {
      m_out += lead + name;
      m_out.append(value);
      return;
    }
    if (kind == schema::FieldKind::Date) {  // 日期:2025-03 means the whole month
      m_out += lead + name;
      m_out.append(value);
      m_out += "..";
      m_out.append(value);
      return;
    }
    if (field == nullptr && is_archive_code(value)) {
      // A bare 档号 means that 件: the field is implied (档号:… is a boolean filter).
      m_out += lead + "archive:";
      m_out.append(value);
      return;
    }
    const bool number_field = kind == schema::FieldKind::Number;
    if (field == nullptr || number_field) {
      if (const auto n = parse_doc_number(value)) {
        // The pieces the index holds for every 文号: organ text, year, sequence.
        std::vector<std::string> organ = segment(n->organ);
        const std::size_t begin = m_out.size() + lead.size();
        m_out += lead + "(";
        if (!organ.empty()) m_out += (number_field ? name + "(" + join(organ) + ")" : join(organ)) + " ";
        m_out += "numyear:" + n->year + " numseq:" + n->seq + ")";
        if (!organ.empty() && lead.empty() && !negated() &&
            n->canonical.size() < schema::kMaxTermBytes)
          m_numbers.push_back({begin, m_out.size(), n->canonical});
        add_words(organ, false);
        add_words({n->year, n->seq + "号"}, false);
        return;
      }
      // "7号文" is how people say "document number 7".
      if (value.size() > 6 && value.ends_with("号文") &&
          is_digits(value.substr(0, value.size() - 6)))
        value.remove_suffix(3);
      if (value.size() > 3 && value.ends_with("号") &&
          is_digits(value.substr(0, value.size() - 3))) {
        const std::string seq(value.substr(0, value.size() - 3));
        if (number_field) {
          m_out += lead + "numseq:" + seq;
        } else {
          // "7号" is most likely a 文号's sequence, but may be plain text ("7号楼").
          m_out += lead + "(numseq:" + seq + " OR \"" + std::string(value) + "\")";
        }
        add_words({std::string(value)});
        return;
      }
    }
    std::vector<std::string> compounds;
    const std::vector<std::string> words = segment(value, &compounds);
    if (words.empty()) return;
    if (!negated()) {
      // Ranked exact-first only where the unprefixed terms are searched (no field, or 正文:).
      const bool ranked = field == nullptr || field->prefix.empty();
      for (std::string& c : compounds) m_compounds.push_back({std::move(c), ranked});
    }
    if (words.size() == 1) {
      m_out += lead + name + words.front();
    } else if (field != nullptr || !lead.empty()) {
      m_out += lead + name + "(" + join(words) + ")";
    } else {
      m_out += join(words);
    }
    add_words(words);
  }

  std::string_view m_q;
  std::string m_out;
  std::vector<QueryWord> m_words;
  std::vector<Compound> m_compounds;
  std::vector<std::string> m_notes;
  std::vector<bool> m_depth;  // one entry per open bracket: was it negated?
  struct NumberSpan {
    std::size_t begin, end;  // the loose form's bytes in m_out
    std::string canonical;
  };
  std::vector<NumberSpan> m_numbers;
  bool m_negate_next = false;
};

}  // namespace

std::optional<std::string> date_bound(std::string_view s, bool upper) {
  std::vector<std::string> groups(1);
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = utf8::next_or_invalid(s, pos);
    if (cp >= U'0' && cp <= U'9') {
      groups.back() += static_cast<char>(cp);
    } else if (cp == U'-' || cp == U'/' || cp == U'年' || cp == U'月' || cp == U'日') {
      if (!groups.back().empty()) groups.emplace_back();
    } else {
      return std::nullopt;
    }
  }
  if (groups.back().empty()) groups.pop_back();
  if (groups.size() == 1 && groups[0].size() == 8)
    groups = {groups[0].substr(0, 4), groups[0].substr(4, 2), groups[0].substr(6, 2)};
  if (groups.empty() || groups.size() > 3 || groups[0].size() != 4) return std::nullopt;
  int parts[3] = {0, upper ? 12 : 1, upper ? 31 : 1};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].size() > 4) return std::nullopt;
    parts[i] = std::stoi(groups[i]);
  }
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", parts[0], parts[1], parts[2]);
  return std::string(buf);
}

std::string join_spaced_numbers(std::string_view normalized) {
  // Organ and year run together, the sequence after a space, as people type a 文号 they half
  // remember: 白政发2026 1, 白政发2026年 1号. Organ: no space, digit, quote, bracket or colon.
  static const std::regex kSpaced(R"(([^\s\d"():]+)((?:19|20)\d\d)(?:年)?\s+(\d{1,4})(?:号)?(?=\s|$))");
  return std::regex_replace(std::string(normalized), kSpaced, "$1〔$2〕$3号");
}

RewrittenQuery rewrite_query(std::string_view normalized) {
  const std::string joined = join_spaced_numbers(normalized);
  return Rewriter(joined).run();
}

}  // namespace gongwen::search
