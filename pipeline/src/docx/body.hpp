#pragma once
// Shared state of the word/document.xml writer, split over head_xml.cpp (版头),
// signature_xml.cpp (署名, 成文日期, seal, 附注) and document_xml.cpp (the rest).
#include <string_view>

#include "docx/ooxml.hpp"
#include "docx/parts.hpp"
#include "docx/grid_runs.hpp"
#include "gongwen/pipeline/layout_decisions.hpp"
#include "gongwen/pipeline/model.hpp"

namespace gongwen::docx {

struct Body {
  XmlWriter& x;
  const Document& doc;
  const DocxFonts& f;
  const std::vector<SealAnchor>& seals;  // empty: no seal image in the package
  const LayoutDecisions& decided;  // what our own layout decided (layout_decisions.hpp)
  // Height the red separator (a bottom border) adds under the 文号 line; the next blank
  // line is shortened by it so the title stays on the layout's grid row.
  int separator_twips = 0;

  // A one-run paragraph in the body font unless told otherwise.
  void para(ParaProps p, std::string_view text, const RoleFont* font = nullptr, int size = 0,
            const char* color = nullptr) {
    if (font == nullptr) font = &f.fangsong;
    // The paragraph mark names the font too, so a clerk typing at its end gets the role's
    // font rather than a default.
    if (p.mark_font == nullptr) p.mark_font = font;
    write_para(x, p, text, RunProps{font, size, color});
  }
  void blank(int exact_twips = 0) { write_blank(x, f.fangsong, exact_twips); }
  void run(std::string_view text, const RoleFont& font, int size = 0) {
    write_runs(x, text, RunProps{&font, size});
  }
};

inline ParaProps styled(const char* style) {
  ParaProps p;
  p.style = style;
  return p;
}

// 份号, 密级, 紧急程度, 发文机关标志, 发文字号 / 签发人 and the red separator.
void write_head(Body& b);
// 署名 and 成文日期 (sealed or unsealed layout), the seal drawing, then 附注.
void write_signature(Body& b);
// An empty line kept with what follows (keepNext): the blank rows of the 署名 block and
// the one above the 附件说明, which never stand apart from it on a page.
void write_kept_blank(Body& b);
// Runs for text[begin, end) in `font` as the layout sets a 3号 grid paragraph (GridRuns).
// `base`: the properties of every run (size, letter spacing), `font` alone when null.
// `kept`: byte offsets where the line breaks (w:br): a heading's word that the layout moved
// whole to the next line (LayoutDecisions::kept_words).
void write_grid_runs(Body& b, std::string_view text, std::size_t begin, std::size_t end,
                     const RoleFont& font, const GridRuns& g, const RunProps* base = nullptr,
                     const std::vector<std::size_t>* kept = nullptr);

}  // namespace gongwen::docx
