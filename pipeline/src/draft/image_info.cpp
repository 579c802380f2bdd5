#include "draft/image_info.hpp"

#include <cstdint>

namespace gongwen {
namespace {

constexpr int kMaxSide = 30000;

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
unsigned be16(std::string_view b, std::size_t at) {
  return (unsigned(std::uint8_t(b[at])) << 8) | unsigned(std::uint8_t(b[at + 1]));
}

std::optional<ImageInfo> sized(ImageFormat f, std::uint32_t w, std::uint32_t h) {
  if (w == 0 || h == 0 || w > kMaxSide || h > kMaxSide) return std::nullopt;
  return ImageInfo{f, static_cast<int>(w), static_cast<int>(h)};
}

// JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT C4,
// JPG C8 and DAC CC), which carries height then width.
std::optional<ImageInfo> jpeg(std::string_view b) {
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (std::uint8_t(b[i]) != 0xFF) return std::nullopt;
    const std::uint8_t m = std::uint8_t(b[i + 1]);
    if (m == 0xFF) { ++i; continue; }  // fill byte
    if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) { i += 2; continue; }
    if (m == 0xD9 || m == 0xDA) return std::nullopt;  // end or scan before any frame
    const unsigned len = be16(b, i + 2);
    if (len < 2) return std::nullopt;
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      if (i + 9 > b.size()) return std::nullopt;
      return sized(ImageFormat::Jpeg, be16(b, i + 7), be16(b, i + 5));
    }
    i += 2 + len;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> sniff_image(std::string_view b) {
  static constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  if (b.size() >= 24 && b.substr(0, 8) == kPng && b.substr(12, 4) == "IHDR")
    return sized(ImageFormat::Png, be32(b, 16), be32(b, 20));
  if (b.size() >= 4 && std::uint8_t(b[0]) == 0xFF && std::uint8_t(b[1]) == 0xD8) return jpeg(b);
  return std::nullopt;
}

}  // namespace gongwen
