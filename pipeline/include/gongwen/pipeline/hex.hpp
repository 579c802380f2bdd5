#pragma once
// Bytes as hexadecimal text: one encoder for digests, tokens and PDF strings.
#include <string>
#include <string_view>

namespace gongwen {

enum class HexCase { Lower, Upper };

inline std::string to_hex(std::string_view bytes, HexCase c = HexCase::Lower) {
  const char* digits = c == HexCase::Lower ? "0123456789abcdef" : "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    out += digits[b >> 4];
    out += digits[b & 0x0F];
  }
  return out;
}

}  // namespace gongwen
