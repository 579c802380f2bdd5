#pragma once
// What the layout hands to the writers: pages of positioned text runs, rules and the seal.
// Pure data in points (origin top-left of A4); no cairo, no fonts, only font roles.
#include <optional>
#include <string>
#include <vector>

#include "gongwen/pipeline/model.hpp"

namespace gongwen::layout {

// The typefaces GB/T 9704 names; the writer maps each to a real font.
enum class FontRole { FangSong, KaiTi, HeiTi, XiaoBiaoSong, SongTi };
constexpr int kFontRoleCount = 5;

struct Color {
  double r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};
inline constexpr Color kBlack{0, 0, 0};
inline constexpr Color kRed{0xE6 / 255.0, 0x00 / 255.0, 0x12 / 255.0};  // #E60012

// One line's worth of characters in one font: `x[i]` is the left edge of the em box of the
// i-th code point of `text`, `baseline` the shared baseline.
struct TextRun {
  FontRole role = FontRole::FangSong;
  double size = 16.0;
  Color color = kBlack;
  double baseline = 0;
  std::string text;        // UTF-8
  std::vector<double> x;   // one entry per code point
};

// A horizontal line; `y` is its centre, `width` its thickness.
struct Rule {
  double x0 = 0, x1 = 0, y = 0, width = 1.0;
  Color color = kBlack;
};

struct SealPlacement {
  double cx = 0, cy = 0, diameter = 0;
};

struct Page {
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
  std::optional<SealPlacement> seal;
  std::optional<TextRun> page_number;  // absent on the 版记-only page and letter page 1
};

struct LayoutOptions {
  double seal_diameter = 42.0 / 25.4 * 72.0;  // points
};

std::vector<Page> layout_document(const Document& doc, const LayoutOptions& options);

}  // namespace gongwen::layout
