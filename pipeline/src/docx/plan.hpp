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
};

LayoutPlan plan_layout(const Document& doc, double seal_diameter_mm);

// 标点挤压 as the layout does it for a paragraph of 3号 text on the 28-character grid with
// the given indents (in 字): the byte offsets of the characters whose advance the layout
// halves (for an opening mark squeezed into the character before it: the mark). The DOCX
// sets those marks at 50 % width, since neither Word's nor LibreOffice's own punctuation
// compression decides like ours (docs/docx.md).
std::vector<std::size_t> squeezed_bytes(std::string_view utf8, double first_indent_chars,
                                        double rest_indent_chars);

}  // namespace gongwen::docx
