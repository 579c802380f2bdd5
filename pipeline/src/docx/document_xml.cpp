// word/document.xml: the model, top to bottom, as GB/T 9704 orders it. The 版头 and the
// 署名 block live in head_xml.cpp and signature_xml.cpp; this file strings the parts
// together and writes 标题, 主送, 正文, 附件说明, 纪要 attendance, 附件, 版记 and the section.
#include <algorithm>

#include "docx/body.hpp"

namespace gongwen::docx {

namespace {

const char* block_style(BlockKind k) {
  switch (k) {
    case BlockKind::Heading1: return "Heading1";
    case BlockKind::Heading2: return "Heading2";
    case BlockKind::Heading3: return "Heading3";
    case BlockKind::Heading4: return "Heading4";
    case BlockKind::Paragraph: break;
  }
  return "GongwenBody";
}

// 一、 黑体 · （一） 楷体 · 1. and （1） 仿宋 (GB/T 9704 7.3.3).
const RoleFont& heading_font(const DocxFonts& f, BlockKind k) {
  switch (k) {
    case BlockKind::Heading1: return f.heiti;
    case BlockKind::Heading2: return f.kaiti;
    default: return f.fangsong;
  }
}

// heading_bytes comes from the draft reader; never split a UTF-8 sequence even if a
// damaged model says so.
std::size_t char_boundary(std::string_view s, std::size_t n) {
  n = std::min(n, s.size());
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

void write_block(Body& b, const Block& block) {
  const std::string_view text = block.text;
  const std::size_t head = char_boundary(text, block.heading_bytes);
  ParaProps p = styled(block_style(block.kind));
  p.mark_font = &b.f.fangsong;
  // A standalone heading stays with the paragraph it introduces.
  if (block.kind != BlockKind::Paragraph && head >= text.size()) p.keep_next = true;
  b.x.start("w:p");
  write_ppr(b.x, p);
  if (head > 0) b.run(text.substr(0, head), heading_font(b.f, block.kind));
  if (head < text.size()) b.run(text.substr(head), b.f.fangsong);
  b.x.end();
}

void write_blocks(Body& b, const std::vector<Block>& blocks) {
  for (const auto& block : blocks) write_block(b, block);
}

void write_title_and_recipients(Body& b) {
  const Document& d = b.doc;
  b.blank();
  b.blank();
  if (!d.title.empty()) {
    b.para(styled("Title"), d.title, &b.f.xiaobiaosong, kSize2);
    b.blank();
  }
  if (!d.main_recipients.empty()) b.para(styled("MainRecipients"), d.main_recipients + "：");
}

// "附件：1.××××" with later items aligned under the first name, and wrapped lines aligned
// under the name's first character (a hanging indent).
void write_attachment_notes(Body& b) {
  const auto& notes = b.doc.attachment_notes;
  if (notes.empty()) return;
  b.blank();
  const double label = width_in_chars("附件：");
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const std::string num = notes.size() > 1 ? std::to_string(i + 1) + "." : std::string();
    const double num_w = width_in_chars(num);
    ParaProps p = styled("AttachmentNote");
    p.left = chars_twips(2 + label + num_w);
    p.hanging = chars_twips(i == 0 ? label + num_w : num_w);
    if (p.hanging == 0) p.hanging.reset();
    b.para(p, (i == 0 ? "附件：" : "") + num + notes[i]);
  }
}

// 纪要: 出席 / 请假 / 列席, a blank line below 正文, label 黑体, names 仿宋 (GB/T 9704 10.3).
void write_attendance(Body& b) {
  const Document& d = b.doc;
  if (d.format != Format::Minutes) return;
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"出席：", &d.present}, {"请假：", &d.absent}, {"列席：", &d.attending}};
  bool first = true;
  for (const auto& [label, names] : lists) {
    if (names->empty()) continue;
    if (first) b.blank();
    first = false;
    ParaProps p = styled("Attendance");
    p.left = chars_twips(5);
    p.hanging = chars_twips(3);
    b.x.start("w:p");
    write_ppr(b.x, p);
    b.run(label, b.f.heiti);
    b.run(join(*names, "、"), b.f.fangsong);
    b.x.end();
  }
}

void write_attachments(Body& b) {
  const auto& atts = b.doc.attachments;
  for (std::size_t i = 0; i < atts.size(); ++i) {
    const std::string label = "附件" + (atts.size() > 1 ? std::to_string(i + 1) : std::string());
    b.para(styled("AttachmentLabel"), label, &b.f.heiti);
    b.blank();  // the title goes on line 3
    if (!atts[i].title.empty()) {
      b.para(styled("AttachmentTitle"), atts[i].title, &b.f.xiaobiaosong, kSize2);
      b.blank();
    }
    write_blocks(b, atts[i].body);
  }
}

// 版记 in a frame anchored to the 版心 bottom, so that its last rule lies on the bottom
// edge of the type area whatever the length of the page above it.
void write_colophon(Body& b) {
  const Document& d = b.doc;
  const bool letter = d.format == Format::Letter;
  const bool has_print = !letter && (!d.printer.empty() || d.print_date.valid());
  if (d.copies_to.empty() && !has_print) return;
  const int one = kSize4 * 10;  // one 字 of 4号
  constexpr int kThick = 8, kThin = 6;  // 0.35 mm and 0.25 mm, in eighths of a point
  if (!d.copies_to.empty()) {
    ParaProps p = styled("CopiesTo");
    p.bottom_frame = true;
    p.left = one + 3 * one;  // wrapped lines align after "抄送："
    p.hanging = 3 * one;
    p.right = one;
    if (!letter) {
      p.borders.push_back(Border{"top", kThick, "auto"});
      p.borders.push_back(Border{"bottom", has_print ? kThin : kThick, "auto"});
    }
    std::string text = "抄送：" + d.copies_to;
    if (!text.ends_with("。")) text += "。";
    b.para(p, text, &b.f.fangsong, kSize4);
  }
  if (has_print) {
    ParaProps p = styled("PrintLine");
    p.bottom_frame = true;
    p.left = one;
    p.right = one;
    p.tabs.push_back(Tab{"right", kTextWidth - one});
    if (d.copies_to.empty()) p.borders.push_back(Border{"top", kThick, "auto"});
    p.borders.push_back(Border{"bottom", kThick, "auto"});
    std::string text = d.printer + "\t";
    if (d.print_date.valid()) text += d.print_date.chinese() + "印发";
    b.para(p, text, &b.f.fangsong, kSize4);
  }
}

void write_section(Body& b) {
  XmlWriter& x = b.x;
  x.start("w:sectPr");
  x.empty("w:footerReference", {{"w:type", "default"}, {"r:id", kRelFooterOdd}});
  x.empty("w:footerReference", {{"w:type", "even"}, {"r:id", kRelFooterEven}});
  x.empty("w:pgSz", {{"w:w", std::to_string(kPageWidth)}, {"w:h", std::to_string(kPageHeight)}});
  x.empty("w:pgMar", {{"w:top", std::to_string(kMarginTop)},
                      {"w:right", std::to_string(kMarginRight)},
                      {"w:bottom", std::to_string(kMarginBottom)},
                      {"w:left", std::to_string(kMarginLeft)},
                      {"w:header", "851"},
                      {"w:footer", std::to_string(footer_distance())},
                      {"w:gutter", "0"}});
  x.empty("w:cols", {{"w:space", "425"}});
  // 信函: no page number on the first page; titlePg without a first-page footer leaves it
  // empty.
  if (b.doc.format == Format::Letter) x.empty("w:titlePg");
  x.empty("w:docGrid", {{"w:type", "linesAndChars"},
                        {"w:linePitch", std::to_string(kLinePitch)},
                        {"w:charSpace", std::to_string(grid_char_space())}});
  x.end();
}

}  // namespace

std::string document_xml(const Document& doc, const DocxFonts& fonts, const SealAnchor* seal) {
  XmlWriter x;
  x.start("w:document");
  x.attr("xmlns:w", kNsW);
  x.attr("xmlns:r", kNsR);
  x.attr("xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
  x.attr("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
  x.attr("xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  x.start("w:body");
  Body b{x, doc, fonts, seal};
  write_head(b);
  write_title_and_recipients(b);
  write_blocks(b, doc.body);
  write_attachment_notes(b);
  write_attendance(b);
  write_signature(b);
  write_attachments(b);
  write_colophon(b);
  write_section(b);
  x.end();  // w:body
  x.end();  // w:document
  return x.finish();
}

}  // namespace gongwen::docx
