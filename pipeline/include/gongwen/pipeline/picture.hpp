#pragma once
// Checking a picture someone sends (the web desk's 插入图片 upload) as a whole before it is
// stored: its kind and size from the header, the pixel limit, then all of its data — a PNG
// is decoded (libpng checks every chunk's CRC), a JPEG's segments are walked to its end
// marker. The magic bytes alone let a truncated or forged file through (issue 13).
#include <cstdint>
#include <string_view>

#include "gongwen/pipeline/model.hpp"

namespace gongwen {

// Decoded pixels: 50 million is a 300 dpi scan of an A2 sheet; a photo or an A4 scan is under 10.
inline constexpr std::uint64_t kMaxImagePixels = 50'000'000;

enum class PictureVerdict { Fine, NotAPicture, TooManyPixels, Damaged };

struct PictureCheck {
  PictureVerdict verdict = PictureVerdict::NotAPicture;
  ImageFormat format = ImageFormat::Png;
  int width = 0, height = 0;  // from the header, when it could be read
};

PictureCheck check_picture(std::string_view bytes);

}  // namespace gongwen
