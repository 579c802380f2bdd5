#pragma once
// Numbers in OFD parts: millimetres (the layout works in points), written with at most
// three decimals (1 µm) by std::to_chars, which never looks at the locale.
#include <charconv>
#include <string>

#include "layout/geometry.hpp"

namespace gongwen::ofd {

inline std::string num(double v) {
  if (v > -0.0005 && v < 0.0005) v = 0;  // no "-0"
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  std::string s(buf, end);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Points (the layout's unit) to millimetres, written.
inline std::string mm(double pt) { return num(pt / layout::kPtPerMm); }

}  // namespace gongwen::ofd
