#pragma once
// Font resolution for the PDF writer and the seal: each font role becomes one cairo font
// face, found through fontconfig from a comma-separated preference list. One face per role
// and per process, so every font is embedded once per PDF and looked up once per run.
#include <cairo.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/render.hpp"
#include "layout/page.hpp"

namespace gongwen::pdf {

enum class Weight { Regular, Bold };

// A resolved font: the face and what stood in for what.
struct ResolvedFont {
  cairo_font_face_t* face = nullptr;  // owned by the process-wide cache
  std::string family;                  // the family actually used
  std::string file;                    // path#index
  std::string path;                    // the font file
  int index = 0;                       // the face inside it
  std::string warning;                 // non-empty when a stand-in was taken
};

// Resolves a preference list such as "仿宋_GB2312,仿宋,FandolFang". Only a font whose own
// family name matches an entry and that covers Han characters in Simplified Chinese is
// accepted; if none is, `fallback_family` is tried, and only then an error is returned.
// `role_name` (仿宋, 楷体 …) appears in the warning.
Result<ResolvedFont> resolve_font(const std::string& preference, const std::string& role_name,
                                  const std::string& fallback_family, Weight weight);

// The five roles of one render, plus per-role stand-ins for characters a font lacks.
class FontSet {
 public:
  static Result<FontSet> create(const FontChoices& choices);

  struct Glyph {
    int face = 0;  // index into faces(): 0..4 the roles, 5.. the stand-ins
    unsigned long index = 0;
  };
  // The glyph for `cp` in `role`'s font, else in its stand-in; index 0 (.notdef) if none.
  Glyph glyph(layout::FontRole role, char32_t cp);
  // Advance width of a glyph in em.
  double advance(const Glyph& g);
  cairo_font_face_t* face(int i) const { return m_faces[i]; }
  int face_count() const { return static_cast<int>(m_faces.size()); }
  // The glyph of `cp` in face i itself (no stand-in); 0 if the face lacks it.
  unsigned long glyph_in(int face, char32_t cp) { return lookup(face, cp); }
  // The font file behind face i and the face's index inside it (a .ttc holds several).
  const std::string& file(int i) const { return m_files[i]; }
  int file_index(int i) const { return m_file_indexes[i]; }
  // The family of the font resolved for face i.
  const std::string& family(int i) const { return m_face_families[i]; }
  // Stand-ins for roles, characters borrowed from a stand-in face (one line per role, e.g.
  // "仿宋: 喆堃 not in its font, taken from Noto Serif CJK SC") and characters no font has.
  std::vector<std::string> warnings() const;

 private:
  std::vector<cairo_font_face_t*> m_faces;              // roles, then stand-ins
  std::vector<std::string> m_files;                     // per face
  std::vector<int> m_file_indexes;                      // per face
  std::vector<int> m_fallback_of_role;                 // role → stand-in face index
  std::vector<std::unordered_map<char32_t, unsigned long>> m_cmap_cache;  // per face
  std::vector<std::unordered_map<unsigned long, double>> m_advance_cache;  // per face
  std::vector<std::string> m_warnings;
  bool m_missing_reported = false;
  std::vector<std::string> m_role_names, m_face_families;  // for the warnings
  std::vector<std::u32string> m_borrowed;                  // per role, first 20 characters

  unsigned long lookup(int face, char32_t cp);
};

}  // namespace gongwen::pdf
