#include "gongwen/pipeline/number.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace gongwen {

std::string DocNumber::text() const {
  return code + "〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

namespace {
// Full-width digits (U+FF10–FF19, EF BC 90–99) to ASCII, so ２０２６ reads as 2026.
std::string ascii_digits(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      const auto c = static_cast<unsigned char>(s[i + 2]);
      if (c >= 0x90 && c <= 0x99) {
        out += static_cast<char>('0' + (c - 0x90));
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}
}  // namespace

namespace {
constexpr const char* kOpen[] = {"〔", "[", "【", "(", "（", "［", "﹝", "〖"};
constexpr const char* kClose[] = {"〕", "]", "】", ")", "）", "］", "﹞", "〗"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool eat(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// Reads "<serial>号" at the end: optional 第, no leading zeros kept, nothing after 号.
std::optional<int> serial_tail(std::string_view s) {
  s = trim(s);
  eat(s, "第");
  s = trim(s);
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  if (n == 0 || n > 6) return std::nullopt;
  const int serial = std::stoi(std::string(s.substr(0, n)));
  std::string_view rest = trim(s.substr(n));
  if (serial <= 0 || rest != "号") return std::nullopt;
  return serial;
}

bool four_digits(std::string_view s) {
  return s.size() >= 4 && std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

// Written by hand rather than with std::regex: std::regex works on bytes, so a character
// class of Chinese brackets would match stray bytes of other characters.
std::optional<DocNumber> parse_doc_number(std::string_view input) {
  const std::string s = ascii_digits(input);
  const std::string_view all = trim(s);
  // 代字〔2026〕7号 and the other bracket forms.
  for (std::size_t i = 0; i < std::size(kOpen); ++i) {
    const std::size_t p = all.find(kOpen[i]);
    if (p == std::string_view::npos || p == 0) continue;
    std::string_view rest = all.substr(p + std::strlen(kOpen[i]));
    if (!four_digits(rest)) continue;
    const int year = std::stoi(std::string(rest.substr(0, 4)));
    rest.remove_prefix(4);
    bool closed = false;
    for (const char* c : kClose) closed = closed || eat(rest, c);
    if (!closed) continue;
    auto serial = serial_tail(rest);
    const std::string code(trim(all.substr(0, p)));
    if (!serial || code.empty() || year < 1949) return std::nullopt;
    return DocNumber{code, year, *serial};
  }
  // 代字2026年7号: the first four-digit run is the year.
  for (std::size_t p = 1; p + 4 <= all.size(); ++p) {
    if (!four_digits(all.substr(p)) || (all[p - 1] >= '0' && all[p - 1] <= '9')) continue;
    std::string_view rest = all.substr(p + 4);
    const int year = std::stoi(std::string(all.substr(p, 4)));
    eat(rest, "年");
    auto serial = serial_tail(rest);
    const std::string code(trim(all.substr(0, p)));
    if (!serial || code.empty() || year < 1949) return std::nullopt;
    return DocNumber{code, year, *serial};
  }
  return std::nullopt;
}

std::string order_number_text(std::string_view number) {
  const std::optional<DocNumber> n = parse_doc_number(number);
  return n ? "第" + std::to_string(n->serial) + "号" : std::string(number);
}

}  // namespace gongwen
