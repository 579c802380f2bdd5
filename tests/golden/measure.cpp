// Poppler measurement of a PDF; see measure.hpp.
#include "measure.hpp"

#include <poppler-document.h>
#include <poppler-font.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace gongwen::golden {
namespace {

std::u32string to_u32(const poppler::ustring& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size()) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    }
    out.push_back(c);
  }
  return out;
}

std::string strip_subset(std::string name) {
  if (name.size() > 7 && name[6] == '+') name = name.substr(7);
  return name;
}

std::unique_ptr<poppler::document> open(const std::string& bytes) {
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d) throw std::runtime_error("Poppler cannot open the PDF");
  return d;
}

}  // namespace

void Box::add(double x, double y) {
  x0 = std::min(x0, x);
  y0 = std::min(y0, y);
  x1 = std::max(x1, x);
  y1 = std::max(y1, y);
}

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

bool is_closing(char32_t c) {
  // With the ASCII marks typed in Chinese text, which may not start a line either.
  static const std::u32string k = U"，。、；：？！）》」』’”〕】〉…％·～,.;:?!)]}";
  return k.find(c) != std::u32string::npos;
}
bool is_opening(char32_t c) {
  static const std::u32string k = U"（《「『‘“〔【〈";
  return k.find(c) != std::u32string::npos;
}
double Line::right() const {
  static const std::u32string left_half = U"，。、）》」』”’〕】";
  const Glyph& g = glyphs.back();
  if (left_half.find(g.ch) == std::u32string::npos) return g.x1;
  // Set in a full cell unless that would cross the 版心's right edge: then it was squeezed.
  if (g.x0 + kCell <= kRight + 1) return std::min(g.x1, g.x0 + kCell);
  return g.x0 + g.size / 2;
  return g.x1;
}

bool is_cjk(char32_t c) { return c >= 0x2E80; }

std::optional<int> grid_row(const Line& l, double tolerance) {
  const double r = (l.centre - kTop - kPitch / 2) / kPitch;
  const double n = std::round(r);
  if (std::abs(r - n) * kPitch > tolerance) return std::nullopt;
  return static_cast<int>(n);
}

PdfFacts measure_pdf(const std::string& bytes) {
  auto doc = open(bytes);
  PdfFacts f;
  f.title = doc->get_title().to_latin1();
  {
    auto t = doc->get_title().to_utf8(), a = doc->get_author().to_utf8(),
         s = doc->get_subject().to_utf8();
    f.title.assign(t.begin(), t.end());
    f.author.assign(a.begin(), a.end());
    f.subject.assign(s.begin(), s.end());
  }
  for (const poppler::font_info& fi : doc->fonts()) {
    f.fonts.push_back(strip_subset(fi.name()));
    if (!fi.is_embedded()) f.all_embedded = false;
  }
  for (int p = 0; p < doc->pages(); ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    PageFacts pf;
    const poppler::rectf r = page->page_rect();
    pf.width = r.width();
    pf.height = r.height();
    auto t = page->text().to_utf8();
    pf.text.assign(t.begin(), t.end());
    std::vector<Glyph> glyphs;
    for (const poppler::text_box& b : page->text_list(poppler::page::text_list_include_font)) {
      const std::u32string s = to_u32(b.text());
      for (std::size_t i = 0; i < s.size(); ++i) {
        const poppler::rectf c = b.char_bbox(i);
        Glyph g{s[i], c.left(), c.top(), c.right(), c.bottom(),
                strip_subset(b.get_font_name(static_cast<int>(i))), b.get_font_size()};
        glyphs.push_back(std::move(g));
      }
    }
    // Lines: glyphs whose vertical centres agree within a third of their size.
    std::stable_sort(glyphs.begin(), glyphs.end(), [](const Glyph& a, const Glyph& b) {
      return (a.y0 + a.y1) < (b.y0 + b.y1);
    });
    for (const Glyph& g : glyphs) {
      const double c = (g.y0 + g.y1) / 2;
      if (pf.lines.empty() || std::abs(pf.lines.back().centre - c) > g.size / 3) {
        pf.lines.push_back({});
        pf.lines.back().centre = c;
        pf.lines.back().size = g.size;
      }
      pf.lines.back().glyphs.push_back(g);
    }
    for (Line& l : pf.lines) {
      std::stable_sort(l.glyphs.begin(), l.glyphs.end(),
                       [](const Glyph& a, const Glyph& b) { return a.x0 < b.x0; });
      double sum = 0;
      for (const Glyph& g : l.glyphs) {
        l.text += utf8(g.ch);
        sum += (g.y0 + g.y1) / 2;
      }
      l.centre = sum / l.glyphs.size();
      l.size = l.glyphs.front().size;
    }
    f.pages.push_back(std::move(pf));
  }
  return f;
}

Raster rasterize(const std::string& bytes, int page_index, double dpi, std::string* png_path) {
  auto doc = open(bytes);
  std::unique_ptr<poppler::page> page(doc->create_page(page_index));
  poppler::page_renderer pr;
  pr.set_render_hint(poppler::page_renderer::antialiasing, true);
  poppler::image img = pr.render_page(page.get(), dpi, dpi);
  if (png_path && !png_path->empty()) img.save(*png_path, "png");
  Raster r;
  r.width = img.width();
  r.height = img.height();
  r.scale = dpi / 72.0;
  r.kind.assign(static_cast<std::size_t>(r.width) * r.height, 0);
  const char* data = img.const_data();
  for (int y = 0; y < r.height; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(data + y * img.bytes_per_row());
    for (int x = 0; x < r.width; ++x) {
      const unsigned char b = row[4 * x], g = row[4 * x + 1], rr = row[4 * x + 2];
      unsigned char k = 0;
      if (rr > 150 && g < 110 && b < 110) k = 2;
      else if (rr < 110 && g < 110 && b < 110) k = 1;
      r.kind[static_cast<std::size_t>(y) * r.width + x] = k;
    }
  }
  return r;
}

Box Raster::ink_box(int wanted, double y_from, double y_to) const {
  Box b;
  const int ya = std::max(0, static_cast<int>(y_from * scale));
  const int yb = std::min(height, static_cast<int>(y_to * scale));
  for (int y = ya; y < yb; ++y)
    for (int x = 0; x < width; ++x)
      if (kind[static_cast<std::size_t>(y) * width + x] == wanted) b.add(x / scale, y / scale);
  if (!b.empty()) {
    b.x1 += 1 / scale;
    b.y1 += 1 / scale;
  }
  return b;
}

std::vector<Box> Raster::ink_blobs(int wanted, double y_from, double y_to) const {
  std::vector<Box> out;
  const int ya = std::max(0, static_cast<int>(y_from * scale));
  const int yb = std::min(height, static_cast<int>(y_to * scale));
  auto has = [&](int x, int y) { return kind[static_cast<std::size_t>(y) * width + x] == wanted; };
  // Runs of columns with ink, then inside each the runs of rows with ink in those columns.
  int x = 0;
  while (x < width) {
    auto col = [&](int cx) {
      for (int y = ya; y < yb; ++y)
        if (has(cx, y)) return true;
      return false;
    };
    if (!col(x)) { ++x; continue; }
    const int x0 = x;
    while (x < width && col(x)) ++x;
    const int x1 = x;
    int y = ya;
    while (y < yb) {
      auto row = [&](int ry) {
        for (int cx = x0; cx < x1; ++cx)
          if (has(cx, ry)) return true;
        return false;
      };
      if (!row(y)) { ++y; continue; }
      Box b;
      const int y0 = y;
      while (y < yb && row(y)) ++y;
      b.add(x0 / scale, y0 / scale);
      b.add(x1 / scale, y / scale);
      out.push_back(b);
    }
  }
  // Rows of seals share their top to within a pixel: order by whole points, then left to right.
  std::sort(out.begin(), out.end(), [](const Box& a, const Box& b) {
    return std::make_pair(std::lround(a.y0), a.x0) < std::make_pair(std::lround(b.y0), b.x0);
  });
  return out;
}

std::vector<std::pair<double, double>> Raster::rules(int wanted, double min_len) const {
  std::vector<std::pair<double, double>> out;
  const int need = static_cast<int>(min_len * scale);
  bool in = false;
  int start = 0;
  for (int y = 0; y <= height; ++y) {
    bool hit = false;
    if (y < height) {
      int run = 0;
      for (int x = 0; x < width && !hit; ++x) {
        run = kind[static_cast<std::size_t>(y) * width + x] == wanted ? run + 1 : 0;
        hit = run >= need;
      }
    }
    if (hit && !in) {
      in = true;
      start = y;
    } else if (!hit && in) {
      in = false;
      out.emplace_back(start / scale, y / scale);
    }
  }
  return out;
}

}  // namespace gongwen::golden
