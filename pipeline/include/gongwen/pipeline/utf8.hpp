#pragma once
// UTF-8 encoding and decoding shared by every stage (layout, PDF text, search analysis,
// tests), so that there is one definition of what a valid sequence is.
#include <cstddef>
#include <string>
#include <string_view>

namespace gongwen::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Appends the UTF-8 form of `cp` (which must be a Unicode scalar value).
inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline constexpr char32_t kInvalid = 0xFFFFFFFF;  // not a code point: next_or_invalid's "bad"

// True for a continuation byte (10xxxxxx): not the start of a code point.
inline bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Decodes the code point at `pos` and advances past it. An invalid, overlong, surrogate or
// truncated sequence yields kInvalid and advances one byte, so decoding always ends.
inline char32_t next_or_invalid(std::string_view s, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  std::size_t len = 0;
  char32_t cp = 0, min = 0;
  if (c < 0x80) { ++pos; return c; }
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
  else { ++pos; return kInvalid; }
  if (pos + len > s.size()) { ++pos; return kInvalid; }
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[pos + k]);
    if ((cc & 0xC0) != 0x80) { ++pos; return kInvalid; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++pos; return kInvalid; }
  pos += len;
  return cp;
}

// As next_or_invalid, with kReplacement for a bad sequence.
inline char32_t next(std::string_view s, std::size_t& pos) {
  const char32_t cp = next_or_invalid(s, pos);
  return cp == kInvalid ? kReplacement : cp;
}

// True if the whole of `s` is well-formed UTF-8.
inline bool valid(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();)
    if (next_or_invalid(s, pos) == kInvalid) return false;
  return true;
}

// Code points in `s`, a bad byte counting as one.
inline std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n) next_or_invalid(s, pos);
  return n;
}

inline std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) out.push_back(next(s, pos));
  return out;
}

inline std::string encode(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t cp : cps) append(out, cp);
  return out;
}

}  // namespace gongwen::utf8
