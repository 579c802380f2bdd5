#include "gongwen/pipeline/number.hpp"

#include <regex>

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

std::optional<DocNumber> parse_doc_number(std::string_view input) {
  static const std::regex re(
      R"(^\s*(\S+?)\s*(?:〔|\[|【|\(|（|［)(\d{4})(?:〕|\]|】|\)|）|］)\s*第?0*([1-9]\d{0,5})\s*号\s*$)");
  static const std::regex re_year(R"(^\s*(\S+?)\s*(\d{4})年?\s*第?0*([1-9]\d{0,5})\s*号\s*$)");
  const std::string s = ascii_digits(input);
  std::smatch m;
  if (!std::regex_match(s, m, re) && !std::regex_match(s, m, re_year)) return std::nullopt;
  DocNumber n{m[1].str(), std::stoi(m[2].str()), std::stoi(m[3].str())};
  if (n.year < 1949 || n.year > 9999) return std::nullopt;
  return n;
}

}  // namespace gongwen
