#pragma once
// Per-document font subsets, made with HarfBuzz's subsetter before cairo sees the fonts.
//
// Why: cairo 1.16 subsets a CFF font for the PDF by first copying the font's whole CFF table
// (13 MB for Noto Serif CJK, 7 MB for FandolFang) out of FreeType and walking every one of its
// 30,000–65,000 glyphs, for every document. For a 2-page notice that was two thirds of the
// rendering time (callgrind: FT_Load_Sfnt_Table's memcpy and cairo's CFF index parser).
// HarfBuzz reads the memory-mapped font in place and writes a font holding only the glyphs
// used so far in this process, without subroutines and with the installed font's glyph ids;
// cairo then subsets that small font. Subsetting the big font costs more than cairo's whole
// job (≈ 20 ms), so the subset is kept for the process and only rebuilt, larger, when a
// document brings characters it lacks; in a batch that soon stops happening. The PDF shows
// the same outlines, widths and text, and its bytes depend only on the document (same glyph
// ids, no shared subroutines).
//
// If HarfBuzz cannot subset a face (an unusual font format), that face is used whole, as
// before: slower, never wrong.
#include <cairo.h>

#include <map>
#include <string>
#include <vector>

#include "pdf/fonts.hpp"

typedef struct hb_blob_t hb_blob_t;

namespace gongwen::pdf {

class DocumentFonts {
 public:
  explicit DocumentFonts(FontSet& fonts);
  ~DocumentFonts();
  DocumentFonts(const DocumentFonts&) = delete;
  DocumentFonts& operator=(const DocumentFonts&) = delete;

  // Pass 1: every glyph the document will draw (with the character it stands for).
  void use(const FontSet::Glyph& g, char32_t cp);
  // Makes the subsets. Call once, after the last use() and before the first face().
  void build();

  // Pass 2: the face to draw with. Glyph ids are those of FontSet (the installed font's).
  cairo_font_face_t* face(int face_index) const;

  // For formats that embed font files themselves (the OFD): whether the document draws with
  // face i, and a font file holding just its glyphs (an OpenType font, glyphs renumbered,
  // cmap kept). Empty if HarfBuzz cannot subset the face. Call after build().
  bool used(int face_index) const;
  std::string font_program(int face_index) const;

 private:
  FontSet& m_fonts;
  std::vector<std::map<unsigned long, char32_t>> m_used;  // per face: glyph → character
  std::vector<cairo_font_face_t*> m_faces;  // one reference each; null = the whole font
  std::vector<hb_blob_t*> m_blobs;          // the subsets' bytes, one reference each; or null
};

}  // namespace gongwen::pdf
