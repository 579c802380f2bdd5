// The seal as a PNG: valid, transparent around the ring, red where the ink is.
#include <gtest/gtest.h>

#include <cairo/cairo.h>

#include <cstring>
#include <string>

#include "../../../pipeline/src/seal/seal.hpp"

namespace gongwen::seal {
namespace {

struct Reader {
  const std::string* data;
  std::size_t pos = 0;
};

cairo_status_t read_png(void* closure, unsigned char* out, unsigned int len) {
  auto* r = static_cast<Reader*>(closure);
  if (r->pos + len > r->data->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, r->data->data() + r->pos, len);
  r->pos += len;
  return CAIRO_STATUS_SUCCESS;
}

TEST(Seal, PngIsValidTransparentAndRed) {
  SealSpec spec;
  spec.text = "白路乡人民政府";
  spec.subtext = "办公室";
  spec.font_family = "FandolSong";
  const std::string png = seal_png(spec, 150);
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));

  Reader reader{&png};
  cairo_surface_t* img = cairo_image_surface_create_from_png_stream(read_png, &reader);
  ASSERT_EQ(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
  const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
  const int expected = static_cast<int>(42.0 / 25.4 * 150);  // 42 mm at 150 dpi ≈ 248 px
  EXPECT_NEAR(w, expected, 4);
  EXPECT_EQ(w, h);
  const unsigned char* data = cairo_image_surface_get_data(img);
  const int stride = cairo_image_surface_get_stride(img);
  auto px = [&](int x, int y) { return reinterpret_cast<const uint32_t*>(data + y * stride)[x]; };
  int red = 0, other = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const uint32_t p = px(x, y);  // premultiplied ARGB
      const unsigned a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
      if (a < 128) continue;
      if (r > 180 && g < 60 && b < 80) ++red;
      else ++other;
    }
  EXPECT_GT(red, w * h / 20);  // ring, star and text
  EXPECT_LT(other, red / 5);   // anti-aliased edges only
  EXPECT_EQ(px(0, 0) >> 24, 0u);                 // corner outside the ring: transparent
  EXPECT_GT(px(w / 2, h / 2) >> 24, 200u);       // centre of the star: ink
  EXPECT_GT(px(w / 2, 1 + w / 100) >> 24, 100u);  // top of the ring
  cairo_surface_destroy(img);
}

TEST(Seal, ArcTextIsDrawnAndGrowsWithLongerNames) {
  auto ink = [](const std::string& text) {
    SealSpec spec;
    spec.text = text;
    const std::string png = seal_png(spec, 96);
    Reader reader{&png};
    cairo_surface_t* img = cairo_image_surface_create_from_png_stream(read_png, &reader);
    const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    const unsigned char* data = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    int n = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        if ((reinterpret_cast<const uint32_t*>(data + y * stride)[x] >> 24) > 128) ++n;
    cairo_surface_destroy(img);
    return n;
  };
  const int empty = ink("");
  const int named = ink("白路乡人民政府");
  EXPECT_GT(named, empty + 500);  // characters add ink along the arc
}

}  // namespace
}  // namespace gongwen::seal
