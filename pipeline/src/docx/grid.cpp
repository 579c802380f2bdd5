#include "gongwen/pipeline/utf8.hpp"
#include "docx/grid.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "pdf/fonts.hpp"

namespace gongwen::docx {

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += utf8::is_continuation(c) ? 0 : 1;  // lead bytes (invalid ones too)
  return n;
}

double width_in_chars(std::string_view s) {
  double w = 0;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x80) w += 0.5;
    else if (!utf8::is_continuation(c)) w += 1.0;  // lead byte of a multi-byte character
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

// The office's font for a role: the first family of the profile's list (仿宋_GB2312, 楷体_GB2312,
// 黑体, 方正小标宋简体 …), whatever this server has installed: the DOCX goes to office PCs
// that have these fonts, and this machine maps the same names to its free stand-ins with the
// project's fontconfig file (fonts/60-gongwen-office-fonts.conf), so LibreOffice here finds
// the faces the PDF is set in. w:altName offers the next name a Word or WPS may have instead:
// the name without "_GB2312" when the list holds it (Windows ships 仿宋 and 楷体, not the
// GB2312 faces), else the list's second family.
RoleFont role_font(std::string_view list, const char* fallback) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string name = trim(list.substr(start, comma - start));
    if (!name.empty()) names.push_back(std::move(name));
    start = comma + 1;
  }
  RoleFont f;
  f.name = names.empty() ? std::string(fallback) : names[0];
  constexpr std::string_view kGb = "_GB2312";
  if (f.name.size() > kGb.size() && f.name.ends_with(kGb)) {
    const std::string base = f.name.substr(0, f.name.size() - kGb.size());
    if (std::find(names.begin(), names.end(), base) != names.end()) f.alt = base;
  }
  if (f.alt.empty() && names.size() > 1) f.alt = names[1];
  return f;
}

}  // namespace

DocxFonts docx_fonts(const FontChoices& c) {
  // Resolved once per set of choices and process: fontconfig matching costs milliseconds.
  static std::mutex mutex;
  static std::map<std::string, DocxFonts> cache;
  const std::string key =
      c.fangsong + "|" + c.kaiti + "|" + c.heiti + "|" + c.xiaobiaosong + "|" + c.songti;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  // Generic names matter only for a profile that sets a role to an empty list.
  DocxFonts f{role_font(c.fangsong, "仿宋"), role_font(c.kaiti, "楷体"), role_font(c.heiti, "黑体"),
              role_font(c.xiaobiaosong, "方正小标宋简体"), role_font(c.songti, "宋体"), {}};
  // One FontSet per set of choices and process, shared by every DocxFonts copy; its advance
  // cache is not thread-safe, hence the lock (a document asks for a few dozen characters).
  Result<pdf::FontSet> set = pdf::FontSet::create(c);
  if (set) {
    struct Shared {
      explicit Shared(pdf::FontSet f) : fonts(std::move(f)) {}
      std::mutex mutex;
      pdf::FontSet fonts;
    };
    auto shared = std::make_shared<Shared>(std::move(set.value()));
    f.advance = [shared](layout::FontRole role, char32_t cp) {
      std::lock_guard<std::mutex> lock(shared->mutex);
      return shared->fonts.advance(shared->fonts.glyph(role, cp));
    };
  }
  cache.emplace(key, f);
  return f;
}

}  // namespace gongwen::docx
