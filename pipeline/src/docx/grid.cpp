#include "docx/grid.hpp"

namespace gongwen::docx {

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

double width_in_chars(std::string_view s) {
  double w = 0;
  for (unsigned char c : s) {
    if (c < 0x80) w += 0.5;
    else if ((c & 0xC0) != 0x80) w += 1.0;  // lead byte of a multi-byte character
  }
  return w;
}

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

RoleFont role_font(std::string_view list, const char* fallback) {
  RoleFont f;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string name = trim(list.substr(start, comma - start));
    if (!name.empty()) {
      if (f.name.empty()) f.name = std::move(name);
      else if (f.alt.empty()) f.alt = std::move(name);
    }
    start = comma + 1;
  }
  if (f.name.empty()) f.name = fallback;
  return f;
}

}  // namespace

DocxFonts docx_fonts(const FontChoices& c) {
  // Fallbacks only matter for a profile that sets a role to an empty list; the names are
  // the generic families every Chinese Windows has.
  return DocxFonts{role_font(c.fangsong, "仿宋"), role_font(c.kaiti, "楷体"),
                   role_font(c.heiti, "黑体"), role_font(c.xiaobiaosong, "方正小标宋简体"),
                   role_font(c.songti, "宋体")};
}

}  // namespace gongwen::docx
