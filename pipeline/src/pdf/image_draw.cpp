#include "pdf/image_draw.hpp"

#include <cstring>
#include <string>

namespace gongwen::pdf {
namespace {

struct Reader {
  const std::string* bytes;
  std::size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes->data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// The JPEG stays compressed in the PDF: cairo's PDF surface writes attached JPEG mime data
// as is. The pixel surface only gives the size (A8 keeps it small; it is never drawn).
cairo_surface_t* jpeg_surface(const Image& img) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_A8, img.pixel_width, img.pixel_height);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) return s;
  auto* copy = new std::string(img.bytes);
  cairo_surface_set_mime_data(
      s, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
      [](void* p) { delete static_cast<std::string*>(p); }, copy);
  return s;
}

}  // namespace

bool draw_image(cairo_t* cr, const layout::ImagePlacement& im) {
  if (im.image == nullptr || im.width <= 0 || im.height <= 0) return false;
  const Image& img = *im.image;
  cairo_surface_t* s = nullptr;
  if (img.format == ImageFormat::Png) {
    Reader r{&img.bytes};
    s = cairo_image_surface_create_from_png_stream(read_png, &r);
  } else {
    s = jpeg_surface(img);
  }
  const bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
                  cairo_image_surface_get_width(s) > 0 && cairo_image_surface_get_height(s) > 0;
  cairo_save(cr);
  if (ok) {
    const double sx = im.width / cairo_image_surface_get_width(s);
    const double sy = im.height / cairo_image_surface_get_height(s);
    cairo_translate(cr, im.x, im.y);
    cairo_scale(cr, sx, sy);
    cairo_set_source_surface(cr, s, 0, 0);
    // FAST: cairo then writes /Interpolate false, as PDF/A requires; viewers smooth anyway.
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_FAST);
    cairo_rectangle(cr, 0, 0, cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
    cairo_fill(cr);
  } else {
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, im.x, im.y, im.width, im.height);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  cairo_surface_destroy(s);
  return ok;
}

void draw_vrule(cairo_t* cr, const layout::VRule& v) {
  cairo_set_source_rgb(cr, v.color.r, v.color.g, v.color.b);
  cairo_set_line_width(cr, v.width);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to(cr, v.x, v.y0);
  cairo_line_to(cr, v.x, v.y1);
  cairo_stroke(cr);
}

}  // namespace gongwen::pdf
