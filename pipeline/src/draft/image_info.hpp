#pragma once
#include <cstdint>
// Recognising a picture file by its bytes (never by its name): PNG or baseline/progressive
// JPEG, and its size in pixels. Used by the draft reader and the .docx importer.
#include <optional>
#include <string_view>

#include "gongwen/pipeline/model.hpp"

namespace gongwen {

struct ImageInfo {
  ImageFormat format = ImageFormat::Png;
  int width = 0, height = 0;  // pixels
};

// nullopt: not a PNG or JPEG, or its header is damaged or claims a size of 0 or over
// 30,000 pixels a side (no office picture is that large; a bomb may say so).
std::optional<ImageInfo> sniff_image(std::string_view bytes);

// The most bytes one picture may have (draft and import alike).
inline constexpr std::size_t kMaxImageBytes = 20u << 20;
// Decoded pixels: 50 million is a 300 dpi scan of an A2 sheet; a photo or an A4 scan is under 10.
inline constexpr std::uint64_t kMaxImagePixels = 50'000'000;

}  // namespace gongwen
