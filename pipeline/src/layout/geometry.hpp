#pragma once
// The GB/T 9704-2012 page grid in points (origin top-left of an A4 page). Every position the
// layout produces is derived from these numbers, so the PDF and its tests agree on them.

namespace gongwen::layout {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double mm(double v) { return v * kPtPerMm; }

constexpr double kPageWidth = mm(210.0);   // 595.276 pt
constexpr double kPageHeight = mm(297.0);  // 841.89 pt

// 版心: 156 × 225 mm, 天头 37 mm, 订口 28 mm.
constexpr double kBodyLeft = mm(28.0);
constexpr double kBodyRight = mm(184.0);
constexpr double kBodyTop = mm(37.0);
constexpr double kBodyBottom = mm(262.0);
constexpr double kBodyWidth = kBodyRight - kBodyLeft;

// "每面排22行，每行排28个字，并撑满版心": the pitches fill the 版心 exactly.
constexpr int kLinesPerPage = 22;
constexpr int kCharsPerLine = 28;
// Line pitch: Word's grid unit, 579 twips = 28.95 pt, in the PDF too (225 mm / 22 would be
// 28.986 pt, but 580 twips = 29 pt does not fit 22 lines, so the DOCX must use 579; one
// value for both keeps LibreOffice's pages equal to ours). 22 lines end 0.8 pt above 262 mm.
constexpr double kLinePitch = 579.0 / 20.0;
constexpr double kCharPitch = kBodyWidth / kCharsPerLine;                // ≈ 15.79 pt

// 字号 in points.
constexpr double kSize3 = 16.0;      // 三号: body
constexpr double kSize2 = 22.0;     // 二号: titles
constexpr double kSize4 = 14.0;     // 四号: 版记, page numbers

// CJK fonts put the ideographic em box 0.88 em above and 0.12 em below the baseline.
constexpr double kAscent = 0.88;
constexpr double kDescent = 0.12;

constexpr double row_top(int row) { return kBodyTop + row * kLinePitch; }

// Baseline that centres a line of `size` vertically in its grid row, so 22 rows of 16 pt
// text sit evenly inside the 版心 with equal space above the first and below the last.
constexpr double row_baseline_offset(double size) {
  return (kLinePitch - size) / 2.0 + kAscent * size;
}

}  // namespace gongwen::layout
