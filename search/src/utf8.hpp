#pragma once
// Minimal UTF-8 decoding for the analysers: they walk text code point by code point but keep
// byte offsets, which ICU's UTF-16 strings would make awkward.
#include "gongwen/pipeline/utf8.hpp"
#include <cstddef>
#include <string>
#include <string_view>

namespace gongwen::search::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at `pos` and advances `pos`. On an invalid sequence returns kInvalid
// and advances by one byte. Rejects overlong forms, surrogates and values above U+10FFFF.
inline char32_t next(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++pos;
    return kInvalid;
  }
  if (pos + len > s.size()) {
    ++pos;
    return kInvalid;
  }
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return kInvalid;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kInvalid;
  }
  pos += len;
  return cp;
}

inline void append(std::string& out, char32_t cp) { gongwen::utf8::append(out, cp); }

inline std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    next(s, pos);
    ++n;
  }
  return n;
}

}  // namespace gongwen::search::utf8
