#include "docx/ooxml.hpp"

namespace gongwen::docx {

void write_ppr(XmlWriter& x, const ParaProps& p) {
  x.start("w:pPr");
  if (!p.style.empty()) x.val("w:pStyle", p.style);
  if (p.keep_next) x.empty("w:keepNext");
  if (p.page_break_before) x.empty("w:pageBreakBefore");
  if (p.bottom_frame) {
    // Consecutive paragraphs with identical framePr share one frame; notBeside keeps body
    // text from flowing beside it.
    x.empty("w:framePr", {{"w:w", std::to_string(kTextWidth)},
                          {"w:wrap", "notBeside"},
                          {"w:vAnchor", "margin"},
                          {"w:hAnchor", "margin"},
                          {"w:xAlign", "center"},
                          {"w:yAlign", "bottom"}});
  }
  if (p.grid_defaults) x.val("w:widowControl", "0");
  if (!p.borders.empty()) {
    x.start("w:pBdr");
    // CT_PBdr order: top, left, bottom, right, between, bar.
    for (const char* side : {"top", "bottom"}) {
      for (const auto& b : p.borders) {
        if (std::string_view(b.side) != side) continue;
        x.empty((std::string("w:") + side).c_str(),
                {{"w:val", b.style},
                 {"w:sz", std::to_string(b.size)},
                 {"w:space", std::to_string(b.space)},
                 {"w:color", b.color}});
      }
    }
    x.end();
  }
  if (!p.tabs.empty()) {
    x.start("w:tabs");
    for (const auto& t : p.tabs) x.empty("w:tab", {{"w:val", t.kind}, {"w:pos", std::to_string(t.pos)}});
    x.end();
  }
  if (p.grid_defaults) {
    x.val("w:overflowPunct", "1");
    x.val("w:autoSpaceDE", "0");
    x.val("w:autoSpaceDN", "0");
  }
  if (p.snap_to_grid) x.val("w:snapToGrid", *p.snap_to_grid ? "1" : "0");
  if (p.before || p.after || p.line) {
    x.start("w:spacing");
    if (p.before) x.attr("w:before", std::int64_t{*p.before});
    if (p.after) x.attr("w:after", std::int64_t{*p.after});
    if (p.line) {
      x.attr("w:line", std::int64_t{*p.line});
      x.attr("w:lineRule", "exact");
    }
    x.end();
  }
  if (p.left || p.right || p.first_line || p.hanging || p.first_line_chars) {
    x.start("w:ind");
    if (p.left) x.attr("w:left", std::int64_t{*p.left});
    if (p.right) x.attr("w:right", std::int64_t{*p.right});
    if (p.hanging) {
      x.attr("w:hanging", std::int64_t{*p.hanging});
    } else {
      if (p.first_line_chars) x.attr("w:firstLineChars", std::int64_t{*p.first_line_chars});
      if (p.first_line) x.attr("w:firstLine", std::int64_t{*p.first_line});
    }
    x.end();
  }
  if (p.jc != nullptr) x.val("w:jc", p.jc);
  if (p.outline >= 0) x.val("w:outlineLvl", std::int64_t{p.outline});
  if (p.mark_font != nullptr) write_rpr(x, RunProps{p.mark_font});
  x.end();
}

void write_rfonts(XmlWriter& x, const RoleFont& font, bool hint) {
  // The same family for every script: the PDF also sets digits and Latin letters in the
  // role's font, and an explicit name keeps Word from reaching for a theme font.
  x.start("w:rFonts");
  x.attr("w:ascii", font.name);
  x.attr("w:eastAsia", font.name);
  x.attr("w:hAnsi", font.name);
  x.attr("w:cs", font.name);
  if (hint) x.attr("w:hint", "eastAsia");
  x.end();
}

void write_rpr(XmlWriter& x, const RunProps& r) {
  x.start("w:rPr");
  if (r.font != nullptr) write_rfonts(x, *r.font, r.hint);
  if (r.color != nullptr) x.val("w:color", r.color);
  if (r.spacing) x.val("w:spacing", std::int64_t{*r.spacing});
  if (r.scale != 0) x.val("w:w", std::int64_t{r.scale});
  if (r.size > 0) {
    x.val("w:sz", std::int64_t{r.size});
    x.val("w:szCs", std::int64_t{r.size});
  }
  x.end();
}

bool needs_east_asia_hint(std::string_view s) {
  // UTF-8 of “ ” ‘ ’ — – … · ― ─: the shared-width code points Word assigns by hint.
  static const char* const kAmbiguous[] = {"\u201C", "\u201D", "\u2018", "\u2019", "\u2014",
                                           "\u2013", "\u2026", "\u00B7", "\u2015", "\u2500"};
  for (const char* a : kAmbiguous)
    if (s.find(a) != std::string_view::npos) return true;
  return false;
}

// A hyphen between digits ("0878-6212106", "9704-2012") is followed by U+2060 WORD JOINER:
// the layout never breaks a number there (a phone number is read whole), LibreOffice's line
// breaker would; the joiner has no width and no glyph (it is not in a PDF's text).
static std::string join_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 6);
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '-' && i > 0 && i + 1 < text.size() && digit(text[i - 1]) && digit(text[i + 1]))
      out += "\xE2\x81\xA0";
  }
  return out;
}

void write_runs(XmlWriter& x, std::string_view raw, RunProps props) {
  const std::string joined = raw.find('-') == std::string_view::npos ? std::string() : join_numbers(raw);
  const std::string_view text = joined.empty() ? raw : std::string_view(joined);
  props.hint = props.hint || needs_east_asia_hint(text);
  x.start("w:r");
  write_rpr(x, props);
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t j = text.find_first_of("\t\n", i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) {
      x.start("w:t");
      x.attr("xml:space", "preserve");
      x.text(text.substr(i, j - i));
      x.end();
    }
    if (j == text.size()) break;
    x.empty(text[j] == '\t' ? "w:tab" : "w:br");
    i = j + 1;
  }
  x.end();
}

void write_para(XmlWriter& x, const ParaProps& p, std::string_view text, const RunProps& r) {
  x.start("w:p");
  write_ppr(x, p);
  if (!text.empty()) write_runs(x, text, r);
  x.end();
}

void write_blank(XmlWriter& x, const RoleFont& font, int exact_twips) {
  x.start("w:p");
  ParaProps p;
  p.style = "Normal";
  if (exact_twips > 0) {
    p.line = exact_twips;
    p.snap_to_grid = false;  // on the line grid a shorter line would take a whole one
  }
  // The paragraph mark carries the font too, so even an empty line names no theme font.
  p.mark_font = &font;
  write_ppr(x, p);
  x.end();
}

void write_picture_graphic(XmlWriter& x, const std::string& name, const std::string& rel_id,
                           const std::string& cx, const std::string& cy, LockArrowheads arrowheads) {
  x.start("wp:cNvGraphicFramePr");
  x.empty("a:graphicFrameLocks", {{"noChangeAspect", "1"}});
  x.end();
  x.start("a:graphic");
  x.start("a:graphicData");
  x.attr("uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  x.start("pic:pic");
  x.start("pic:nvPicPr");
  x.empty("pic:cNvPr", {{"id", "0"}, {"name", name}});
  x.start("pic:cNvPicPr");
  if (arrowheads == LockArrowheads::Yes)
    x.empty("a:picLocks", {{"noChangeAspect", "1"}, {"noChangeArrowheads", "1"}});
  else
    x.empty("a:picLocks", {{"noChangeAspect", "1"}});
  x.end();
  x.end();  // pic:nvPicPr
  x.start("pic:blipFill");
  x.empty("a:blip", {{"r:embed", rel_id}});
  x.start("a:stretch");
  x.empty("a:fillRect");
  x.end();
  x.end();  // pic:blipFill
  x.start("pic:spPr");
  x.start("a:xfrm");
  x.empty("a:off", {{"x", "0"}, {"y", "0"}});
  x.empty("a:ext", {{"cx", cx}, {"cy", cy}});
  x.end();
  x.start("a:prstGeom");
  x.attr("prst", "rect");
  x.empty("a:avLst");
  x.end();
  x.end();  // pic:spPr
  x.end();  // pic:pic
  x.end();  // a:graphicData
  x.end();  // a:graphic
}

}  // namespace gongwen::docx
