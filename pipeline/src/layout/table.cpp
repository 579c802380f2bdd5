// Tables on the grid: each row takes whole grid rows (one per text line of its tallest
// cell), so the text after a table is back on the 28.95 pt grid; a table breaks between
// rows and its header row is repeated at the top of the next page.
#include <algorithm>
#include <numeric>

#include "layout/blocks.hpp"
#include "layout/text.hpp"

namespace gongwen::layout {
namespace {

// Natural advances of the half-width code points of a cell (0 for the others), empty
// without metrics.
std::vector<double> cell_latin(const std::vector<char32_t>& cps, FontRole role, const AdvanceFn* advance) {
  Styled s;
  s.cps = cps;
  s.roles.assign(cps.size(), role);
  if (advance == nullptr || !*advance) return latin_advances(s, kTableTextSize);
  std::vector<double> out(cps.size(), 0.0);
  for (std::size_t i = 0; i < cps.size(); ++i)
    if (is_half_width(cps[i])) out[i] = (*advance)(role, cps[i]) * kTableTextSize;
  return out;
}

std::vector<PlacedLine> cell_lines(const std::vector<char32_t>& cps, double column,
                                   const std::vector<double>& latin) {
  if (cps.empty()) return {};
  BreakParams p = table_cell_params(column);
  if (latin.size() == cps.size()) p.latin = &latin;
  return break_lines(cps, p);
}

}  // namespace

BreakParams table_cell_params(double column) {
  BreakParams p;
  p.cell = kTableTextSize;
  // A column narrower than one character still takes one character a line.
  p.width = std::max(column - 2 * kTableCellPad, kTableTextSize);
  p.justify = Justify::None;
  p.script_space = kTableTextSize / 5;  // LibreOffice's Asian–Latin space (flow.cpp)
  p.reader_cell = kTableTextSize;
  return p;
}

std::vector<double> table_columns(const Table& t) {
  const std::size_t n = t.columns();
  std::vector<double> w(n, n == 0 ? 0 : kBodyWidth / static_cast<double>(n));
  if (t.column_weights.size() == n && n > 0) {
    const double sum = std::accumulate(t.column_weights.begin(), t.column_weights.end(), 0.0);
    if (sum > 0)
      for (std::size_t i = 0; i < n; ++i) w[i] = kBodyWidth * t.column_weights[i] / sum;
  }
  return w;
}

std::vector<int> table_row_lines(const Table& t, const AdvanceFn* advance) {
  const std::vector<double> cols = table_columns(t);
  std::vector<int> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const FontRole role = static_cast<int>(r) < t.header_rows ? FontRole::HeiTi : FontRole::FangSong;
    int lines = 1;
    for (std::size_t c = 0; c < row.size() && c < cols.size(); ++c) {
      const std::vector<char32_t> cps = decode_utf8(row[c]);
      lines = std::max(lines, static_cast<int>(cell_lines(cps, cols[c], cell_latin(cps, role, advance)).size()));
    }
    out.push_back(lines);
  }
  return out;
}

void add_table(std::vector<FlowItem>& out, const Table& t) {
  const std::vector<double> cols = table_columns(t);
  std::vector<double> edges{kBodyLeft};
  for (double w : cols) edges.push_back(edges.back() + w);
  edges.back() = kBodyRight;
  // Two tables in a row would merge into one in Word and LibreOffice: a blank line apart.
  if (!out.empty() && !out.back().vrules.empty()) add_blank(out);
  std::optional<std::size_t> header;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool is_header = static_cast<int>(r) < t.header_rows;
    FlowItem item;
    int lines = 1;
    for (std::size_t c = 0; c < t.rows[r].size() && c < cols.size(); ++c) {
      const std::vector<char32_t> cps = decode_utf8(t.rows[r][c]);
      std::vector<PlacedLine> placed =
          cell_lines(cps, cols[c], cell_latin(cps, is_header ? FontRole::HeiTi : FontRole::FangSong, nullptr));
      lines = std::max(lines, static_cast<int>(placed.size()));
      Styled s;
      s.cps = cps;
      s.roles.assign(cps.size(), is_header ? FontRole::HeiTi : FontRole::FangSong);
      const double inner = std::max(cols[c] - 2 * kTableCellPad, kTableTextSize);
      for (std::size_t k = 0; k < placed.size(); ++k) {
        PlacedLine& line = placed[k];
        // Header cells centred, the others flush left.
        const double shift =
            edges[c] + kTableCellPad + (is_header ? std::max(0.0, (inner - line.used) / 2) : 0.0);
        for (double& x : line.x) x += shift;
        for (TextRun& run : make_runs(s, line.begin, line.end, line.x, kTableTextSize, kBlack,
                                      static_cast<double>(k) * kLinePitch +
                                          row_baseline_offset(kTableTextSize)))
          item.runs.push_back(std::move(run));
      }
    }
    item.rows = lines;
    const double height = lines * kLinePitch;
    // Each row rules its own top and bottom, so a row that starts a page is closed above.
    item.rules.push_back(Rule{kBodyLeft, kBodyRight, 0, kTableRuleWidth, kBlack});
    item.rules.push_back(Rule{kBodyLeft, kBodyRight, height, kTableRuleWidth, kBlack});
    for (double x : edges) item.vrules.push_back(VRule{x, 0, height, kTableRuleWidth, kBlack});
    item.table_header = is_header;
    if (!is_header) item.repeat_header = header;
    if (is_header && !header) header = out.size();
    out.push_back(std::move(item));
  }
}

}  // namespace gongwen::layout
