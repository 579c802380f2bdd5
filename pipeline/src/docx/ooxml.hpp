#pragma once
// WordprocessingML building blocks shared by styles.xml, document.xml and the footers:
// paragraph and run properties written in the element order the schema demands (Word
// refuses a file whose pPr children are out of order), and runs whose fonts are always
// explicit.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docx/grid.hpp"
#include "docx/xml_writer.hpp"

namespace gongwen::docx {

inline constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kNsR =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct Border {
  const char* side;  // "top" / "bottom"
  int size;          // eighths of a point
  const char* color;
  int space = 0;     // points between text and rule
  const char* style = "single";  // w:val, e.g. "thickThinSmallGap" for the 信函 double line
};

struct Tab {
  const char* kind;  // "left" / "right" / "center"
  int pos;           // twips from the left margin
};

// Paragraph properties; unset fields are not written and come from the style.
struct ParaProps {
  std::string style;  // w:pStyle; empty inside a style definition
  bool keep_next = false;
  bool page_break_before = false;
  bool bottom_frame = false;  // the 版记 block: a frame anchored to the 版心 bottom
  std::vector<Border> borders;
  std::vector<Tab> tabs;
  std::optional<bool> snap_to_grid;
  std::optional<int> before, after, line;  // line: exact leading in twips
  std::optional<int> left, right, first_line, hanging;
  std::optional<int> first_line_chars;  // hundredths of a 字, preferred by Word over twips
  const char* jc = nullptr;
  int outline = -1;  // 0-based outline level; -1 = body text
  const RoleFont* mark_font = nullptr;  // font of the paragraph mark (pPr/rPr)
  // Document defaults only: the line-breaking switches that make Word and LibreOffice
  // break lines as our layout does (no widow/orphan moves, a closing mark may take the
  // line end, no extra space between Han and Latin/digits).
  bool grid_defaults = false;
};

// Run properties; the font is mandatory so that no run inherits a theme font.
struct RunProps {
  const RoleFont* font = nullptr;
  int size = 0;                 // half-points; 0 = from the style
  const char* color = nullptr;  // hex RGB; nullptr = from the style
  bool hint = false;            // w:hint="eastAsia" for quotes, dashes, ellipses
  int scale = 0;                // w:w, horizontal scale in percent; 0 = 100
  std::optional<int> spacing = std::nullopt;  // w:spacing, letter spacing in twips; unset = from the style
};

void write_ppr(XmlWriter& x, const ParaProps& p);
void write_rpr(XmlWriter& x, const RunProps& r);
void write_rfonts(XmlWriter& x, const RoleFont& font, bool hint);

// One or more w:r elements for `text`: tabs become w:tab, newlines w:br. The East-Asian
// hint is added when the text holds punctuation that Word would otherwise set in the Latin
// font (“ ” ‘ ’ — – … ·).
void write_runs(XmlWriter& x, std::string_view text, RunProps props);

bool needs_east_asia_hint(std::string_view utf8);

// Convenience: a whole paragraph holding one run.
void write_para(XmlWriter& x, const ParaProps& p, std::string_view text, const RunProps& r);
// An empty line on the grid (GB/T 9704's "空一行").
// `exact_twips` > 0 gives it that exact height instead of one grid line.
void write_blank(XmlWriter& x, const RoleFont& font, int exact_twips = 0);

// The DrawingML picture inside a wp:inline or wp:anchor, from wp:cNvGraphicFramePr to the end
// of a:graphic: the image part `rel_id` (named `name`) stretched to cx × cy EMU. The seal and
// the pictures of the body share it; the seal also locks its arrowheads (as Word writes it).
enum class LockArrowheads { No, Yes };
void write_picture_graphic(XmlWriter& x, const std::string& name, const std::string& rel_id,
                           const std::string& cx, const std::string& cy, LockArrowheads arrowheads);

}  // namespace gongwen::docx
