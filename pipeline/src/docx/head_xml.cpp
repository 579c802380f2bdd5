// 版头: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号 (with 签发人 in 上行文) and the
// red separator, as GB/T 9704 7.2 places them.
#include <algorithm>
#include <cmath>

#include "gongwen/pipeline/number.hpp"
#include "docx/body.hpp"

namespace gongwen::docx {

namespace {

// The 标志's size comes from our layout (LayoutDecisions::Mark): min(58 pt, 150 mm /
// characters), in whole half-points.
int mark_size(const LayoutDecisions::Mark& mark) {
  return std::max(44, static_cast<int>(std::floor(mark.size * 2)));
}

std::string secrecy_line(const Document& d) {
  std::string s = to_chinese(d.secrecy);
  if (!d.secrecy_term.empty()) s += "★" + d.secrecy_term;
  return s;
}

// The 标志 paragraph: spacing before puts its em box where the layout put it; spacing
// after brings the next paragraph to the grid row `next_row` (the layout's).
void write_mark(Body& b, int lines_above, int next_row) {
  const Document& d = b.doc;
  std::string mark = d.issuer_mark;
  if (mark.empty() && !d.issuers.empty()) mark = d.issuers.front();
  if (mark.empty()) return;
  const int size = mark_size(b.decided.mark);
  const int line = size * 10;  // exact leading = the type size: the em box fills the line
  ParaProps p = styled("IssuerMark");
  const int top = d.format == Format::Letter
                      ? 0  // 信函: 30 mm from the page edge is above the 版心 (docs/docx.md)
                      : static_cast<int>(std::lround(b.decided.mark.top * 20));
  p.before = std::max(0, top - lines_above * kLinePitch);
  p.line = line;
  const bool joint = b.decided.mark.stacked;
  const int names = joint ? static_cast<int>(b.decided.mark.names.size()) : 1;
  // Joint issue: the names stacked at 1.2 em, the suffix beside them (a borderless table
  // would move the rows in some readers; tabs keep it one paragraph per name).
  const int name_line = joint ? static_cast<int>(std::lround(size * 10 * 1.2)) : line;
  const int height = p.before.value() + lines_above * kLinePitch + names * name_line;
  if (next_row >= 0 && d.format != Format::Letter)
    p.after = std::max(0, next_row * kLinePitch - height);
  if (d.format == Format::Letter) {
    // 信函: red double line (thick over thin), 170 mm wide, 4 mm below the mark.
    const int outdent = mm_to_twips((170.0 - 156.0) / 2.0);
    p.left = -outdent;
    p.right = -outdent;
    p.borders.push_back(Border{"bottom", 24, kRed, 11, "thickThinSmallGap"});
    // The mark cannot start above the 版心 here, so the 文号 under it comes lower than the
    // layout's row; the first blank line under the 文号 gives the difference back (as for
    // the separator) so the title and the text sit on the layout's rows.
    if (next_row >= 0) {
      // space + the double line: thick 3 pt + gap + thin, 4.5 pt in all (measured in
      // LibreOffice)
      const int border = 11 * 20 + 90;
      b.separator_twips = std::max(0, height + border - next_row * kLinePitch);
    }
  }
  if (!joint) {
    b.para(p, mark, &b.f.xiaobiaosong, size, kRed);
    return;
  }
  // Names spread to the longest (distributed), left of the block's centre line; the suffix
  // on the middle name's line after a tab.
  const int names_w = static_cast<int>(std::lround(b.decided.mark.names_width * 20));
  const int suffix_w = static_cast<int>(count_code_points(b.decided.mark.suffix)) * size * 10;
  const int gap = b.decided.mark.suffix.empty() ? 0 : size * 10 / 2;
  const int left = std::max(0, (kTextWidth - names_w - gap - suffix_w) / 2);
  const std::size_t middle = (b.decided.mark.names.size() - 1) / 2;
  const int after = p.after.value_or(0);
  for (std::size_t i = 0; i < b.decided.mark.names.size(); ++i) {
    ParaProps q = styled("IssuerMark");
    q.jc = "left";
    q.line = name_line;
    q.left = left;
    q.before = i == 0 ? p.before : std::optional<int>(0);
    q.after = i + 1 == b.decided.mark.names.size() ? after : 0;
    const bool suffix = i == middle && !b.decided.mark.suffix.empty();
    if (suffix) q.tabs.push_back(Tab{"left", left + names_w + gap});
    std::string text = b.decided.mark.names[i];
    if (suffix) text += "\t" + b.decided.mark.suffix;
    b.para(q, text, &b.f.xiaobiaosong, size, kRed);
  }
}

std::vector<std::string> signer_lines(const std::vector<std::string>& signers) {
  // Two names a line (GB/T 9704 7.2.5), separated by a full-width space.
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < signers.size(); i += 2) {
    std::string line = signers[i];
    if (i + 1 < signers.size()) line += "\u3000" + signers[i + 1];
    lines.push_back(line);
  }
  return lines;
}

void write_number_upward(Body& b, ParaProps last) {
  const Document& d = b.doc;
  const int one_char = chars_twips(1);
  const auto lines = signer_lines(d.signers);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    ParaProps p = styled("DocNumber");
    p.jc = "right";
    p.right = one_char;
    b.x.start("w:p");
    write_ppr(b.x, p);
    if (i == 0) b.run("签发人：", b.f.fangsong);
    b.run(lines[i], b.f.kaiti);
    b.x.end();
  }
  // The 文号 shares the last 签发人 line: 左空一字, names 右空一字, a right tab between.
  last.jc = "left";
  last.left = one_char;
  last.tabs.push_back(Tab{"right", kTextWidth - one_char});
  b.x.start("w:p");
  write_ppr(b.x, last);
  b.run(d.number + "\t", b.f.fangsong);
  if (!lines.empty()) {
    if (lines.size() == 1) b.run("签发人：", b.f.fangsong);
    b.run(lines.back(), b.f.kaiti);
  }
  b.x.end();
}

}  // namespace

void write_head(Body& b) {
  const Document& d = b.doc;
  int lines_above = 0;
  if (!d.copy_number.empty()) {
    b.para(styled("CopyNumber"), d.copy_number);
    ++lines_above;
  }
  if (d.secrecy != Secrecy::None) {
    b.para(styled("Secrecy"), secrecy_line(d), &b.f.heiti);
    ++lines_above;
  }
  if (d.urgency != Urgency::None) {
    b.para(styled("Urgency"), to_chinese(d.urgency), &b.f.heiti);
    ++lines_above;
  }
  // The first line under the 标志: the first 签发人 line or the 文号 (the layout's row).
  int next_row = b.decided.number_row;
  if (next_row >= 0 && d.direction == Direction::Upward && d.format == Format::Ordinary)
    next_row -= static_cast<int>(signer_lines(d.signers).size()) - 1;
  write_mark(b, lines_above, next_row);
  const bool placed = next_row >= 0;

  ParaProps number = styled("DocNumber");
  switch (d.format) {
    case Format::Letter:
      // 信函: 发文字号 flush right under the double line, no separate red rule.
      number.jc = "right";
      if (!d.number.empty()) b.para(number, d.number);
      return;
    case Format::Order:
      // 命令: 令号 two lines below the mark, no red separator.
      if (!placed) {
        b.blank();
        b.blank();
      }
      // The 令号 row is kept for a draft not yet numbered (the layout's number_row).
      b.para(number, d.number.empty() ? std::string() : order_number_text(d.number));
      return;
    case Format::Ordinary:
    case Format::Minutes:
      break;
  }
  if (!placed) {
    b.blank();
    b.blank();
  }
  // The red separator hangs under the 发文字号 line, 4 mm (≈ 11 pt) below its text; an
  // unnumbered draft still shows the rule on an empty line.
  number.borders.push_back(Border{"bottom", 8, kRed, 11});
  b.separator_twips = 11 * 20 + 8 * 20 / 8;  // space + width the border adds
  if (d.direction == Direction::Upward && !d.signers.empty()) {
    write_number_upward(b, number);
  } else {
    number.mark_font = &b.f.fangsong;
    b.para(number, d.number);
  }
}

}  // namespace gongwen::docx
