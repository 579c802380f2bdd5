#include "gongwen/pipeline/utf8.hpp"
#include "docx/grid.hpp"

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

// As the PDF writer resolves it (pdf/fonts.cpp: same lists, same fallbacks).
RoleFont resolved(std::string_view list, const char* generic, const char* role,
                  const char* fallback, pdf::Weight weight) {
  RoleFont f = role_font(list, generic);
  Result<pdf::ResolvedFont> r = pdf::resolve_font(std::string(list), role, fallback, weight);
  if (!r || r.value().family.empty()) return f;
  if (r.value().family != f.name) {
    f.alt = f.name;
    f.name = r.value().family;
    // A real 小标宋 is one weight; a stand-in family is asked for its bold face.
    f.bold = weight == pdf::Weight::Bold;
  }
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
  DocxFonts f{resolved(c.fangsong, "仿宋", "仿宋", "FandolFang", pdf::Weight::Regular),
              resolved(c.kaiti, "楷体", "楷体", "FandolKai", pdf::Weight::Regular),
              resolved(c.heiti, "黑体", "黑体", "Noto Sans CJK SC", pdf::Weight::Regular),
              resolved(c.xiaobiaosong, "方正小标宋简体", "小标宋", "Noto Serif CJK SC",
                       pdf::Weight::Bold),
              resolved(c.songti, "宋体", "宋体", "Noto Serif CJK SC", pdf::Weight::Regular)};
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
