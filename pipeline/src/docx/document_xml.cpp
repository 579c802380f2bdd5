// word/document.xml: the model, top to bottom, as GB/T 9704 orders it. The 版头 and the
// 署名 block live in head_xml.cpp and signature_xml.cpp; this file strings the parts
// together and writes 标题, 主送, 正文, 附件说明, 纪要 attendance, 附件, 版记 and the section.
#include <algorithm>

#include "gongwen/pipeline/utf8.hpp"
#include "docx/body.hpp"
#include "docx/table_xml.hpp"

namespace gongwen::docx {

namespace {
// Width of a squeezed mark in percent: half a cell is 50 %, but LibreOffice leaves the
// document letter spacing (−0.25 pt) off the last character of every run, so the mark's own
// run and the run before it each come out 0.25 pt wider; at 47 % the pair still fits the half
// cell the layout gives the mark (measured, docs/docx.md).
constexpr int kSqueezeScale = 47;
}  // namespace

// Runs for text[begin, end) in `font` as the layout sets them (grid_runs.hpp, GridRuns): the
// squeezed marks each in a run of its own at about half width (a horizontal scale is what both
// Word and LibreOffice honour everywhere in a line; LibreOffice ignores large negative letter
// spacing on the last character of a line), and Latin words and numbers in runs whose letter
// spacing gives them the layout's width.

void write_grid_runs(Body& b, std::string_view text, std::size_t begin, std::size_t end,
                     const RoleFont& font, const GridRuns& g, const RunProps* base,
                     const std::vector<std::size_t>* kept) {
  const RunProps plain = base != nullptr ? *base : RunProps{&font};
  // text[s, e) with a line break before each kept offset in it.
  const auto piece = [&](std::size_t s, std::size_t e) {
    std::string out;
    std::size_t at = s;
    if (kept != nullptr)
      for (std::size_t o : *kept)
        if (o >= s && o < e) {
          out.append(text.substr(at, o - at));
          out += '\n';
          at = o;
        }
    out.append(text.substr(at, e - at));
    return out;
  };
  struct Segment {
    std::size_t begin, end;
    RunProps props;
  };
  std::vector<Segment> segs;
  const auto char_end = [&](std::size_t i) {
    std::size_t e = i + 1;
    while (e < text.size() && utf8::is_continuation(text[e])) ++e;
    return e;
  };
  for (std::size_t s : g.squeezed)
    if (s >= begin && s < end)
      segs.push_back({s, char_end(s), [&] {
                        RunProps r = plain;
                        r.scale = kSqueezeScale;
                        return r;
                      }()});
  for (const GridRuns::Latin& l : g.latin) {
    std::size_t i = l.begin;
    for (std::size_t k = 0; k < l.spacing.size() && i < l.end; ++k) {
      const std::size_t e = char_end(i);
      if (i >= begin && e <= end) {
        if (!segs.empty() && segs.back().end == i && segs.back().props.spacing == l.spacing[k] &&
            segs.back().props.scale == 0) {
          segs.back().end = e;
        } else {
          RunProps r = plain;
          r.spacing = l.spacing[k];
          segs.push_back({i, e, r});
        }
      }
      i = e;
    }
  }
  std::sort(segs.begin(), segs.end(),
            [](const Segment& a, const Segment& c) { return a.begin < c.begin; });
  std::size_t at = begin;
  for (const Segment& sg : segs) {
    if (sg.begin < at) continue;
    if (sg.begin > at) write_runs(b.x, piece(at, sg.begin), plain);
    write_runs(b.x, piece(sg.begin, sg.end), sg.props);
    at = sg.end;
  }
  if (end > at) write_runs(b.x, piece(at, end), plain);
}

namespace {

const char* block_style(BlockKind k) {
  switch (k) {
    case BlockKind::Heading1: return "Heading1";
    case BlockKind::Heading2: return "Heading2";
    case BlockKind::Heading3: return "Heading3";
    case BlockKind::Heading4: return "Heading4";
    case BlockKind::Paragraph:
    case BlockKind::Table:
    case BlockKind::Image: break;
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
  while (n > 0 && n < s.size() && utf8::is_continuation(s[n])) --n;
  return n;
}

// The layout's font role of a heading (main_part.cpp heading_role).
layout::FontRole heading_role(BlockKind k) {
  switch (k) {
    case BlockKind::Heading1: return layout::FontRole::HeiTi;
    case BlockKind::Heading2: return layout::FontRole::KaiTi;
    default: return layout::FontRole::FangSong;
  }
}

void write_block(Body& b, const Block& block, bool keep_next = false, int line_twips = 0,
                 bool page_start = false, const std::vector<std::size_t>* kept = nullptr) {
  if (block.kind == BlockKind::Table) return write_table(b, block.table);
  if (block.kind == BlockKind::Image) return write_image(b, block.image);
  const std::string_view text = block.text;
  const std::size_t head = char_boundary(text, block.heading_bytes);
  const GridRuns grid = grid_runs(text, 2, 0, b.f.advance, head, heading_role(block.kind));
  ParaProps p = styled(block_style(block.kind));
  p.mark_font = &b.f.fangsong;
  // A standalone one-line heading stays with the paragraph it introduces (as in the
  // layout, main_part.cpp); 26 字 fit after the 2-字 indent.
  if (block.kind != BlockKind::Paragraph && head >= text.size() && width_in_chars(text) <= 26)
    p.keep_next = true;
  p.keep_next = p.keep_next || keep_next;
  p.page_break_before = page_start;
  if (line_twips > 0) {
    // Tightened to keep the seal with the text; off the line grid, which would round each
    // line up to a whole grid line again.
    p.line = line_twips;
    p.snap_to_grid = false;
  }
  b.x.start("w:p");
  write_ppr(b.x, p);
  if (head > 0) write_grid_runs(b, text, 0, head, heading_font(b.f, block.kind), grid, nullptr, kept);
  if (head < text.size()) write_grid_runs(b, text, head, text.size(), b.f.fangsong, grid, nullptr, kept);
  b.x.end();
}

// `keep_last`: the last paragraph keeps with the 署名 block that follows, so the reader
// moves it along when the block does not fit (as the layout does when it cannot tighten).
// `tight_from`: blocks from this index on get the tightened line pitch of the seal's page.
// `page_starts`: blocks the layout began a page with before the previous page was full.
void write_blocks(Body& b, const std::vector<Block>& blocks, bool keep_last = false,
                  int tight_from = -1, const std::vector<int>& page_starts = {},
                  const std::vector<LayoutDecisions::KeptWords>* kept = nullptr) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    // Two tables in a row would merge into one: a blank line apart, as in the layout.
    if (i > 0 && blocks[i].kind == BlockKind::Table && blocks[i - 1].kind == BlockKind::Table)
      b.blank();
    const bool tight = tight_from >= 0 && static_cast<int>(i) >= tight_from;
    const bool page_start =
        std::find(page_starts.begin(), page_starts.end(), static_cast<int>(i)) != page_starts.end();
    const std::vector<std::size_t>* words = nullptr;
    if (kept != nullptr)
      for (const LayoutDecisions::KeptWords& k : *kept)
        if (k.block == static_cast<int>(i)) words = &k.bytes;
    write_block(b, blocks[i], keep_last && i + 1 == blocks.size(),
                tight ? b.decided.tight_pitch_twips : 0, page_start, words);
  }
}

// A document dated under its title (题注: 决议, 公报) has no 署名 block at its end.
bool has_signature(const Document& d) {
  return d.title_note.empty() && (!d.signature.empty() || d.date.valid());
}
bool has_attendance(const Document& d) {
  return d.format == Format::Minutes &&
         !(d.present.empty() && d.absent.empty() && d.attending.empty());
}

void write_title_and_recipients(Body& b) {
  const Document& d = b.doc;
  // Two blank lines under the 版头 (none without a 标志, as in the layout); the first one
  // gives back the height of the red separator's border.
  const bool has_mark = !d.issuer_mark.empty() || !d.issuers.empty();
  const bool order = d.format == Format::Order;  // 令号下空二行编排正文, no title printed
  if (has_mark && (order || !d.title.empty())) {
    if (b.separator_twips > 0) b.blank(kLinePitch - b.separator_twips);
    else b.blank();
    b.blank();
  }
  if (!d.title.empty() && !order) {
    // The layout's balanced breaks, one grid line each.
    std::string title;
    for (const std::string& l : b.decided.title_lines) title += (title.empty() ? "" : "\n") + l;
    if (title.empty()) title = d.title;
    ParaProps p = styled("Title");
    p.line = kLinePitch;
    b.para(p, title, &b.f.xiaobiaosong, kSize2);
    if (!d.title_note.empty()) {
      // 题注 under the title, a blank line before the text (main_part.cpp layout_main).
      ParaProps note = styled("TitleNote");
      note.keep_next = true;
      b.para(note, d.title_note, &b.f.kaiti);
      b.blank();
    }
    // One blank line before the 主送; without one (纪要) the text follows the title directly,
    // as in the layout (main_part.cpp layout_main).
    if (!d.main_recipients.empty()) b.blank();
  }
  if (!d.main_recipients.empty()) {
    const std::string text = d.main_recipients + "：";
    ParaProps p = styled("MainRecipients");
    p.mark_font = &b.f.fangsong;
    b.x.start("w:p");
    write_ppr(b.x, p);
    write_grid_runs(b, text, 0, text.size(), b.f.fangsong, grid_runs(text, 0, 0, b.f.advance));
    b.x.end();
  }
}

// "附件：1.××××" with later items aligned under the first name, and wrapped lines aligned
// under the name's first character (a hanging indent).
void write_attachment_notes(Body& b) {
  const auto& notes = b.doc.attachment_notes;
  if (notes.empty()) return;
  // The 附件说明 goes to the 署名's page with the last 正文 paragraph (the layout's seal
  // block): its blank line and every item keep with what follows.
  const bool keep = has_signature(b.doc) && !has_attendance(b.doc);
  if (keep) {
    write_kept_blank(b);
  } else {
    b.blank();
  }
  const double label = width_in_chars("附件：");
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const std::string num = notes.size() > 1 ? std::to_string(i + 1) + "." : std::string();
    const double num_w = width_in_chars(num);
    ParaProps p = styled("AttachmentNote");
    p.keep_next = keep;
    p.left = chars_twips(2 + label + num_w);
    p.hanging = chars_twips(i == 0 ? label + num_w : num_w);
    if (p.hanging == 0) p.hanging.reset();
    // Set as the layout sets it (main_part.cpp add_attachment_notes): the first item at 2 字,
    // later ones at 5, wrapped lines under the name.
    const std::string text = (i == 0 ? "附件：" : "") + num + notes[i];
    p.mark_font = &b.f.fangsong;
    b.x.start("w:p");
    write_ppr(b.x, p);
    write_grid_runs(b, text, 0, text.size(), b.f.fangsong,
                    grid_runs(text, i == 0 ? 2 : 5, 5 + num.size() / 2.0, b.f.advance));
    b.x.end();
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
    p.keep_next = has_signature(d) && label == std::string(lists[2].second->empty()
                                                             ? (lists[1].second->empty() ? "出席：" : "请假：")
                                                             : "列席：");
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
      // The layout's balanced breaks, one line each (as for the document's title).
      std::string title;
      for (const std::string& l : b.decided.attachment_title_lines[i])
        title += (title.empty() ? "" : "\n") + l;
      b.para(styled("AttachmentTitle"), title, &b.f.xiaobiaosong, kSize2);
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

enum class Section { Text, Colophon };

void write_sect_pr(Body& b, Section kind) {
  XmlWriter& x = b.x;
  x.start("w:sectPr");
  const bool text = kind == Section::Text;
  x.empty("w:footerReference", {{"w:type", "default"}, {"r:id", text ? kRelFooterOdd : kRelFooterBlank}});
  x.empty("w:footerReference", {{"w:type", "even"}, {"r:id", text ? kRelFooterEven : kRelFooterBlank}});
  // The 版记's own section starts on the next page, an even one: the layout decided whether a
  // blank page comes first, and the section then starts with it (write_blank_page), since
  // LibreOffice leaves a page it inserts for an "evenPage" section out of its PDF.
  if (!text) x.val("w:type", "nextPage");
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
  if (text && b.doc.format == Format::Letter) x.empty("w:titlePg");
  // A line grid only: every paragraph has exact 579-twip leading anyway, and the 28
  // characters come from the letter spacing (docs/docx.md, "Page and grid").
  x.empty("w:docGrid", {{"w:type", "lines"}, {"w:linePitch", std::to_string(kLinePitch)}});
  x.end();
}

// Ends the text section with a paragraph 0.1 pt high (it fits in the 0.9 pt the 22 grid
// lines leave in the 版心, so a full last page stays full).
void end_text_section(Body& b) {
  XmlWriter& x = b.x;
  x.start("w:p");
  x.start("w:pPr");
  x.val("w:snapToGrid", "0");
  x.start("w:spacing");
  x.attr("w:before", std::int64_t{0});
  x.attr("w:after", std::int64_t{0});
  x.attr("w:line", std::int64_t{2});
  x.attr("w:lineRule", "exact");
  x.end();
  x.start("w:rPr");
  write_rfonts(x, b.f.fangsong, false);
  x.val("w:sz", std::int64_t{2});
  x.end();
  write_sect_pr(b, Section::Text);
  x.end();  // w:pPr
  x.end();  // w:p
}

}  // namespace

std::string document_xml(const Document& doc, const LayoutDecisions& decided,
                         const DocxFonts& fonts, const std::vector<SealAnchor>& seals) {
  XmlWriter x;
  x.start("w:document");
  x.attr("xmlns:w", kNsW);
  x.attr("xmlns:r", kNsR);
  x.attr("xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
  x.attr("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
  x.attr("xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  x.start("w:body");
  Body b{x, doc, fonts, seals, decided};
  write_head(b);
  write_title_and_recipients(b);
  write_blocks(b, doc.body, has_signature(doc) && !has_attendance(doc),
               decided.tight_from_block, decided.page_start_blocks, &decided.kept_words);
  write_attachment_notes(b);
  write_attendance(b);
  write_signature(b);
  write_attachments(b);
  if (decided.has_colophon && decided.colophon_own_page) {
    end_text_section(b);
    if (decided.blank_before_colophon) {
      // The blank odd page before the 版记 (no number: it belongs to the 版记's section).
      b.x.start("w:p");
      write_ppr(b.x, styled("Normal"));
      b.x.start("w:r");
      b.x.empty("w:br", {{"w:type", "page"}});
      b.x.end();
      b.x.end();
    }
    write_colophon(b);
    write_sect_pr(b, Section::Colophon);
  } else {
    write_colophon(b);
    write_sect_pr(b, Section::Text);
  }
  x.end();  // w:body
  x.end();  // w:document
  return x.finish();
}

}  // namespace gongwen::docx
