#pragma once
// Bytes as hexadecimal text: one encoder for digests, tokens and PDF strings.
#include <optional>
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

// The bytes of hexadecimal text (either case); nullopt for an odd length or a non-digit.
inline std::optional<std::string> from_hex(std::string_view hex) {
  auto nibble = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi << 4 | lo);
  }
  return out;
}

}  // namespace gongwen
