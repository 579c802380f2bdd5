// Reads the layout's pages back into the few facts the DOCX needs (plan.hpp).
#include "docx/plan.hpp"

#include <algorithm>
#include <cmath>

#include "layout/geometry.hpp"
#include "layout/linebreak.hpp"
#include "layout/text.hpp"
#include "layout/page.hpp"

namespace gongwen::docx {

LayoutPlan plan_layout(const Document& doc, double seal_diameter_mm) {
  layout::LayoutOptions opts;
  opts.seal_diameter = layout::mm(seal_diameter_mm);
  const std::vector<layout::Page> pages = layout::layout_document(doc, opts);
  LayoutPlan plan;
  if (pages.empty()) return plan;
  const layout::Page& first = pages.front();

  // 标志: the red runs of page 1 (the letter's rules are rules, not runs).
  std::vector<const layout::TextRun*> red;
  for (const layout::TextRun& r : first.runs)
    if (r.color == layout::kRed && !r.text.empty()) red.push_back(&r);
  if (!red.empty()) {
    plan.mark_size = red.front()->size;
    double top = 1e9, left = 1e9, right = -1e9;
    for (const layout::TextRun* r : red) {
      top = std::min(top, r->baseline - layout::kAscent * r->size);
      left = std::min(left, r->x.front());
      right = std::max(right, r->x.back() + r->size);
    }
    plan.mark_top = top - layout::kBodyTop;
    if (red.size() == 1) {
      plan.mark_names = {red.front()->text};
    } else {
      // Joint issue: the suffix is the run right of all the others.
      const layout::TextRun* suffix = *std::max_element(
          red.begin(), red.end(),
          [](const layout::TextRun* a, const layout::TextRun* b) { return a->x.front() < b->x.front(); });
      double names_right = -1e9, names_left = 1e9;
      for (const layout::TextRun* r : red) {
        if (r == suffix) continue;
        plan.mark_names.push_back(r->text);
        names_left = std::min(names_left, r->x.front());
        names_right = std::max(names_right, r->x.back() + r->size);
      }
      plan.mark_suffix = suffix->text;
      plan.mark_names_width = names_right - names_left;
    }
  }
  if (!doc.number.empty())
    for (const layout::TextRun& r : first.runs)
      if (r.text == doc.number)
        plan.number_row = static_cast<int>(std::floor((r.baseline - layout::kBodyTop) / layout::kLinePitch));

  // Title lines: the 2号 小标宋 runs of page 1 that are not the 标志, grouped by baseline.
  double last_baseline = -1;
  for (const layout::TextRun& r : first.runs) {
    if (r.role != layout::FontRole::XiaoBiaoSong || r.color == layout::kRed || std::abs(r.size - layout::kSize2) > 0.01)
      continue;
    if (plan.title_lines.empty() || std::abs(r.baseline - last_baseline) > 1)
      plan.title_lines.emplace_back();
    plan.title_lines.back() += r.text;
    last_baseline = r.baseline;
  }

  // 版记: the page holding 4号 runs without a page number.
  for (std::size_t p = 0; p < pages.size(); ++p) {
    bool colophon = false;
    for (const layout::TextRun& r : pages[p].runs) colophon |= std::abs(r.size - layout::kSize4) < 0.01;
    for (const layout::Rule& r : pages[p].rules) colophon |= r.color == layout::kBlack;
    if (!colophon) continue;
    plan.has_colophon = true;
    bool text = false;
    for (const layout::TextRun& r : pages[p].runs) text |= std::abs(r.size - layout::kSize4) > 0.01;
    plan.colophon_own_page = !text;
    plan.blank_before_colophon = !text && p >= 1 && pages[p - 1].runs.empty();
  }
  return plan;
}

std::vector<std::size_t> squeezed_bytes(std::string_view text, double first_indent,
                                        double rest_indent) {
  std::vector<std::size_t> out;
  const std::vector<char32_t> cps = layout::decode_utf8(text);
  std::vector<std::size_t> offsets;  // byte offset of each code point
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  if (offsets.size() != cps.size()) return out;  // malformed UTF-8: leave it to the reader
  const layout::BreakParams p{layout::kCharPitch, layout::kBodyWidth, first_indent * layout::kCharPitch,
                      rest_indent * layout::kCharPitch, layout::Justify::Spread};
  for (const layout::PlacedLine& line : layout::break_lines(cps, p)) {
    for (std::size_t k = line.begin; k < line.end; ++k) {
      if (layout::is_half_width(cps[k])) continue;
      const double next = k + 1 < line.end ? line.x[k + 1 - line.begin] : line.used;
      if (next - line.x[k - line.begin] >= 0.75 * layout::kCharPitch) continue;
      // An opening mark squeezed on its empty left half moves left over the character
      // before it: that character's advance shrinks, but the mark is the one to narrow.
      const bool before_opening = layout::squeeze_kind(cps[k]) == layout::Squeeze::None &&
                                  k + 1 < line.end &&
                                  layout::squeeze_kind(cps[k + 1]) == layout::Squeeze::KeepRight;
      out.push_back(offsets[before_opening ? k + 1 : k]);
    }
  }
  return out;
}

}  // namespace gongwen::docx
