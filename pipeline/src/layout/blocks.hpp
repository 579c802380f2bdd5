#pragma once
// Tables and pictures on the grid (table.cpp, image.cpp). The numbers here are shared with
// the DOCX writer, so LibreOffice/Word rows and pictures take the rows our layout gives them.
#include <vector>

#include "flow.hpp"
#include "geometry.hpp"

namespace gongwen::layout {

// Table text: 4号 (14 pt) 仿宋, header row 黑体, one text line per 28.95 pt grid row (choice,
// docs/layout.md "Tables and pictures"); cells padded half a 4号 字 left and right.
constexpr double kTableTextSize = kSize4;
constexpr double kTableCellPad = kSize4 / 2;
constexpr double kTableRuleWidth = 0.5;  // points; the DOCX border w:sz="4" (eighths)

// Column widths in points, across the whole 版心 width, from the weights (or equal).
std::vector<double> table_columns(const Table& t);

// How a cell's text is broken (shared with the DOCX writer's runs, docx/grid_runs.cpp): 4号
// at its full size (no letter spacing), flush left; Latin words and numbers, when the font
// metrics are known, at their natural advances plus LibreOffice's Asian–Latin space, as a
// reader sets them in a cell.
BreakParams table_cell_params(double column);

// Text lines of each row (≥ 1): the row takes that many grid rows. `advance`: the font
// metrics (as the layout had them); null: those of the layout running on this thread.
std::vector<int> table_row_lines(const Table& t, const AdvanceFn* advance = nullptr);

// One flow item per table row, ruled, the header row repeated after a page break.
void add_table(std::vector<FlowItem>& out, const Table& t);

// A picture's size on the page and the grid rows it takes (never split across pages).
struct ImageBox {
  double width = 0, height = 0;  // points
  int rows = 1;
};
ImageBox image_box(const Image& img);
void add_image(std::vector<FlowItem>& out, const Image& img);

}  // namespace gongwen::layout
