// Test scans from our own PDFs (scan_material.hpp). Poppler renders, Leptonica degrades; the
// noise comes from a seeded generator, so a run is repeatable.
#include "scan_material.hpp"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <cstring>

#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::material {

namespace {

struct PixFree {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

std::string take(l_uint8* data, size_t n) {
  std::string s(reinterpret_cast<const char*>(data), n);
  lept_free(data);
  return s;
}

std::string png(Pix* p) {
  l_uint8* data = nullptr;
  size_t n = 0;
  if (pixWriteMemPng(&data, &n, p, 0.0f) || !data) return "";
  return take(data, n);
}

PixPtr render(const std::string& pdf, int page, int dpi, bool colour) {
  std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!d || page >= d->pages()) return nullptr;
  std::unique_ptr<poppler::page> p(d->create_page(page));
  poppler::page_renderer r;
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  r.set_image_format(colour ? poppler::image::format_argb32 : poppler::image::format_gray8);
  poppler::image img = r.render_page(p.get(), dpi, dpi);
  if (!img.is_valid()) return nullptr;
  const int w = img.width(), h = img.height();
  PixPtr pix(pixCreate(w, h, colour ? 32 : 8));
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    const auto* src = reinterpret_cast<const unsigned char*>(img.const_data()) + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row();
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      if (colour) {
        // argb32: 0xAARRGGBB words in native order; Leptonica's RGB is 0xRRGGBB00
        l_uint32 v;
        std::memcpy(&v, src + 4 * x, 4);
        line[x] = (v & 0x00FFFFFFu) << 8;
      } else {
        SET_DATA_BYTE(line, x, src[x]);
      }
    }
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

PixPtr rotate(Pix* p, double degrees) {
  return PixPtr(pixRotate(p, static_cast<float>(degrees * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

// Dark specks of 1–3 px over an 8-bit page, about `per_million` per million pixels.
void speckle(Pix* grey, std::mt19937& rng, int per_million) {
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  const long n = static_cast<long>(w) * h * per_million / 1'000'000;
  std::uniform_int_distribution<int> xs(0, w - 4), ys(0, h - 4), size(1, 3), shade(0, 90);
  for (long i = 0; i < n; ++i) {
    const int x = xs(rng), y = ys(rng), s = size(rng), v = shade(rng);
    for (int dy = 0; dy < s; ++dy)
      for (int dx = 0; dx < s; ++dx) pixSetPixel(grey, x + dx, y + dy, static_cast<l_uint32>(v));
  }
}

// A faint red seal (a ring and a star-less centre band) blended over an RGB page.
void faint_stamp(Pix* rgb, int cx, int cy, int radius) {
  const int w = pixGetWidth(rgb), h = pixGetHeight(rgb);
  const double alpha = 0.35;
  for (int y = std::max(0, cy - radius); y < std::min(h, cy + radius); ++y)
    for (int x = std::max(0, cx - radius); x < std::min(w, cx + radius); ++x) {
      const double r = std::hypot(x - cx, y - cy);
      const bool ring = r <= radius && r >= radius * 0.92;
      const bool band = std::abs(y - cy) < radius * 0.08 && r < radius * 0.7;
      if (!ring && !band) continue;
      l_int32 R, G, B;
      l_uint32 v;
      pixGetPixel(rgb, x, y, &v);
      extractRGBValues(v, &R, &G, &B);
      R = static_cast<int>(R * (1 - alpha) + 230 * alpha);
      G = static_cast<int>(G * (1 - alpha) + 30 * alpha);
      B = static_cast<int>(B * (1 - alpha) + 30 * alpha);
      composeRGBPixel(R, G, B, &v);
      pixSetPixel(rgb, x, y, v);
    }
}

}  // namespace

const std::vector<Variant>& all_variants() {
  static const std::vector<Variant> v{Variant::Colour300, Variant::Grey300, Variant::Bw300, Variant::Grey200,
                                      Variant::Degraded200, Variant::Bw200Rotated, Variant::PhotoJpeg};
  return v;
}

const char* variant_name(Variant v) {
  switch (v) {
    case Variant::Colour300: return "300dpi-colour";
    case Variant::Grey300: return "300dpi-grey";
    case Variant::Bw300: return "300dpi-bw";
    case Variant::Grey200: return "200dpi-grey";
    case Variant::Degraded200: return "200dpi-grey-rotated-speckled-stamp";
    case Variant::Bw200Rotated: return "200dpi-bw-rotated-speckled";
    case Variant::PhotoJpeg: return "300dpi-photo-jpeg";
  }
  return "";
}

int variant_dpi(Variant v) {
  return v == Variant::Grey200 || v == Variant::Degraded200 || v == Variant::Bw200Rotated ? 200 : 300;
}

std::string scan_page(const std::string& pdf, int page, Variant v, unsigned seed) {
  setMsgSeverity(L_SEVERITY_NONE);
  std::mt19937 rng(seed * 7919u + static_cast<unsigned>(page) * 31u + static_cast<unsigned>(v));
  std::uniform_real_distribution<double> angle(0.5, 2.0);
  std::bernoulli_distribution sign(0.5);
  const double turn = (sign(rng) ? 1 : -1) * angle(rng);
  const int dpi = variant_dpi(v);
  switch (v) {
    case Variant::Grey300:
    case Variant::Grey200: {
      PixPtr p = render(pdf, page, dpi, false);
      return p ? png(p.get()) : "";
    }
    case Variant::Colour300: {
      PixPtr p = render(pdf, page, dpi, true);
      return p ? png(p.get()) : "";
    }
    case Variant::Bw300: {
      PixPtr p = render(pdf, page, dpi, false);
      if (!p) return "";
      PixPtr b(pixConvertTo1(p.get(), 160));
      pixSetResolution(b.get(), dpi, dpi);
      return png(b.get());
    }
    case Variant::Degraded200: {
      PixPtr p = render(pdf, page, dpi, true);
      if (!p) return "";
      faint_stamp(p.get(), pixGetWidth(p.get()) * 2 / 3, pixGetHeight(p.get()) / 2, dpi * 42 / 2 * 10 / 254);
      PixPtr g(pixConvertRGBToLuminance(p.get()));
      speckle(g.get(), rng, 400);
      PixPtr r = rotate(g.get(), turn);
      pixSetResolution(r.get(), dpi, dpi);
      return png(r.get());
    }
    case Variant::Bw200Rotated: {
      PixPtr p = render(pdf, page, dpi, false);
      if (!p) return "";
      speckle(p.get(), rng, 300);
      PixPtr r = rotate(p.get(), turn);
      PixPtr b(pixConvertTo1(r.get(), 150));
      pixSetResolution(b.get(), dpi, dpi);
      return png(b.get());
    }
    case Variant::PhotoJpeg: {
      PixPtr p = render(pdf, page, dpi, true);
      if (!p) return "";
      faint_stamp(p.get(), pixGetWidth(p.get()) * 2 / 3, pixGetHeight(p.get()) * 3 / 4, dpi * 42 / 2 * 10 / 254);
      // Uneven light: darker towards one corner, as a phone photo of a page on a desk.
      const int w = pixGetWidth(p.get()), h = pixGetHeight(p.get());
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          l_uint32 v;
          l_int32 R, G, B;
          pixGetPixel(p.get(), x, y, &v);
          extractRGBValues(v, &R, &G, &B);
          const double f = 0.78 + 0.22 * (1.0 - (static_cast<double>(x) / w + static_cast<double>(y) / h) / 2);
          composeRGBPixel(static_cast<int>(R * f), static_cast<int>(G * f), static_cast<int>(B * f * 0.95), &v);
          pixSetPixel(p.get(), x, y, v);
        }
      PixPtr blur(pixBlockconv(p.get(), 1, 1));
      PixPtr r = rotate(blur.get(), turn);
      pixSetResolution(r.get(), dpi, dpi);
      l_uint8* data = nullptr;
      size_t n = 0;
      if (pixWriteMemJpeg(&data, &n, r.get(), 55, 0) || !data) return "";
      return take(data, n);
    }
  }
  return "";
}

std::string image_pdf(const std::vector<std::string>& images, int dpi) {
  setMsgSeverity(L_SEVERITY_NONE);
  PIXA* pixa = pixaCreate(static_cast<int>(images.size()));
  for (const auto& bytes : images) {
    Pix* p = pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size());
    if (p) pixaAddPix(pixa, p, L_INSERT);
  }
  l_uint8* data = nullptr;
  size_t n = 0;
  const l_ok bad = pixaConvertToPdfData(pixa, dpi, 1.0f, L_DEFAULT_ENCODE, 75, nullptr, &data, &n);
  pixaDestroy(&pixa);
  if (bad || !data) return "";
  return take(data, n);
}

std::string blank_page_png() {
  PixPtr p(pixCreate(2480, 3508, 8));
  pixSetAll(p.get());
  pixSetResolution(p.get(), 300, 300);
  return png(p.get());
}

std::string page_text(const std::string& pdf, int page) {
  std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!d || page >= d->pages()) return "";
  std::unique_ptr<poppler::page> p(d->create_page(page));
  const auto t = p->text().to_utf8();
  return std::string(t.begin(), t.end());
}

int page_count(const std::string& pdf) {
  std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  return d ? d->pages() : 0;
}

double cer(const std::string& truth, const std::string& got) {
  // Whitespace is not counted, nor the page-number lines ("— 1 —"): they are the layout's, not
  // the document's text, and Tesseract drops the dashes (6 of 240 characters on a short page).
  auto cps = [](const std::string& s) {
    std::u32string out, line;
    std::size_t i = 0;
    auto flush = [&] {
      bool page_number = !line.empty(), dash = false;
      for (char32_t c : line) {
        const bool is_dash = c == U'—' || c == '-' || c == U'一';
        dash = dash || is_dash;
        page_number = page_number && (is_dash || (c >= '0' && c <= '9'));
      }
      page_number = page_number && dash;
      if (!page_number) out += line;
      line.clear();
    };
    while (i < s.size()) {
      const char32_t c = utf8::next(s, i);
      if (c == '\n' || c == '\f') flush();
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x3000) continue;
      line += c;
    }
    flush();
    return out;
  };
  const std::u32string a = cps(truth), b = cps(got);
  if (a.empty()) return b.empty() ? 0.0 : 1.0;
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[b.size()]) / static_cast<double>(a.size());
}

}  // namespace gongwen::material
