// 版头: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号 (with 签发人 in 上行文) and the
// red separator, as GB/T 9704 7.2 places them.
#include <algorithm>
#include <cmath>

#include "docx/body.hpp"

namespace gongwen::docx {

namespace {

// Where the 标志's top edge sits below the 版心 top, per format.
double mark_top_mm(Format f) {
  switch (f) {
    case Format::Order: return 20.0;
    // 信函: 30 mm from the page edge, i.e. above the 版心, which a body paragraph cannot
    // reach; the mark starts on the first line instead (docs/docx.md).
    case Format::Letter: return 0.0;
    case Format::Ordinary:
    case Format::Minutes: return kMarkTopMm;
  }
  return kMarkTopMm;
}

// "Size chosen to look balanced, narrower than the 版心": 初号 at most, and never wider
// than 90 % of the line. Half-points.
int mark_size(std::string_view mark) {
  const double chars = std::max(1.0, width_in_chars(mark));
  const double pt = std::min(42.0, std::floor(kTextWidth / 20.0 * 0.9 / chars));
  return static_cast<int>(std::max(22.0, pt)) * 2;
}

std::string secrecy_line(const Document& d) {
  std::string s = to_chinese(d.secrecy);
  if (!d.secrecy_term.empty()) s += "★" + d.secrecy_term;
  return s;
}

void write_mark(Body& b, int lines_above) {
  const Document& d = b.doc;
  std::string mark = d.issuer_mark;
  if (mark.empty() && !d.issuers.empty()) mark = d.issuers.front();
  if (mark.empty()) return;
  const int size = mark_size(mark);
  ParaProps p = styled("IssuerMark");
  p.before = std::max(0, mm_to_twips(mark_top_mm(d.format)) - lines_above * kLinePitch);
  // Exact leading equal to the type size puts the em box's top at the line's top, so the
  // spacing above is the distance from the 版心 top to the mark's top edge.
  p.line = size * 10;
  if (d.format == Format::Letter) {
    // 信函: red double line (thick over thin), 170 mm wide, 4 mm below the mark.
    const int outdent = mm_to_twips((170.0 - 156.0) / 2.0);
    p.left = -outdent;
    p.right = -outdent;
    p.borders.push_back(Border{"bottom", 24, kRed, 11, "thickThinSmallGap"});
  }
  b.para(p, mark, &b.f.xiaobiaosong, size, kRed);
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
  write_mark(b, lines_above);

  ParaProps number = styled("DocNumber");
  switch (d.format) {
    case Format::Letter:
      // 信函: 发文字号 flush right under the double line, no separate red rule.
      number.jc = "right";
      if (!d.number.empty()) b.para(number, d.number);
      return;
    case Format::Order:
      // 命令: 令号 two lines below the mark, no red separator.
      b.blank();
      b.blank();
      if (!d.number.empty()) b.para(number, d.number);
      return;
    case Format::Ordinary:
    case Format::Minutes:
      break;
  }
  b.blank();
  b.blank();
  // The red separator hangs under the 发文字号 line, 4 mm (≈ 11 pt) below its text; an
  // unnumbered draft still shows the rule on an empty line.
  number.borders.push_back(Border{"bottom", 8, kRed, 11});
  if (d.direction == Direction::Upward && !d.signers.empty()) {
    write_number_upward(b, number);
  } else {
    number.mark_font = &b.f.fangsong;
    b.para(number, d.number);
  }
}

}  // namespace gongwen::docx
