#include "pdf/glyph_run.hpp"

#include <algorithm>

#include "layout/text.hpp"

namespace gongwen::pdf {
namespace {

// The layout gives a Latin word or number half a cell per character, which keeps the
// grid; inside that span its glyphs take their natural advances, so "9704-2012" reads as
// one word instead of letters spaced at the cell pitch. The glyphs stand together, centred
// in the span: room between digits is letter spacing, which makes Poppler read
// "1 2 月 2 0 日" (issue 14); room beside the word is the Asian–Latin space a reader
// puts there anyway.
void respace_latin(const layout::TextRun& run, FontSet& fonts, std::vector<PlacedGlyph>& g) {
  const std::size_t n = g.size();
  std::size_t i = 0;
  while (i < n) {
    if (!layout::is_word_char(g[i].cp)) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n && layout::is_word_char(g[j].cp)) ++j;
    if (j - i >= 2) {
      const double step = (g[j - 1].x - g[i].x) / static_cast<double>(j - 1 - i);
      const double span = g[j - 1].x - g[i].x + step;
      double natural = 0;
      for (std::size_t k = i; k < j; ++k) natural += fonts.advance(g[k].glyph) * run.size;
      const double scale = natural > span ? span / natural : 1.0;
      double x = g[i].x + (span - natural * scale) / 2;
      for (std::size_t k = i; k < j; ++k) {
        g[k].x = x;
        x += fonts.advance(g[k].glyph) * run.size * scale;
      }
    }
    i = j;
  }
}

}  // namespace

void place_glyphs(const layout::TextRun& run, FontSet& fonts, std::vector<PlacedGlyph>& out) {
  out.clear();
  const std::vector<char32_t> cps = layout::decode_utf8(run.text);
  const std::size_t n = std::min(cps.size(), run.x.size());
  for (std::size_t i = 0; i < n; ++i) out.push_back({fonts.glyph(run.role, cps[i]), cps[i], run.x[i]});
  respace_latin(run, fonts, out);
}

}  // namespace gongwen::pdf
