#pragma once
// The layout's line measure of one 3号 grid paragraph, for the DOCX writer: the reader
// (Word, WPS, LibreOffice) breaks the lines itself and breaks them where our layout does
// only if the runs carry the squeezed marks and the Latin spans' spacing. The layout's other
// decisions come with the laid-out document (layout_decisions.hpp).
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/model.hpp"
#include "layout/page.hpp"

namespace gongwen::docx {

// How a paragraph of 3号 text on the 28-character grid is written so that a reader breaks
// its lines where the layout does (docs/docx.md, "Following our layout"):
// - `squeezed`: byte offsets of the marks the layout sets in half a cell (标点挤压; for an
//   opening mark squeezed into the character before it: the mark), written at 50 % width;
// - `latin`: the Latin words and numbers, each with per-character letter spacing (twips)
//   that makes it as wide in LibreOffice, Asian–Latin space included, as the layout's span.
struct GridRuns {
  struct Latin {
    std::size_t begin = 0, end = 0;  // bytes
    std::vector<int> spacing;        // twips, one per code point
  };
  std::vector<std::size_t> squeezed;
  std::vector<Latin> latin;
};
GridRuns grid_runs(std::string_view utf8, double first_indent_chars, double rest_indent_chars,
                   const layout::AdvanceFn& advance, std::size_t heading_bytes = 0,
                   layout::FontRole heading_role = layout::FontRole::FangSong);
// The same for the text of a table cell `column` points wide (layout::table_cell_params):
// 4号 without letter spacing, `role` 仿宋 or 黑体 (header).
GridRuns cell_grid_runs(std::string_view utf8, double column, const layout::AdvanceFn& advance,
                        layout::FontRole role);

}  // namespace gongwen::docx
