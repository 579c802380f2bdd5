// word/styles.xml: one named paragraph style per GB/T 9704 element, so that a clerk who
// edits the DOCX in Word or WPS sees "发文字号", "一级标题" … in the style list and can
// restyle a whole element at once. Style ids stay ASCII (they are references); the names
// are the Chinese terms of the standard.
#include "docx/ooxml.hpp"
#include "docx/parts.hpp"

namespace gongwen::docx {

namespace {

struct StyleDef {
  const char* id;
  const char* name;
  const char* based_on;  // nullptr for Normal
  const RoleFont* font;  // nullptr = inherit
  int size = 0;          // half-points; 0 = inherit
  const char* color = nullptr;
  ParaProps para;
};

void write_style(XmlWriter& x, const StyleDef& s) {
  x.start("w:style");
  x.attr("w:type", "paragraph");
  if (std::string_view(s.id) == "Normal") x.attr("w:default", "1");
  x.attr("w:styleId", s.id);
  x.val("w:name", s.name);
  if (s.based_on != nullptr) x.val("w:basedOn", s.based_on);
  // Enter after a 标题 leads to the 主送 line, after anything else to 正文.
  if (s.based_on != nullptr)
    x.val("w:next", std::string_view(s.id) == "Title" ? "MainRecipients" : "GongwenBody");
  x.empty("w:qFormat");
  write_ppr(x, s.para);
  if (s.font != nullptr || s.size > 0 || s.color != nullptr) {
    RunProps r;
    r.font = s.font;
    r.size = s.size;
    r.color = s.color;
    write_rpr(x, r);
  }
  x.end();
}

ParaProps centred_free() {
  // Large type off the character grid: on the grid each 22 pt glyph would take two cells.
  ParaProps p;
  p.jc = "center";
  p.snap_to_grid = false;
  return p;
}

}  // namespace

std::string styles_xml(const DocxFonts& f) {
  XmlWriter x;
  x.start("w:styles");
  x.attr("xmlns:w", kNsW);

  x.start("w:docDefaults");
  x.start("w:rPrDefault");
  x.start("w:rPr");
  write_rfonts(x, f.fangsong, false);
  // −0.25 pt letter spacing: 16 pt glyphs at 15.75 pt, 28 of them fit the 156 mm line
  // and 29 do not. (The character grid of linesAndChars cannot do this in LibreOffice:
  // a glyph wider than its grid cell takes two cells there.)
  x.val("w:spacing", std::int64_t{kLetterSpacing});
  x.val("w:kern", std::int64_t{0});
  x.val("w:sz", std::int64_t{kSize3});
  x.val("w:szCs", std::int64_t{kSize3});
  x.empty("w:lang", {{"w:val", "en-US"}, {"w:eastAsia", "zh-CN"}, {"w:bidi", "ar-SA"}});
  x.end();
  x.end();
  x.start("w:pPrDefault");
  ParaProps defaults;
  defaults.after = 0;
  defaults.line = kLinePitch;
  defaults.grid_defaults = true;
  write_ppr(x, defaults);
  x.end();
  x.end();

  const int two_chars = chars_twips(2);
  ParaProps normal;
  normal.jc = "both";
  normal.line = kLinePitch;
  // Repeated on Normal: LibreOffice reads these switches from styles, not from pPrDefault.
  normal.grid_defaults = true;

  ParaProps body;
  body.first_line_chars = 200;
  body.first_line = two_chars;

  ParaProps left;
  left.jc = "left";

  ParaProps centred;
  centred.jc = "center";

  ParaProps mark = centred_free();
  ParaProps title = centred_free();
  title.keep_next = true;

  auto heading = [&](int level) {
    ParaProps p = body;
    p.outline = level;
    return p;
  };

  ParaProps right;
  right.jc = "right";

  ParaProps label = left;
  label.page_break_before = true;
  label.keep_next = true;

  ParaProps page_number;
  page_number.snap_to_grid = false;
  page_number.line = kFooterLine;

  const StyleDef styles[] = {
      {"Normal", "Normal", nullptr, &f.fangsong, kSize3, nullptr, normal},
      {"GongwenBody", "公文正文", "Normal", nullptr, 0, nullptr, body},
      {"CopyNumber", "份号", "Normal", nullptr, 0, nullptr, left},
      {"Secrecy", "密级和保密期限", "Normal", &f.heiti, 0, nullptr, left},
      {"Urgency", "紧急程度", "Normal", &f.heiti, 0, nullptr, left},
      {"IssuerMark", "发文机关标志", "Normal", &f.xiaobiaosong, 84, kRed, mark},
      {"DocNumber", "发文字号", "Normal", nullptr, 0, nullptr, centred},
      {"Title", "公文标题", "Normal", &f.xiaobiaosong, kSize2, nullptr, title},
      {"TitleNote", "题注", "Normal", &f.kaiti, 0, nullptr, centred},
      {"MainRecipients", "主送机关", "Normal", nullptr, 0, nullptr, ParaProps{}},
      {"Heading1", "一级标题", "GongwenBody", &f.heiti, 0, nullptr, heading(0)},
      {"Heading2", "二级标题", "GongwenBody", &f.kaiti, 0, nullptr, heading(1)},
      {"Heading3", "三级标题", "GongwenBody", &f.fangsong, 0, nullptr, heading(2)},
      {"Heading4", "四级标题", "GongwenBody", &f.fangsong, 0, nullptr, heading(3)},
      {"AttachmentNote", "附件说明", "Normal", nullptr, 0, nullptr, ParaProps{}},
      {"Attendance", "出席人员", "Normal", nullptr, 0, nullptr, ParaProps{}},
      {"Signature", "署名", "Normal", nullptr, 0, nullptr, right},
      {"SignDate", "成文日期", "Normal", nullptr, 0, nullptr, right},
      {"Note", "附注", "GongwenBody", nullptr, 0, nullptr, ParaProps{}},
      {"AttachmentLabel", "附件标识", "Normal", &f.heiti, 0, nullptr, label},
      {"AttachmentTitle", "附件标题", "Normal", &f.xiaobiaosong, kSize2, nullptr, title},
      {"Colophon", "版记", "Normal", nullptr, kSize4, nullptr, ParaProps{}},
      {"CopiesTo", "抄送机关", "Colophon", nullptr, 0, nullptr, ParaProps{}},
      {"PrintLine", "印发机关和印发日期", "Colophon", nullptr, 0, nullptr, ParaProps{}},
      {"PageNumber", "页码", "Normal", &f.songti, kSize4, nullptr, page_number},
  };
  for (const auto& s : styles) write_style(x, s);

  // Word expects the default character style to exist.
  x.start("w:style");
  x.attr("w:type", "character");
  x.attr("w:default", "1");
  x.attr("w:styleId", "DefaultParagraphFont");
  x.val("w:name", "Default Paragraph Font");
  x.val("w:uiPriority", std::int64_t{1});
  x.empty("w:semiHidden");
  x.empty("w:unhideWhenUsed");
  x.end();

  x.end();
  return x.finish();
}

}  // namespace gongwen::docx
