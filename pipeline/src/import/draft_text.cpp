// 一键排版's text clean-up and the draft TOML it writes.
#include <algorithm>
#include <cmath>
#include <string>

#include "gongwen/pipeline/utf8.hpp"
#include "gongwen/pipeline/import.hpp"

namespace gongwen {
namespace {

std::u32string decode(std::string_view s) { return utf8::decode(s); }

void put(std::string& out, char32_t c) { utf8::append(out, c); }

bool space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == 0x2002 || c == 0x2003 ||
         c == 0x2009 || c == 0x200B || c == 0xFEFF || c == '\r';
}
bool han(char32_t c) { return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
                              (c >= 0xFF01 && c <= 0xFF5E) || c >= 0x20000; }
bool latin(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Control characters a draft cannot carry (except none: newlines split paragraphs earlier).
bool control(char32_t c) { return c < 0x20 || (c >= 0x7F && c < 0xA0); }

}  // namespace

std::string normalize_paragraph(std::string_view text) {
  std::u32string in = decode(text);
  // Full-width letters and digits → half-width (ＧＢ／Ｔ ９７０４ → GB/T 9704 keeps digits
  // on the half-cell grid); full-width punctuation stays.
  for (char32_t& c : in) {
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
      c -= 0xFEE0;
  }
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    if (control(c)) continue;
    if (space(c)) {
      // Keep one space only between two Latin words ("GB/T 9704"), never next to Chinese.
      std::size_t j = i;
      while (j < in.size() && space(in[j])) ++j;
      const bool keep = !out.empty() && j < in.size() && latin(out.back()) && latin(in[j]);
      if (keep) out.push_back(' ');
      i = j - 1;
      continue;
    }
    // Half-width punctuation beside Chinese becomes full-width.
    const char32_t prev = out.empty() ? 0 : out.back();
    const char32_t next = i + 1 < in.size() ? in[i + 1] : 0;
    const bool cn = han(prev) || han(next);
    // Full-width ／－．％ inside a Latin word or number ("ＧＢ／Ｔ", "９７０４－２０１２").
    if ((c == 0xFF0F || c == 0xFF0D || c == 0xFF0E || c == 0xFF05) && latin(prev)) c -= 0xFEE0;
    switch (c) {
      case ',': if (cn || !latin(next)) c = U'，'; break;
      case ';': if (cn) c = U'；'; break;
      case ':': if (cn && !(latin(prev) && latin(next))) c = U'：'; break;  // keep 9:00
      case '?': if (cn) c = U'？'; break;
      case '!': if (cn) c = U'！'; break;
      case '(': if (han(prev) || han(next)) c = U'（'; break;
      case ')': if (han(prev) || han(next) || prev == U'）') c = U'）'; break;
      default: break;
    }
    out.push_back(c);
  }
  std::string s;
  for (char32_t c : out) put(s, c);
  return s;
}

namespace {

// A TOML basic string on one line.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A TOML multi-line basic string body: backslashes and quote runs escaped.
std::string multiline(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else out += c;
  }
  return out;
}

// A paragraph that happens to start like a table row or a picture line keeps being text.
std::string plain_line(const std::string& text) {
  if (text.rfind("|", 0) == 0) return "｜" + text.substr(1);
  if (text.rfind("![", 0) == 0) return "！" + text.substr(1);
  return text;
}

// A pipe table (docs/drafts.md): "|" in a cell written "\|"; the header row, when Word
// marked one, followed by a separator whose dashes give the column widths.
std::string table_lines(const ImportedTable& table) {
  std::string out;
  const std::size_t n = table.rows.empty() ? 0 : table.rows.front().size();
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::string line = "|";
    for (const std::string& cell : table.rows[r]) {
      std::string c;
      for (char ch : cell) c += ch == '|' ? std::string("\\|") : std::string(1, ch);
      line += " " + c + " |";
    }
    out += line + "\n";
    // The separator makes the first row the header; without one the widths are lost, so
    // a table with uneven columns also gets one (its first row then repeats too).
    bool uneven = false;
    for (double w : table.widths) uneven = uneven || std::abs(w - table.widths.front()) > 20;
    if (r == 0 && (table.header || uneven) && table.rows.size() > 1) {
      double sum = 0;
      for (double w : table.widths) sum += w;
      std::string sep = "|";
      for (std::size_t c = 0; c < n; ++c) {
        // Dashes in proportion to the column's width (40 for the whole table, ≥ 3 each).
        const int dashes = table.widths.size() == n && sum > 0
                               ? std::clamp(static_cast<int>(std::lround(table.widths[c] / sum * 40)), 3, 40)
                               : 3;
        sep += std::string(static_cast<std::size_t>(dashes), '-') + "|";
      }
      out += sep + "\n";
    }
  }
  return out;
}

}  // namespace

std::string draft_body(const ImportedBody& b, const std::vector<std::string>& image_files) {
  std::string t;
  std::size_t ti = 0, ii = 0;
  // Tables and pictures go back where they stood: before the block with index `after`.
  auto flush = [&](std::size_t after) {
    while (true) {
      const bool table_next = ti < b.table_at.size() && b.table_at[ti].after_block <= after;
      const bool image_next = ii < b.image_at.size() && b.image_at[ii].after_block <= after;
      if (!table_next && !image_next) break;
      // Of a table and a picture at the same place, the one met first in the file goes
      // first; both were numbered by paragraph, so the table (whole rows) wins ties.
      if (table_next && (!image_next || b.table_at[ti].after_block <= b.image_at[ii].after_block)) {
        t += table_lines(b.tables[b.table_at[ti].index]);
        ++ti;
      } else {
        const std::size_t index = b.image_at[ii].index;
        if (index < image_files.size() && !image_files[index].empty()) t += "![](" + image_files[index] + ")\n";
        ++ii;
      }
    }
  };
  for (std::size_t i = 0; i < b.body.size(); ++i) {
    flush(i);
    t += plain_line(b.body[i].text) + "\n";
  }
  flush(b.body.size());
  return t;
}

std::string draft_toml(const ImportedBody& b, const DraftFields& f) {
  std::string t = "# 由 gongwen draft import 从 Word 文档生成（一键排版）；请核对标题、主送、日期后再提交。\n";
  t += "template = " + quoted(f.template_id) + "\n";
  if (!f.organ.empty()) t += "organ = " + quoted(f.organ) + "\n";
  t += "title = " + quoted(b.title) + "\n";
  t += "to = " + quoted(b.main_recipients) + "\n";
  if (b.date.valid()) t += "date = " + b.date.iso() + "\n";
  else t += "# date = 2026-01-01\n";
  if (!f.drafter.empty()) t += "drafter = " + quoted(f.drafter) + "\n";
  else t += "# drafter = \"\"   # 拟稿人用户名\n";
  for (const std::string& w : b.warnings) t += "# 注意：" + w + "\n";
  std::vector<std::string> files;
  if (f.image_prefix.empty())
    for (const ImportedBody::Placed& p : b.image_at)
      t += "# 图片：" + b.images[p.index].name + "（第 " + std::to_string(p.after_block) +
           " 段之后；未另存）\n";
  else
    for (const ImportedImage& img : b.images) files.push_back(f.image_prefix + img.name);
  t += "body = \"\"\"\n" + multiline(draft_body(b, files)) + "\"\"\"\n";
  return t;
}

}  // namespace gongwen
