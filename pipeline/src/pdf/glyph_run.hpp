#pragma once
// Where each glyph of a laid-out text run is drawn: the character's glyph in its role's font
// (or the stand-in face) at the layout's x, Latin words set at their natural advances. The
// PDF and the OFD writer both draw from this, so their glyphs stand at the same places.
#include <vector>

#include "layout/page.hpp"
#include "pdf/fonts.hpp"

namespace gongwen::pdf {

struct PlacedGlyph {
  FontSet::Glyph glyph;
  char32_t cp = 0;
  double x = 0;  // left edge, points from the page's left
};

// Fills `out` (cleared first) with the run's glyphs in reading order.
void place_glyphs(const layout::TextRun& run, FontSet& fonts, std::vector<PlacedGlyph>& out);

}  // namespace gongwen::pdf
