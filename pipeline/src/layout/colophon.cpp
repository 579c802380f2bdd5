// 版记: 抄送 and 印发 lines in 4号, between full-width rules, the last rule on the 版心 bottom.
#include "layout/geometry.hpp"
#include "layout/parts.hpp"

namespace gongwen::layout {

std::optional<Colophon> layout_colophon(const Document& doc) {
  const bool letter = doc.format == Format::Letter;  // 信函: no 印发 line and no rules
  const bool has_print = !letter && (!doc.printer.empty() || doc.print_date.valid());
  Colophon c;
  std::vector<FlowItem> copy_lines;
  if (!doc.copies_to.empty()) {
    Styled s;
    s.add("抄送：" + doc.copies_to + "。", FontRole::FangSong);
    LineStyle st;
    st.size = st.cell = kSize4;
    st.left = kBodyLeft + kSize4;  // 左右各空一字
    st.width = kBodyWidth - 2 * kSize4;
    st.rest_indent = 3 * kSize4;   // wrapped names align after "抄送："
    add_lines(copy_lines, s, st);
  }
  const int n_copy = static_cast<int>(copy_lines.size());
  c.rows = n_copy + (has_print ? 1 : 0);
  if (c.rows == 0) return std::nullopt;
  for (int i = 0; i < n_copy; ++i)
    for (TextRun& r : copy_lines[i].runs) {
      r.baseline += i * kLinePitch;
      r.element = Element::CopiesTo;
      c.runs.push_back(std::move(r));
    }
  const double base = n_copy * kLinePitch + row_baseline_offset(kSize4);
  if (has_print) {
    Styled printer, when;
    printer.add(doc.printer, FontRole::FangSong);
    if (doc.print_date.valid()) when.add(doc.print_date.chinese() + "印发", FontRole::FangSong);
    for (TextRun& r : tagged(single_line(printer, kBodyLeft + kSize4, kSize4, kSize4, kBlack, base),
                             Element::Printer))
      c.runs.push_back(std::move(r));
    const double w = styled_width(when, kSize4);
    for (TextRun& r : tagged(single_line(when, kBodyRight - kSize4 - w, kSize4, kSize4, kBlack, base),
                             Element::PrintDate))
      c.runs.push_back(std::move(r));
  }
  if (!letter) {
    // First and last rules 0.35 mm, the middle one 0.25 mm; all inside the 版心.
    const double thick = mm(0.35), thin = mm(0.25);
    c.rules.push_back({kBodyLeft, kBodyRight, thick / 2, thick, kBlack});
    if (n_copy > 0 && has_print)
      c.rules.push_back({kBodyLeft, kBodyRight, n_copy * kLinePitch, thin, kBlack});
    c.rules.push_back({kBodyLeft, kBodyRight, c.rows * kLinePitch - thick / 2, thick, kBlack});
  }
  return c;
}

}  // namespace gongwen::layout
