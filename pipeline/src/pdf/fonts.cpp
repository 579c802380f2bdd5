#include "gongwen/pipeline/utf8.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "pdf/fonts.hpp"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <strings.h>
#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <unordered_map>

namespace gongwen::pdf {
namespace {

// texlive ships the Fandol fonts outside fontconfig's folders.
constexpr const char* kFandolDir = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol";

std::mutex g_mutex;  // guards fontconfig setup and the face cache

FcConfig* font_config() {
  static FcConfig* config = [] {
    FcInit();
    FcConfig* c = FcConfigGetCurrent();
    struct stat st{};
    if (stat(kFandolDir, &st) == 0)
      FcConfigAppFontAddDir(c, reinterpret_cast<const FcChar8*>(kFandolDir));
    return c;
  }();
  return config;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    std::string item = s.substr(i, j - i);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    i = j + 1;
  }
  return out;
}

bool has_family(FcPattern* p, const std::string& family) {
  FcChar8* name = nullptr;
  for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &name) == FcResultMatch; ++i)
    if (strcasecmp(reinterpret_cast<const char*>(name), family.c_str()) == 0) return true;
  return false;
}

bool covers_chinese(FcPattern* p) {
  FcCharSet* cs = nullptr;
  if (FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch) return false;
  return FcCharSetHasChar(cs, U'中') && FcCharSetHasChar(cs, U'国');
}

std::string first_family(FcPattern* p) {
  FcChar8* name = nullptr;
  if (FcPatternGetString(p, FC_FAMILY, 0, &name) != FcResultMatch) return {};
  return reinterpret_cast<const char*>(name);
}

// The matched pattern for `family`, or null if fontconfig substituted another family.
FcPattern* match_family(const std::string& family, Weight weight) {
  FcConfig* config = font_config();
  FcPattern* pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  // zh-cn picks the Simplified Chinese face of a collection such as Noto CJK.
  FcPatternAddString(pat, FC_LANG, reinterpret_cast<const FcChar8*>("zh-cn"));
  // Style as well as weight: FandolHei-Bold declares weight 80 (regular) like its Regular.
  const char* style = weight == Weight::Bold ? "Bold" : "Regular";
  FcPatternAddString(pat, FC_STYLE, reinterpret_cast<const FcChar8*>(style));
  FcPatternAddInteger(pat, FC_WEIGHT, weight == Weight::Bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcConfigSubstitute(config, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult result;
  FcPattern* match = FcFontMatch(config, pat, &result);
  FcPatternDestroy(pat);
  if (match && (!has_family(match, family) || !covers_chinese(match))) {
    FcPatternDestroy(match);
    return nullptr;
  }
  if (match) {
    // No synthetic bold or slant: cairo would then draw outlines instead of embedding.
    FcPatternDel(match, FC_EMBOLDEN);
    FcPatternDel(match, FC_MATRIX);
  }
  return match;
}

// One face per font file for the whole process.
cairo_font_face_t* face_for(FcPattern* match, std::string* file_out, std::string* path_out, int* index_out) {
  static std::map<std::string, cairo_font_face_t*> cache;
  FcChar8* file = nullptr;
  int index = 0;
  FcPatternGetString(match, FC_FILE, 0, &file);
  FcPatternGetInteger(match, FC_INDEX, 0, &index);
  std::string key = std::string(file ? reinterpret_cast<const char*>(file) : "") + "#" +
                    std::to_string(index);
  *file_out = key;
  *path_out = file ? reinterpret_cast<const char*>(file) : "";
  *index_out = index;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  cairo_font_face_t* face = cairo_ft_font_face_create_for_pattern(match);
  cache.emplace(key, face);
  return face;
}

}  // namespace

static Result<ResolvedFont> resolve_font_uncached(const std::string& preference, const std::string& role_name,
                                           const std::string& fallback_family, Weight weight);

Result<ResolvedFont> resolve_font(const std::string& preference, const std::string& role_name,
                                  const std::string& fallback_family, Weight weight) {
  std::lock_guard<std::mutex> lock(g_mutex);
  // fontconfig matching costs more than laying out a short document: remember each answer
  // for the life of the process (faces are never freed, so the pointers stay valid).
  static std::unordered_map<std::string, ResolvedFont> resolved;
  const std::string key = preference + '\x1f' + role_name + '\x1f' + fallback_family + '\x1f' +
                          (weight == Weight::Bold ? "b" : "r");
  if (auto it = resolved.find(key); it != resolved.end()) return it->second;
  Result<ResolvedFont> found = resolve_font_uncached(preference, role_name, fallback_family, weight);
  if (found) resolved.emplace(key, found.value());
  return found;
}

static Result<ResolvedFont> resolve_font_uncached(const std::string& preference, const std::string& role_name,
                                           const std::string& fallback_family, Weight weight) {
  std::vector<std::string> wanted = split_list(preference);
  std::vector<std::string> tries = wanted;
  tries.push_back(fallback_family);
  for (std::size_t i = 0; i < tries.size(); ++i) {
    FcPattern* match = match_family(tries[i], weight);
    if (!match) continue;
    ResolvedFont font;
    font.family = first_family(match);
    font.face = face_for(match, &font.file, &font.path, &font.index);
    FcPatternDestroy(match);
    if (cairo_font_face_status(font.face) != CAIRO_STATUS_SUCCESS)
      return make_error(Code::Io, msg("write.font.load", {{"file", font.file}}));
    if (i > 0) {
      std::string first = wanted.empty() ? role_name : wanted.front();
      font.warning = role_name + " → " + font.family + " (no " + first + " installed)";
    }
    return font;
  }
  return make_error(Code::Io, msg("write.font.none", {{"role", role_name}, {"tried", preference + ", " + fallback_family}}),
                    {msg("write.font.none.hint")});
}

Result<FontSet> FontSet::create(const FontChoices& c) {
  struct RoleSpec {
    const std::string* list;
    const char* name;
    const char* fallback;
    Weight weight;
  };
  // Indexed by layout::FontRole.
  const RoleSpec roles[layout::kFontRoleCount] = {
      {&c.fangsong, "仿宋", "FandolFang", Weight::Regular},
      {&c.kaiti, "楷体", "FandolKai", Weight::Regular},
      {&c.heiti, "黑体", "Noto Sans CJK SC", Weight::Regular},
      {&c.xiaobiaosong, "小标宋", "Noto Serif CJK SC", Weight::Bold},
      {&c.songti, "宋体", "Noto Serif CJK SC", Weight::Regular},
  };
  FontSet set;
  for (const RoleSpec& r : roles) {
    Result<ResolvedFont> f = resolve_font(*r.list, r.name, r.fallback, r.weight);
    if (!f) return f.error();
    set.m_faces.push_back(f.value().face);
    set.m_files.push_back(f.value().path);
    set.m_file_indexes.push_back(f.value().index);
    set.m_role_names.push_back(r.name);
    set.m_face_families.push_back(f.value().family);
    if (!f.value().warning.empty()) set.m_warnings.push_back(f.value().warning);
  }
  // Stand-ins for characters a role's font lacks: Noto CJK SC, sans for 黑体.
  const char* standins[2] = {"Noto Serif CJK SC", "Noto Sans CJK SC"};
  int standin_index[2] = {-1, -1};
  for (int k = 0; k < 2; ++k) {
    Result<ResolvedFont> f = resolve_font(standins[k], standins[k], standins[k], Weight::Regular);
    if (f) {
      standin_index[k] = static_cast<int>(set.m_faces.size());
      set.m_faces.push_back(f.value().face);
      set.m_files.push_back(f.value().path);
      set.m_file_indexes.push_back(f.value().index);
      set.m_face_families.push_back(f.value().family);
    }
  }
  for (int r = 0; r < layout::kFontRoleCount; ++r) {
    int k = r == static_cast<int>(layout::FontRole::HeiTi) ? 1 : 0;
    set.m_fallback_of_role.push_back(standin_index[k] >= 0 ? standin_index[k]
                                                           : standin_index[1 - k]);
  }
  set.m_borrowed.resize(layout::kFontRoleCount);
  set.m_cmap_cache.resize(set.m_faces.size());
  set.m_advance_cache.resize(set.m_faces.size());
  return set;
}

unsigned long FontSet::lookup(int face, char32_t cp) {
  auto& cache = m_cmap_cache[face];
  auto it = cache.find(cp);
  if (it != cache.end()) return it->second;
  cairo_matrix_t m, ctm;
  cairo_matrix_init_scale(&m, 10, 10);
  cairo_matrix_init_identity(&ctm);
  cairo_font_options_t* opts = cairo_font_options_create();
  cairo_scaled_font_t* sf = cairo_scaled_font_create(m_faces[face], &m, &ctm, opts);
  unsigned long index = 0;
  if (FT_Face ft = cairo_ft_scaled_font_lock_face(sf)) {
    index = FT_Get_Char_Index(ft, cp);
    cairo_ft_scaled_font_unlock_face(sf);
  }
  cairo_scaled_font_destroy(sf);
  cairo_font_options_destroy(opts);
  cache.emplace(cp, index);
  return index;
}

double FontSet::advance(const Glyph& g) {
  auto& cache = m_advance_cache[g.face];
  auto it = cache.find(g.index);
  if (it != cache.end()) return it->second;
  cairo_matrix_t m, ctm;
  cairo_matrix_init_scale(&m, 1000, 1000);
  cairo_matrix_init_identity(&ctm);
  cairo_font_options_t* opts = cairo_font_options_create();
  cairo_scaled_font_t* sf = cairo_scaled_font_create(m_faces[g.face], &m, &ctm, opts);
  cairo_glyph_t glyph{g.index, 0, 0};
  cairo_text_extents_t ext{};
  cairo_scaled_font_glyph_extents(sf, &glyph, 1, &ext);
  cairo_scaled_font_destroy(sf);
  cairo_font_options_destroy(opts);
  const double em = ext.x_advance / 1000.0;
  cache.emplace(g.index, em);
  return em;
}

std::vector<std::string> FontSet::warnings() const {
  std::vector<std::string> out = m_warnings;
  for (int r = 0; r < layout::kFontRoleCount; ++r) {
    if (m_borrowed[r].empty()) continue;
    std::string chars;
    for (char32_t c : m_borrowed[r]) {
      if (c < 0x800) continue;  // only CJK characters are borrowed in practice
      utf8::append(chars, c);
    }
    const int fb = m_fallback_of_role[r];
    out.push_back(msg("write.font.borrowed", {{"role", m_role_names[r]}, {"chars", chars}, {"font", m_face_families[r]},
                                              {"from", m_face_families[fb]}}));
  }
  return out;
}

FontSet::Glyph FontSet::glyph(layout::FontRole role, char32_t cp) {
  const int r = static_cast<int>(role);
  if (unsigned long g = lookup(r, cp)) return {r, g};
  const int fb = m_fallback_of_role[r];
  if (fb >= 0)
    if (unsigned long g = lookup(fb, cp)) {
      // Rare characters (人名, 地名) the role's font lacks come from a Chinese stand-in,
      // never .notdef; the clerk is told which, so a real 仿宋_GB2312 can be checked.
      std::u32string& b = m_borrowed[r];
      if (b.size() < 20 && b.find(cp) == std::u32string::npos) b.push_back(cp);
      return {fb, g};
    }
  if (!m_missing_reported && cp > 0x20) {
    m_missing_reported = true;
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    m_warnings.push_back(msg("write.font.missing", {{"char", buf}}));
  }
  return {r, 0};
}

}  // namespace gongwen::pdf
