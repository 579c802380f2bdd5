#include "gongwen/pipeline/picture.hpp"

#include <cairo.h>

#include <cstdint>
#include <cstring>

#include "draft/image_info.hpp"

namespace gongwen {
namespace {

struct PngReader {
  std::string_view bytes;
  std::size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (length > r->bytes.size() - r->at) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes.data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// Decodes the whole PNG (its pixels are within kMaxImagePixels, checked before).
bool png_decodes(std::string_view bytes, int width, int height) {
  PngReader r{bytes};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_png, &r);
  const bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(s) == width &&
                  cairo_image_surface_get_height(s) == height;
  cairo_surface_destroy(s);
  return ok;
}

// Walks a JPEG's marker segments and its entropy-coded scans to the end-of-image marker:
// a file cut short or with a broken segment length is found without decoding the pixels
// (the PDF carries the JPEG as it is).
bool jpeg_is_whole(std::string_view b) {
  std::size_t i = 2;
  while (i + 2 <= b.size()) {
    if (std::uint8_t(b[i]) != 0xFF) return false;
    const std::uint8_t m = std::uint8_t(b[i + 1]);
    if (m == 0xFF) { ++i; continue; }
    if (m == 0xD9) return true;  // end of image
    if ((m >= 0xD0 && m <= 0xD7) || m == 0x01 || m == 0xD8) { i += 2; continue; }
    if (i + 4 > b.size()) return false;
    const std::size_t len = (std::size_t(std::uint8_t(b[i + 2])) << 8) | std::uint8_t(b[i + 3]);
    if (len < 2 || i + 2 + len > b.size()) return false;
    i += 2 + len;
    if (m != 0xDA) continue;
    // Scan data: runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
    while (i + 1 < b.size()) {
      if (std::uint8_t(b[i]) == 0xFF) {
        const std::uint8_t n = std::uint8_t(b[i + 1]);
        if (n != 0x00 && !(n >= 0xD0 && n <= 0xD7) && n != 0xFF) break;
      }
      ++i;
    }
  }
  return false;
}

}  // namespace

PictureCheck check_picture(std::string_view bytes) {
  PictureCheck c;
  const std::optional<ImageInfo> info = sniff_image(bytes);
  if (!info) {
    // A PNG or JPEG signature whose header cannot be read is a damaged picture, not another kind.
    const bool looks = bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8) ||
                       bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3);
    c.verdict = looks ? PictureVerdict::Damaged : PictureVerdict::NotAPicture;
    return c;
  }
  c.format = info->format;
  c.width = info->width;
  c.height = info->height;
  if (static_cast<std::uint64_t>(info->width) * static_cast<std::uint64_t>(info->height) > kMaxImagePixels) {
    c.verdict = PictureVerdict::TooManyPixels;
    return c;
  }
  const bool whole = info->format == ImageFormat::Png ? png_decodes(bytes, info->width, info->height)
                                                      : jpeg_is_whole(bytes);
  c.verdict = whole ? PictureVerdict::Fine : PictureVerdict::Damaged;
  return c;
}

}  // namespace gongwen
