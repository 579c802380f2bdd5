#pragma once
// Measures a rendered PDF through Poppler the way a GB/T 9704 checker would: glyph boxes
// grouped into lines, fonts per glyph, red ink (标志, separator, seal) and black rules from
// a raster of the page. Units: points, origin top-left of the page.
#include <optional>
#include <string>
#include <vector>

namespace gongwen::golden {

constexpr double kMm = 72.0 / 25.4;
constexpr double kLeft = 28 * kMm, kRight = 184 * kMm, kTop = 37 * kMm, kBottom = 262 * kMm;
constexpr double kPitch = 28.95;                  // line pitch, docs/layout.md
constexpr double kCell = (kRight - kLeft) / 28;   // character pitch

struct Glyph {
  char32_t ch = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string font;  // subset prefix removed
  double size = 0;
};

struct Line {
  std::vector<Glyph> glyphs;  // left to right
  double size = 0;            // font size of the first glyph
  double centre = 0;          // vertical centre of the glyph boxes
  std::string text;           // UTF-8
  double left() const { return glyphs.front().x0; }
  // A full-width mark whose ink sits in the left half (，。、）…) may be squeezed to half a
  // cell at the line end (标点挤压); its box still spans a whole advance, so count half.
  double right() const;
};

struct Box {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  bool empty() const { return x1 < x0; }
  void add(double x, double y);
};

struct Raster {
  int width = 0, height = 0;
  double scale = 0;                   // pixels per point
  std::vector<unsigned char> kind;    // 0 paper, 1 black ink, 2 red ink
  Box ink_box(int kind_wanted, double y_from, double y_to) const;  // in points
  // The ink between y_from and y_to as separate boxes: one per run of columns holding such
  // ink, split by a blank column (two seals side by side that never touch give two boxes),
  // then per run of rows likewise (seals in two rows). Left to right, top to bottom.
  std::vector<Box> ink_blobs(int kind_wanted, double y_from, double y_to) const;
  // Horizontal rules of `kind_wanted` ink at least `min_len` points long: their y extents.
  std::vector<std::pair<double, double>> rules(int kind_wanted, double min_len) const;
};

struct PageFacts {
  double width = 0, height = 0;
  std::vector<Line> lines;            // top to bottom
  std::string text;                   // Poppler's text of the page (pdftotext order)
  std::optional<Raster> raster;       // filled on demand
};

struct PdfFacts {
  std::vector<PageFacts> pages;
  std::vector<std::string> fonts;     // embedded font names
  bool all_embedded = true;
  std::string title, author, subject;
};

PdfFacts measure_pdf(const std::string& bytes);
Raster rasterize(const std::string& bytes, int page, double dpi, std::string* png_path = nullptr);

std::string utf8(char32_t c);
bool is_closing(char32_t c);   // must not start a line
bool is_opening(char32_t c);   // must not end a line
bool is_cjk(char32_t c);
// Grid row of a 16 pt line (its em box centred in the row), or nullopt if off the grid.
std::optional<int> grid_row(const Line& l, double tolerance = 1.0);

}  // namespace gongwen::golden
