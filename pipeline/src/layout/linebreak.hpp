#pragma once
// Breaking a paragraph into grid lines with the Chinese rules: no closing mark at a line
// start, no opening mark at a line end (避头尾), no break inside a Latin word or a number.
// A line that would break a rule either squeezes punctuation to half a cell (标点挤压) to
// take one more mark in, or gives its last character to the next line and spreads the room
// it leaves over its gaps, so every line but a paragraph's last still fills the measure.
#include <cstddef>
#include <vector>

namespace gongwen::layout {

enum class Justify { Spread, None };

struct BreakParams {
  double cell = 16.0;         // one 字 in points (the character pitch)
  double width = 448.0;       // the measure in points
  double first_indent = 0;    // points, first line
  double rest_indent = 0;     // points, later lines
  Justify justify = Justify::Spread;
  // Titles: no break right after a number ("2026|年" would split a date).
  bool keep_numbers = false;
  // Natural advance in points of every code point (read for the half-width ones), from the
  // role's font; null: half a cell each, for a layout that knows no fonts. With it, a Latin
  // word or number takes its natural width plus `script_space` at each side that touches a
  // Han character letter to letter (the Asian–Latin space LibreOffice always adds), rounded
  // up to whole half cells, so the line still adds up in half cells (docs/layout.md).
  const std::vector<double>* latin = nullptr;
  double script_space = 0;
  // The reader's Han advance (type size + its letter spacing `tracking`, which it adds to
  // every character): Latin runs are rounded up in halves of it, so a line that fits 28 Han
  // cells here fits there too. 0: `cell`.
  double reader_cell = 0;
  double tracking = 0;
  // Titles and headings: (*joins)[i] != 0 forbids a break before code point i (inside a
  // word or a name, words.hpp). A line that would break there gives the word to the next
  // line and keeps the character pitch (its end stays short).
  const std::vector<char>* joins = nullptr;
};

// End of the unbreakable Latin word starting at `i` (one past its last code point): letters,
// digits and ASCII signs glue together, but a line may break after a hyphen between two
// of them ("0878-|6212106"), as LibreOffice and Word allow.
std::size_t word_end(const std::vector<char32_t>& text, std::size_t i);

// A Latin word or number (or other half-width run) and the width the layout gives it.
struct LatinSpan {
  std::size_t begin = 0, end = 0;  // code points
  double width = 0;                // points, whole half cells
  double natural = 0;              // sum of the natural advances, points
  int spaced_sides = 0;            // sides that get the Asian–Latin space (0..2)
};
std::vector<LatinSpan> latin_spans(const std::vector<char32_t>& text, const BreakParams& p);

struct PlacedLine {
  std::size_t begin = 0, end = 0;  // code point range
  std::vector<double> x;           // em-box left of each code point, from the measure's left
  double used = 0;                 // right edge of the last character, indent included
  bool last = false;               // a paragraph's last line is not spread
  std::vector<std::size_t> squeezed;  // code points set in half a cell (标点挤压)
  bool forced = false;             // broken where no rule allows (nothing else fitted)
};

std::vector<PlacedLine> break_lines(const std::vector<char32_t>& text, const BreakParams& p);

// Natural width of a text at `cell` per full-width character (Latin as in BreakParams).
double text_width(const std::vector<char32_t>& text, double cell,
                  const std::vector<double>* latin = nullptr, double script_space = 0);

// Title breaking: as few lines as the measure allows, lengths as even as possible.
std::vector<PlacedLine> break_balanced(const std::vector<char32_t>& text, double cell,
                                       double width);
// The same with Latin metrics: `p.cell` and `p.width` as above, indents ignored.
std::vector<PlacedLine> break_balanced(const std::vector<char32_t>& text, const BreakParams& p);

}  // namespace gongwen::layout
