#pragma once
// What our own layout decided, for the DOCX writer: the reader (Word, WPS, LibreOffice)
// lays the DOCX out itself, and it gives the same pages as the PDF only if the DOCX carries
// the layout's choices it cannot make itself — the 标志's size and rows, the 文号 row, the
// balanced title breaks, and whether the 版记 needs pages of its own (an even page,
// possibly after a blank one).
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/model.hpp"
#include "layout/page.hpp"

namespace gongwen::docx {

struct LayoutPlan {
  // 标志: type size in points, em-box top below the 版心 top in points, its lines (one for a
  // single organ; the stacked names of a joint issue, with the suffix apart).
  double mark_size = 0;
  double mark_top = 0;
  std::vector<std::string> mark_names;
  std::string mark_suffix;        // "文件" beside stacked names; empty for one line
  double mark_names_width = 0;    // points, the stacked names' measure
  int number_row = -1;            // grid row of the 发文字号 line (-1: none)
  std::vector<std::string> title_lines;
  // 版记: on the last text page (false), or alone on a page after the text (true), with a
  // blank page before it when the text ends on an even page.
  bool colophon_own_page = false;
  bool blank_before_colophon = false;
  bool has_colophon = false;
  // The seal's page set its last 正文 paragraphs tighter (layout.cpp): exact line spacing in
  // twips for Document::body from this index on; 0 / -1 if no page needed it.
  int tight_pitch_twips = 0;
  int tight_from_block = -1;
};

LayoutPlan plan_layout(const Document& doc, double seal_diameter_mm,
                       const layout::AdvanceFn& advance);

// The balanced lines of a 2号 title (an attachment's), as the layout breaks it (main_part.cpp
// add_title): written with explicit breaks so a reader does not break it elsewhere.
std::vector<std::string> title_lines(const std::string& title);

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

}  // namespace gongwen::docx
