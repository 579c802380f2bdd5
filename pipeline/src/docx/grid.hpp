#pragma once
// The GB/T 9704 page as WordprocessingML numbers: twips (1/20 pt), half-points for type,
// eighths of a point for borders, EMU for drawings. One place for every constant so the
// styles, the body and the section properties cannot disagree.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "gongwen/pipeline/render.hpp"
#include "layout/page.hpp"

namespace gongwen::docx {

// A4 and the margins the standard's 天头/订口 give (docs/docx.md explains the rounding).
inline constexpr int kPageWidth = 11906, kPageHeight = 16838;
inline constexpr int kMarginTop = 2098, kMarginBottom = 1984;
inline constexpr int kMarginLeft = 1588, kMarginRight = 1474;
inline constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;  // 8844 = 156 mm
inline constexpr int kTextHeight = kPageHeight - kMarginTop - kMarginBottom;  // 12756 = 225 mm

// 22 lines of 28.95 pt fill the 225 mm 版心; every body paragraph uses this exact leading.
inline constexpr int kLinePitch = 579;
inline constexpr int kCharsPerLine = 28;
// Letter spacing of every run in twips (w:spacing in rPr): 28 × (16 − 0.25) pt ≤ 156 mm.
inline constexpr int kLetterSpacing = -5;

// Type sizes in half-points (w:sz): 三号, 二号, 四号.
inline constexpr int kSize3 = 32, kSize2 = 44, kSize4 = 28;

inline constexpr const char* kRed = "FF0000";

// One 字 of 3号 text on the 28-character grid, in twips (8844 / 28 = 315.857…).
inline constexpr double kCharPitch = static_cast<double>(kTextWidth) / kCharsPerLine;
inline int chars_twips(double chars) { return static_cast<int>(std::lround(chars * kCharPitch)); }

// w:charSpace = (pitch − Normal size) × 4096, pitch and size in points. Rounded down so that
// 28 pitches never exceed the 版心 width: rounding up by half a unit would make Word fit
// only 27 characters on a line.
inline int grid_char_space() {
  const double pitch_pt = kCharPitch / 20.0;
  return static_cast<int>(std::floor((pitch_pt - kSize3 / 2.0) * 4096.0));
}

inline constexpr std::int64_t kEmuPerMm = 36000;
inline constexpr std::int64_t kEmuPerTwip = 635;
inline int mm_to_twips(double mm) { return static_cast<int>(std::lround(mm / 25.4 * 1440.0)); }
inline std::int64_t mm_to_emu(double mm) { return std::llround(mm * kEmuPerMm); }

// The page number line (4号) begins 7 mm below the 版心; w:footer is measured from the page
// edge to the bottom of the footer, so subtract one exact 14 pt line from the 28 mm.
inline constexpr int kFooterLine = kSize4 * 10;  // exact leading of the footer paragraph
inline int footer_distance() { return mm_to_twips(35.0 - 7.0) - kFooterLine; }

// The 标志 sits 35 mm below the 版心 top (GB/T 9704 7.2.3).
inline constexpr double kMarkTopMm = 35.0;

// Width of a string in 字: CJK and other wide characters count 1, ASCII half. Good enough
// for centring the 署名 over the date, which are short and mostly Han.
double width_in_chars(std::string_view utf8);
std::size_t count_code_points(std::string_view utf8);

// The font written into the DOCX for each role: the office's font, the first family of the
// profile's preference list (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体), never this
// server's stand-in; fonts/60-gongwen-office-fonts.conf maps these names to the faces the PDF
// is set in here (docs/docx.md, "Fonts").
struct RoleFont {
  std::string name;
  std::string alt;   // w:altName: another name an office PC may have the face under; may be empty
};

struct DocxFonts {
  RoleFont fangsong, kaiti, heiti, xiaobiaosong, songti;
  // Advances of the same fonts as the PDF's, for the layout the DOCX follows (grid_runs.hpp):
  // Latin runs are measured exactly as in the PDF. Empty if the fonts could not be loaded.
  layout::AdvanceFn advance;
};

DocxFonts docx_fonts(const FontChoices& choices);

}  // namespace gongwen::docx
