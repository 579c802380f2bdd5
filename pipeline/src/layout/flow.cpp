#include "layout/flow.hpp"

#include "layout/geometry.hpp"
#include "layout/text.hpp"

namespace gongwen::layout {

Styled& Styled::add(std::string_view utf8, FontRole role) {
  for (char32_t cp : decode_utf8(utf8)) {
    cps.push_back(cp);
    roles.push_back(role);
  }
  return *this;
}

LineStyle body_style() {
  LineStyle s;
  s.size = kSize3;
  s.cell = kCharPitch;
  s.left = kBodyLeft;
  s.width = kBodyWidth;
  return s;
}

std::vector<TextRun> make_runs(const Styled& s, std::size_t begin, std::size_t end,
                               const std::vector<double>& x, double size, Color color,
                               double baseline) {
  std::vector<TextRun> runs;
  for (std::size_t i = begin; i < end; ++i) {
    if (runs.empty() || runs.back().role != s.roles[i]) {
      TextRun r;
      r.role = s.roles[i];
      r.size = size;
      r.color = color;
      r.baseline = baseline;
      runs.push_back(std::move(r));
    }
    append_utf8(runs.back().text, s.cps[i]);
    runs.back().x.push_back(x[i - begin]);
  }
  return runs;
}

void add_lines(std::vector<FlowItem>& out, const Styled& s, const LineStyle& st) {
  if (s.cps.empty()) return;
  const double cell = st.cell > 0 ? st.cell : st.size;
  std::vector<PlacedLine> lines =
      st.balanced ? break_balanced(s.cps, cell, st.width)
                  : break_lines(s.cps, {cell, st.width, st.first_indent, st.rest_indent,
                                        st.justify});
  for (PlacedLine& line : lines) {
    double shift = st.left;
    if (st.align == Align::Center) shift += (st.width - line.used) / 2;
    if (st.align == Align::Right) shift += st.width - line.used;
    for (double& x : line.x) x += shift;
    FlowItem item;
    item.runs = make_runs(s, line.begin, line.end, line.x, st.size, st.color,
                          row_baseline_offset(st.size));
    out.push_back(std::move(item));
  }
}

void add_blank(std::vector<FlowItem>& out, int count) {
  for (int i = 0; i < count; ++i) {
    FlowItem item;
    item.blank = true;
    out.push_back(std::move(item));
  }
}

double styled_width(const Styled& s, double cell) { return text_width(s.cps, cell); }

std::vector<TextRun> single_line(const Styled& s, double left, double cell, double size,
                                 Color color, double baseline) {
  std::vector<double> x;
  x.reserve(s.cps.size());
  double pos = left;
  for (char32_t cp : s.cps) {
    x.push_back(pos);
    pos += is_half_width(cp) ? cell / 2 : cell;
  }
  return make_runs(s, 0, s.cps.size(), x, size, color, baseline);
}

}  // namespace gongwen::layout
