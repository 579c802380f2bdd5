#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/utf8.hpp"
#include "pdf_text.hpp"

#include <cstdio>
#include <ctime>

namespace gongwen::sign_detail {

namespace {

void put16(std::string& out, unsigned v) {
  const char be[2] = {static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)};
  out += to_hex(std::string_view(be, 2), HexCase::Upper);
}

void put_utf8(std::string& out, unsigned cp) { utf8::append(out, static_cast<char32_t>(cp)); }

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string pdf_text_string(const std::string& utf8) {
  bool ascii = true;
  for (unsigned char c : utf8)
    if (c < 0x20 || c > 0x7E || c == '(' || c == ')' || c == '\\') ascii = false;
  if (ascii) return "(" + utf8 + ")";
  std::string out = "<FEFF";
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned cp = utf8::next(utf8, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put16(out, 0xD800 + (cp >> 10));
      put16(out, 0xDC00 + (cp & 0x3FF));
    } else {
      put16(out, cp);
    }
  }
  return out + ">";
}

std::string decode_pdf_string(const std::string& token) {
  std::string bytes;
  if (token.size() >= 2 && token.front() == '<') {
    int hi = -1;
    for (char c : token.substr(1, token.size() - 2)) {
      const int v = hexval(c);
      if (v < 0) continue;
      if (hi < 0) hi = v;
      else bytes += static_cast<char>(hi * 16 + v), hi = -1;
    }
  } else if (token.size() >= 2 && token.front() == '(') {
    for (std::size_t i = 1; i + 1 < token.size(); ++i) {
      if (token[i] == '\\' && i + 2 < token.size()) bytes += token[++i];
      else bytes += token[i];
    }
  } else {
    return token;
  }
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0xFE ||
      static_cast<unsigned char>(bytes[1]) != 0xFF)
    return bytes;
  std::string out;
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    unsigned cp = (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size()) {
      const unsigned lo = (static_cast<unsigned char>(bytes[i + 2]) << 8) | static_cast<unsigned char>(bytes[i + 3]);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    }
    put_utf8(out, cp);
  }
  return out;
}

std::string pdf_date(const Instant& at) {
  const std::time_t local = static_cast<std::time_t>(at.unix_seconds + at.utc_offset_minutes * 60LL);
  std::tm tm{};
  gmtime_r(&local, &tm);
  const int off = at.utc_offset_minutes < 0 ? -at.utc_offset_minutes : at.utc_offset_minutes;
  char buf[40];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                at.utc_offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

}  // namespace gongwen::sign_detail
