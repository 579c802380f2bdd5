#pragma once
// A small PNG encoder for the preview's page images. poppler-cpp's own image::save writes
// through libpng at its highest compression and took 80–100 ms per A4 page at 72 dpi — five
// times the rasterising itself; zlib at level 1 takes about 8 ms and the file is ~10 % larger
// (70–110 KB a page), which on the office network costs nothing.
#include <string>

namespace gongwen::app::serve {

// Rows of 4-byte pixels as poppler and cairo keep them in memory on little-endian machines
// (B, G, R, then alpha or unused), `stride` bytes apart → an 8-bit RGB PNG. The page is
// opaque, so alpha is dropped.
std::string encode_png_rgb(const char* bgrx, int width, int height, int stride);

}  // namespace gongwen::app::serve
