#include "layout/flow.hpp"

#include "layout/geometry.hpp"
#include "layout/text.hpp"
#include "layout/words.hpp"

#include <algorithm>

namespace gongwen::layout {

Styled& Styled::add(std::string_view utf8, FontRole role) {
  for (char32_t cp : decode_utf8(utf8)) {
    cps.push_back(cp);
    roles.push_back(role);
  }
  return *this;
}

namespace {
thread_local const AdvanceFn* t_advance = nullptr;
thread_local const std::vector<std::string>* t_names = nullptr;
}  // namespace

MetricsScope::MetricsScope(const AdvanceFn* advance, const std::vector<std::string>* names)
    : m_previous(t_advance), m_previous_names(t_names) {
  t_advance = advance != nullptr && *advance ? advance : nullptr;
  t_names = names;
}
MetricsScope::~MetricsScope() {
  t_advance = m_previous;
  t_names = m_previous_names;
}

std::vector<double> latin_advances(const Styled& s, double size) {
  std::vector<double> out;
  if (t_advance == nullptr) return out;
  out.assign(s.cps.size(), 0.0);
  for (std::size_t i = 0; i < s.cps.size(); ++i)
    if (is_half_width(s.cps[i])) out[i] = (*t_advance)(s.roles[i], s.cps[i]) * size;
  return out;
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
  // Titles keep half a cell per Latin character: their lines are broken explicitly in the
  // DOCX and are one 2号 character narrower than the 版心, room enough for a reader's wider
  // digits, while room added here would spread "2026" into "2 0 2 6" in the PDF's text.
  const std::vector<double> latin = st.balanced ? std::vector<double>{} : latin_advances(s, st.size);
  const std::vector<double>* lp = latin.empty() ? nullptr : &latin;
  // LibreOffice's Asian–Latin space: a fifth of the type size (sw/source/core/text/itrform2.cxx).
  const double script_space = st.size / 5;
  BreakParams bp{cell, st.width, st.first_indent, st.rest_indent, st.justify};
  bp.latin = lp;
  bp.script_space = script_space;
  bp.reader_cell = st.size + kReaderTracking;
  bp.tracking = kReaderTracking;
  std::vector<char> joins;
  if (st.whole_words > 0) {
    static const std::vector<std::string> kNone;
    joins = word_joins(s.cps, t_names != nullptr ? *t_names : kNone);
    std::fill(joins.begin() + static_cast<std::ptrdiff_t>(std::min(st.whole_words, joins.size())),
              joins.end(), 0);
    bp.joins = &joins;
  }
  std::vector<PlacedLine> lines = st.balanced ? break_balanced(s.cps, bp) : break_lines(s.cps, bp);
  if (st.kept != nullptr && !joins.empty())
    for (std::size_t l = 1; l < lines.size(); ++l)
      if (lines[l].begin + 1 < joins.size() && joins[lines[l].begin + 1]) st.kept->push_back(lines[l].begin);
  const std::size_t first = out.size();
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
  if (first < out.size()) out[first].para_start = true;
}

void add_blank(std::vector<FlowItem>& out, int count) {
  for (int i = 0; i < count; ++i) {
    FlowItem item;
    item.blank = true;
    item.para_start = true;
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

std::vector<TextRun> tagged(std::vector<TextRun> runs, Element e) {
  for (TextRun& r : runs) r.element = e;
  return runs;
}

void tag_items(std::vector<FlowItem>& items, std::size_t first, Element e) {
  for (std::size_t i = first; i < items.size(); ++i)
    for (TextRun& r : items[i].runs) r.element = e;
}

}  // namespace gongwen::layout
