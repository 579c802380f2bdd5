// The seal as vectors. The arc text is drawn as outlines, not as text, so a PDF's text layer
// carries only the document (a seal is an image on paper, not words to extract).
#include "seal/seal.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "layout/text.hpp"
#include "pdf/fonts.hpp"

namespace gongwen::seal {
namespace {

constexpr double kRed[3] = {0xE6 / 255.0, 0.0, 0x12 / 255.0};  // #E60012
constexpr double kPi = std::numbers::pi;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int len) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
  return CAIRO_STATUS_SUCCESS;
}

void star(cairo_t* cr, double cx, double cy, double r) {
  const double inner = r * 0.381966;  // regular five-pointed star
  for (int i = 0; i < 10; ++i) {
    const double a = -kPi / 2 + i * kPi / 5;
    const double rr = i % 2 == 0 ? r : inner;
    if (i == 0)
      cairo_move_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
    else
      cairo_line_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
  }
  cairo_close_path(cr);
  cairo_fill(cr);
}

// Adds the outline of one character centred (em box) at the origin, squeezed to `x_scale`.
void char_path(cairo_t* cr, const std::string& ch, double size, double x_scale) {
  cairo_text_extents_t ext;
  cairo_save(cr);
  cairo_scale(cr, x_scale, 1.0);
  cairo_set_font_size(cr, size);
  cairo_text_extents(cr, ch.c_str(), &ext);
  // The em box centre lies 0.38 em above the baseline in CJK fonts.
  cairo_move_to(cr, -ext.x_advance / 2, 0.38 * size);
  cairo_text_path(cr, ch.c_str());
  cairo_restore(cr);
}

}  // namespace

std::string seal_text_of(const Document& doc, int organ) {
  if (organ >= 0 && organ < static_cast<int>(doc.joint_signers.size())) {
    const Document::JointSigner& s = doc.joint_signers[static_cast<std::size_t>(organ)];
    return s.seal_text.empty() ? s.name : s.seal_text;
  }
  return !doc.seal_text.empty()   ? doc.seal_text
         : !doc.signature.empty() ? doc.signature
         : doc.issuers.empty()    ? std::string()
                                  : doc.issuers.front();
}

void draw_seal(cairo_t* cr, double cx, double cy, const SealSpec& spec) {
  const double d = spec.diameter_pt;
  const double r = d / 2;
  const double ring = d * 0.025;  // ≈ 1 mm on a 42 mm seal
  cairo_save(cr);
  // Ink over paper: multiplying lets the 署名 and date show through the red.
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgb(cr, kRed[0], kRed[1], kRed[2]);
  cairo_new_path(cr);
  cairo_set_line_width(cr, ring);
  cairo_arc(cr, cx, cy, r - ring / 2, 0, 2 * kPi);
  cairo_stroke(cr);
  star(cr, cx, cy, d / 6);

  Result<pdf::ResolvedFont> font =
      pdf::resolve_font(spec.font_family.empty() ? "FandolSong" : spec.font_family, "宋体",
                        "Noto Serif CJK SC", pdf::Weight::Regular);
  if (font) cairo_set_font_face(cr, font.value().face);

  const std::vector<char32_t> cps = layout::decode_utf8(spec.text);
  if (font && !cps.empty()) {
    const double size = d * 0.15;
    const double rt = r - ring - d * 0.02 - size / 2;  // radius of the characters' centres
    const std::size_t n = cps.size();
    // Up to 240° of arc; short names spread out, long ones are set narrower.
    const double max_span = 240.0 * kPi / 180.0;
    const double step = n > 1 ? std::min(max_span / (n - 1), 0.9 * kPi / 4) : 0.0;
    const double span = step * (n - 1);
    const double x_scale = n > 1 ? std::clamp(step * rt / (size * 0.95), 0.45, 1.0) : 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double theta = -span / 2 + step * i;  // 0 = top, clockwise
      std::string ch;
      layout::append_utf8(ch, cps[i]);
      cairo_save(cr);
      cairo_translate(cr, cx + rt * std::sin(theta), cy - rt * std::cos(theta));
      cairo_rotate(cr, theta);
      char_path(cr, ch, size, x_scale);
      cairo_restore(cr);
    }
    cairo_fill(cr);
  }
  if (font && !spec.subtext.empty()) {
    const std::vector<char32_t> sub = layout::decode_utf8(spec.subtext);
    const double size = d * 0.09;
    const double width = std::min(d * 0.6, size * sub.size());
    const double pitch = width / sub.size();
    const double x_scale = std::min(1.0, pitch / size);
    for (std::size_t i = 0; i < sub.size(); ++i) {
      std::string ch;
      layout::append_utf8(ch, sub[i]);
      cairo_save(cr);
      cairo_translate(cr, cx - width / 2 + pitch * (i + 0.5), cy + d * 0.30);
      char_path(cr, ch, size, x_scale);
      cairo_restore(cr);
    }
    cairo_fill(cr);
  }
  cairo_restore(cr);
}

std::string seal_png(const SealSpec& spec, int dpi) {
  const double scale = std::max(dpi, 1) / 72.0;
  const int px = static_cast<int>(std::ceil(spec.diameter_pt * scale)) + 2;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, scale, scale);
  draw_seal(cr, px / scale / 2, px / scale / 2, spec);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, append_to_string, &png);
  cairo_surface_destroy(surface);
  return png;
}

}  // namespace gongwen::seal
