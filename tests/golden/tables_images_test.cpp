// The tables-images golden case measured with Poppler: the table's rows and rulings on the
// 28.95 pt grid, its header row repeated as the first line of the next page, the text after
// the table and pictures back on the grid, the pictures embedded at the layout's size (PNG
// lossless, JPEG as is) and never split (pdfimages -list).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cases.hpp"
#include "measure.hpp"

namespace gongwen::golden {
namespace {

struct TablesImages {
  Document doc;
  std::string pdf;
  PdfFacts facts;
};

const TablesImages& subject() {
  static const TablesImages t = [] {
    for (Case& c : golden_cases()) {
      if (c.name != "tables-images") continue;
      auto r = render_pdf(c.doc, golden_options());
      if (!r) throw std::runtime_error(r.error().message);
      return TablesImages{c.doc, r.value().bytes, measure_pdf(r.value().bytes)};
    }
    throw std::runtime_error("no tables-images case");
  }();
  return t;
}

// Row index of a line whose em box is centred in a grid row, or -1.
int row_of(const Line& l) {
  const double k = (l.centre - kTop) / kPitch - 0.5;
  return std::abs(k - std::round(k)) * kPitch < 1.0 ? static_cast<int>(std::lround(k)) : -1;
}

const Line* line_starting(const PageFacts& p, const std::string& prefix, std::size_t* index = nullptr) {
  for (std::size_t i = 0; i < p.lines.size(); ++i)
    if (p.lines[i].text.rfind(prefix, 0) == 0) {
      if (index) *index = i;
      return &p.lines[i];
    }
  return nullptr;
}

TEST(TablesImagesGolden, TableRowsOnTheGridAndHeaderRepeatedOnThePageAfterTheBreak) {
  const auto& pages = subject().facts.pages;
  ASSERT_GE(pages.size(), 2u);
  // The header on page 1 and again as the very first line of page 2 (row 0), 4号 黑体.
  const Line* h1 = line_starting(pages[0], "序号");
  std::size_t at = 99;
  const Line* h2 = line_starting(pages[1], "序号", &at);
  ASSERT_NE(h1, nullptr);
  ASSERT_NE(h2, nullptr) << "header row not repeated on page 2";
  EXPECT_EQ(at, 0u);
  EXPECT_EQ(row_of(*h2), 0);
  EXPECT_NEAR(h2->size, 14, 0.5);
  EXPECT_NE(h2->glyphs.front().font.find("Hei"), std::string::npos) << h2->glyphs.front().font;
  // The rows are split, not cut: each of the 20 data rows (its number first) appears once,
  // on page 1 or 2.
  std::vector<int> seen(21, 0);
  for (std::size_t p = 0; p < 2; ++p)
    for (const Line& l : pages[p].lines)
      if (std::abs(l.size - 14) < 0.5 && l.centre < kBottom && !l.text.empty() &&
          l.text[0] >= '1' && l.text[0] <= '9') {
        const int n = std::atoi(l.text.c_str());
        if (n >= 1 && n <= 20) ++seen[n];
      }
  for (int n = 1; n <= 20; ++n) EXPECT_EQ(seen[n], 1) << "row " << n;
  // Every 14 pt table line sits centred in a grid row (the 版记 and page numbers excepted).
  for (std::size_t p = 0; p < 2; ++p)
    for (const Line& l : pages[p].lines)
      if (std::abs(l.size - 14) < 0.5 && l.centre < kBottom - 3 * kPitch)
        EXPECT_GE(row_of(l), 0) << "page " << p + 1 << ": " << l.text;
  // Row 3 (a cell wrapping to two lines) did not fit the last row of page 1: it opens page 2
  // under the header and takes two grid rows.
  std::size_t r3 = 0;
  const Line* a = line_starting(pages[1], "3大坪村", &r3);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(row_of(*a), 1);
  ASSERT_LT(r3 + 2, pages[1].lines.size());
  EXPECT_EQ(row_of(pages[1].lines[r3 + 1]), 2);     // 林和退耕还林地块
  EXPECT_EQ(row_of(pages[1].lines[r3 + 2]), 3);     // 4小河村…
}

TEST(TablesImagesGolden, RulingsLieOnGridLines) {
  const auto& pages = subject().facts.pages;
  for (int p = 0; p < 2; ++p) {
    const Raster r = rasterize(subject().pdf, p, 144);
    int on_grid = 0;
    for (const auto& [y0, y1] : r.rules(1, 400)) {
      const double y = (y0 + y1) / 2;
      if (y < kTop + 8 * kPitch && p == 0) continue;  // the 版头's rules are red, but be safe
      const double k = (y - kTop) / kPitch;
      EXPECT_LT(std::abs(k - std::round(k)) * kPitch, 0.75) << "page " << p + 1 << " rule at " << y;
      EXPECT_LT(y1 - y0, 1.5);  // 0.5 pt rules
      ++on_grid;
    }
    // Page 1: the header and rows 1–2 (4 rulings); page 2: the header and rows 3–20 (20).
    EXPECT_EQ(on_grid, p == 0 ? 4 : 20) << "page " << p + 1;
  }
  (void)pages;
}

std::string run(const std::string& cmd) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> f(popen(cmd.c_str(), "r"), pclose);
  if (!f) return out;
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), f.get())) out.append(buf.data(), n);
  return out;
}

TEST(TablesImagesGolden, PicturesEmbeddedAtTheirSizeAndTheTextAfterThemOnTheGrid) {
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() / "gongwen-tables-images.pdf";
  std::ofstream(tmp, std::ios::binary) << subject().pdf;
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
  std::istringstream list(run("pdfimages -list '" + tmp.string() + "' 2>/dev/null"));
  std::string line;
  std::getline(list, line);
  std::getline(list, line);
  struct Img { int page, w, h; std::string enc, interp; double xppi; };
  std::vector<Img> imgs;
  while (std::getline(list, line)) {
    std::istringstream s(line);
    Img i;
    std::string num, type, color, comp, bpc, obj, id, yppi;
    s >> i.page >> num >> type >> i.w >> i.h >> color >> comp >> bpc >> i.enc >> i.interp >> obj >> id >> i.xppi;
    if (type == "image") imgs.push_back(i);
  }
  std::filesystem::remove(tmp);
  ASSERT_EQ(imgs.size(), 2u) << "pdfimages found " << imgs.size();
  EXPECT_EQ(imgs[0].w, 600);
  EXPECT_EQ(imgs[0].enc, "image");  // PNG: lossless Flate
  EXPECT_EQ(imgs[1].w, 480);
  EXPECT_EQ(imgs[1].enc, "jpeg");   // JPEG embedded as is
  EXPECT_EQ(imgs[0].interp, "no");
  // Chart: 156 mm wide (600 px at 96 dpi is wider than the 版心) → 97.7 ppi; photo 100 mm.
  EXPECT_NEAR(imgs[0].xppi, 600 / (156 / 25.4), 1.0);
  EXPECT_NEAR(imgs[1].xppi, 480 / (100 / 25.4), 1.0);
  // The chart stands between the caption's last line and the next paragraph, both on the
  // grid, 8 rows apart from each other plus one (156 mm × 78 mm + 4 pt descent = 8 rows).
  bool found = false;
  for (int p = 0; p < static_cast<int>(subject().facts.pages.size()); ++p) {
    const PageFacts& pg = subject().facts.pages[p];
    std::size_t at = 0;
    const Line* next = line_starting(pg, "下图为后山林区", &at);
    if (next == nullptr) continue;
    found = true;
    ASSERT_GT(at, 0u) << "the chart's caption ends on the page before";
    const Line& cap = pg.lines[at - 1];
    ASSERT_GE(row_of(cap), 0);
    ASSERT_GE(row_of(*next), 0);
    EXPECT_EQ(row_of(*next) - row_of(cap), 9);
    EXPECT_EQ(imgs[0].page, p + 1);
    EXPECT_EQ(imgs[1].page, p + 1);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace gongwen::golden
