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
};

struct PlacedLine {
  std::size_t begin = 0, end = 0;  // code point range
  std::vector<double> x;           // em-box left of each code point, from the measure's left
  double used = 0;                 // right edge of the last character, indent included
  bool last = false;               // a paragraph's last line is not spread
};

std::vector<PlacedLine> break_lines(const std::vector<char32_t>& text, const BreakParams& p);

// Natural width of a text at `cell` per full-width character.
double text_width(const std::vector<char32_t>& text, double cell);

// Title breaking: as few lines as the measure allows, lengths as even as possible.
std::vector<PlacedLine> break_balanced(const std::vector<char32_t>& text, double cell,
                                       double width);

}  // namespace gongwen::layout
