#include "serve/png.hpp"

#include <zlib.h>

#include <cstdint>
#include <stdexcept>

namespace gongwen::app::serve {

namespace {

void put_be32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void put_chunk(std::string& out, const char* type, const std::string& data) {
  put_be32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = out.size();
  out.append(type, 4);
  out += data;
  const auto crc = crc32(0, reinterpret_cast<const Bytef*>(out.data() + start), static_cast<uInt>(out.size() - start));
  put_be32(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

std::string encode_png_rgb(const char* bgrx, int width, int height, int stride) {
  if (width <= 0 || height <= 0 || stride < 4 * width) throw std::invalid_argument("encode_png_rgb: bad image size");
  // Filter type 0 (none) on every row: a page is mostly runs of white that deflate takes well.
  std::string raw;
  raw.reserve(static_cast<std::size_t>(height) * (1 + 3 * static_cast<std::size_t>(width)));
  for (int y = 0; y < height; ++y) {
    raw += '\0';
    const auto* row = reinterpret_cast<const unsigned char*>(bgrx + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < width; ++x) {
      raw += static_cast<char>(row[4 * x + 2]);
      raw += static_cast<char>(row[4 * x + 1]);
      raw += static_cast<char>(row[4 * x]);
    }
  }
  z_stream z{};
  if (deflateInit(&z, 1) != Z_OK) throw std::runtime_error("zlib deflateInit failed");
  std::string idat(deflateBound(&z, static_cast<uLong>(raw.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(raw.data());
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = reinterpret_cast<Bytef*>(idat.data());
  z.avail_out = static_cast<uInt>(idat.size());
  const int rc = deflate(&z, Z_FINISH);
  idat.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");

  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put_be32(ihdr, static_cast<std::uint32_t>(width));
  put_be32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit, RGB, deflate, filter 0, no interlace
  put_chunk(out, "IHDR", ihdr);
  put_chunk(out, "IDAT", idat);
  put_chunk(out, "IEND", "");
  return out;
}

}  // namespace gongwen::app::serve
