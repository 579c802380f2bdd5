// The layout's measure of a 3号 grid paragraph as DOCX runs (grid_runs.hpp).
#include "gongwen/pipeline/utf8.hpp"
#include "docx/grid_runs.hpp"

#include <algorithm>
#include <cmath>

#include "docx/grid.hpp"
#include "layout/blocks.hpp"
#include "layout/flow.hpp"
#include "layout/geometry.hpp"
#include "layout/linebreak.hpp"
#include "layout/text.hpp"
#include "layout/page.hpp"

namespace gongwen::docx {

// The layout measures with the letter spacing the DOCX writes (flow.hpp, grid.hpp).
static_assert(layout::kReaderTracking * 20 == kLetterSpacing);

namespace {

// The runs for text broken with `base` (its latin filled in here), set at `size` points with
// letter spacing `tracking` (twips) on every character.
GridRuns measured_runs(std::string_view text, layout::BreakParams p, double size, int tracking,
                       const layout::AdvanceFn& advance, std::size_t heading_bytes,
                       layout::FontRole heading_role, layout::FontRole role) {
  GridRuns out;
  const std::vector<char32_t> cps = layout::decode_utf8(text);
  std::vector<std::size_t> offsets;  // byte offset of each code point, and the end
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!utf8::is_continuation(text[i])) offsets.push_back(i);
  if (offsets.size() != cps.size()) return out;  // malformed UTF-8: leave it to the reader
  offsets.push_back(text.size());

  // The layout's measure of this paragraph (flow.cpp add_lines, as for the PDF).
  std::vector<double> latin;
  if (advance) {
    latin.assign(cps.size(), 0.0);
    for (std::size_t k = 0; k < cps.size(); ++k)
      if (layout::is_half_width(cps[k]))
        latin[k] = advance(offsets[k] < heading_bytes ? heading_role : role, cps[k]) * size;
  }
  p.latin = latin.empty() ? nullptr : &latin;

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
  const double lo_half = (size * 20.0 + tracking) / 2.0;  // twips
  const double script_twips = size * 20.0 / 5.0;
  for (const layout::LatinSpan& sp : layout::latin_spans(cps, p)) {
    const std::size_t n = sp.end - sp.begin;
    const double halves = std::round(sp.width / (p.cell / 2));
    double room = halves * lo_half - sp.natural * 20.0 - sp.spaced_sides * script_twips;
    if (sp.begin > 0 && !layout::is_half_width(cps[sp.begin - 1])) room += tracking;
    int each = 0;
    if (room >= 0) each = static_cast<int>(std::floor(room / static_cast<double>(n)));
    else if (n >= 2) each = static_cast<int>(std::floor(room / static_cast<double>(n - 1)));
    else each = static_cast<int>(std::floor(room));  // cannot happen: a single glyph fits
    out.latin.push_back({offsets[sp.begin], offsets[sp.end], std::vector<int>(n, each)});
  }
  return out;
}

}  // namespace

GridRuns grid_runs(std::string_view text, double first_indent, double rest_indent,
                   const layout::AdvanceFn& advance, std::size_t heading_bytes,
                   layout::FontRole heading_role) {
  layout::BreakParams p{layout::kCharPitch, layout::kBodyWidth, first_indent * layout::kCharPitch,
                        rest_indent * layout::kCharPitch, layout::Justify::Spread};
  p.script_space = layout::kSize3 / 5;
  p.reader_cell = layout::kSize3 + layout::kReaderTracking;
  p.tracking = layout::kReaderTracking;
  return measured_runs(text, p, layout::kSize3, kLetterSpacing, advance, heading_bytes, heading_role,
                       layout::FontRole::FangSong);
}

GridRuns cell_grid_runs(std::string_view text, double column, const layout::AdvanceFn& advance,
                        layout::FontRole role) {
  return measured_runs(text, layout::table_cell_params(column), layout::kTableTextSize, 0, advance, 0,
                       role, role);
}

}  // namespace gongwen::docx
