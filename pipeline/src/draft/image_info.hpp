#pragma once
#include <cstdint>
// Recognising a picture file by its bytes (never by its name): PNG or baseline/progressive
// JPEG, and its size in pixels. Used by the draft reader and the .docx importer.
#include <optional>
#include <string_view>

#include "gongwen/pipeline/model.hpp"
#include "gongwen/pipeline/picture.hpp"  // kMaxImagePixels

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

}  // namespace gongwen
