// Reads the layout's pages back into the few facts the DOCX needs (plan.hpp).
#include "docx/plan.hpp"

#include <algorithm>
#include <cmath>

#include "docx/grid.hpp"
#include "layout/flow.hpp"
#include "layout/geometry.hpp"
#include "layout/linebreak.hpp"
#include "layout/text.hpp"
#include "layout/page.hpp"

namespace gongwen::docx {

// The layout measures with the letter spacing the DOCX writes (flow.hpp, grid.hpp).
static_assert(layout::kReaderTracking * 20 == kLetterSpacing);

LayoutPlan plan_layout(const Document& doc, double seal_diameter_mm,
                       const layout::AdvanceFn& advance) {
  layout::LayoutOptions opts;
  opts.seal_diameter = layout::mm(seal_diameter_mm);
  opts.advance = advance;
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

  for (const layout::Page& pg : pages)
    if (pg.tight_pitch_twips > 0) {
      plan.tight_pitch_twips = pg.tight_pitch_twips;
      plan.tight_from_block = pg.tight_from_block;
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

std::vector<std::string> title_lines(const std::string& title) {
  // The same measure as add_title: 2号 cells, one cell narrower than the 版心.
  // (Half a cell per Latin character, as add_lines measures titles.)
  const std::vector<char32_t> cps = layout::decode_utf8(title);
  std::vector<std::string> out;
  for (const layout::PlacedLine& l :
       layout::break_balanced(cps, layout::kSize2, layout::kBodyWidth - layout::kSize2))
    out.push_back(layout::encode_utf8(cps, l.begin, l.end));
  return out;
}

GridRuns grid_runs(std::string_view text, double first_indent, double rest_indent,
                   const layout::AdvanceFn& advance, std::size_t heading_bytes,
                   layout::FontRole heading_role) {
  GridRuns out;
  const std::vector<char32_t> cps = layout::decode_utf8(text);
  std::vector<std::size_t> offsets;  // byte offset of each code point, and the end
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  if (offsets.size() != cps.size()) return out;  // malformed UTF-8: leave it to the reader
  offsets.push_back(text.size());

  // The layout's measure of this paragraph (flow.cpp add_lines, as for the PDF).
  std::vector<double> latin;
  if (advance) {
    latin.assign(cps.size(), 0.0);
    for (std::size_t k = 0; k < cps.size(); ++k)
      if (layout::is_half_width(cps[k]))
        latin[k] = advance(offsets[k] < heading_bytes ? heading_role : layout::FontRole::FangSong,
                           cps[k]) * layout::kSize3;
  }
  layout::BreakParams p{layout::kCharPitch, layout::kBodyWidth, first_indent * layout::kCharPitch,
                        rest_indent * layout::kCharPitch, layout::Justify::Spread};
  p.latin = latin.empty() ? nullptr : &latin;
  p.script_space = layout::kSize3 / 5;
  p.reader_cell = layout::kSize3 + layout::kReaderTracking;
  p.tracking = layout::kReaderTracking;

  for (const layout::PlacedLine& line : layout::break_lines(cps, p))
    for (std::size_t k : line.squeezed) out.squeezed.push_back(offsets[k]);

  // Latin spans: LibreOffice sets each character at its advance plus the run's letter
  // spacing, except that negative spacing after the last character of a run is dropped (so
  // the full-width character ending the run before a Latin span is 0.25 pt wider too), and
  // adds a fifth of an em where the run touches a Han character letter to letter (its DOCX
  // import ignores w:autoSpaceDE). One run per span with one spacing makes the span, with
  // those extras, as wide as the layout's h half cells, a half cell being half of
  // LibreOffice's Han advance (16 pt + the −0.25 pt document letter spacing); rounding
  // down keeps it at most that wide. Word applies the spacing to the last character too and
  // adds no Asian–Latin space: a span comes out a little narrower there.
  const double lo_half = (kSize3 * 10.0 + kLetterSpacing) / 2.0;  // twips
  const double script_twips = kSize3 * 10.0 / 5.0;
  for (const layout::LatinSpan& sp : layout::latin_spans(cps, p)) {
    const std::size_t n = sp.end - sp.begin;
    const double halves = std::round(sp.width / (layout::kCharPitch / 2));
    double room = halves * lo_half - sp.natural * 20.0 - sp.spaced_sides * script_twips;
    if (sp.begin > 0 && !layout::is_half_width(cps[sp.begin - 1])) room += kLetterSpacing;
    int each = 0;
    if (room >= 0) each = static_cast<int>(std::floor(room / static_cast<double>(n)));
    else if (n >= 2) each = static_cast<int>(std::floor(room / static_cast<double>(n - 1)));
    else each = static_cast<int>(std::floor(room));  // cannot happen: a single glyph fits
    out.latin.push_back({offsets[sp.begin], offsets[sp.end], std::vector<int>(n, each)});
  }
  return out;
}

}  // namespace gongwen::docx
