// 主体: 标题, 主送, 出席 (纪要), 正文, 附件说明, 署名 + 成文日期 + 印章, 附注, 附件.
#include <algorithm>
#include <cmath>

#include "gongwen/pipeline/utf8.hpp"
#include "layout/blocks.hpp"
#include "layout/geometry.hpp"
#include "layout/parts.hpp"

namespace gongwen::layout {
namespace {

FontRole heading_role(BlockKind kind) {
  switch (kind) {
    case BlockKind::Heading1: return FontRole::HeiTi;
    case BlockKind::Heading2: return FontRole::KaiTi;
    default: return FontRole::FangSong;
  }
}

bool is_heading(BlockKind k) {
  return k == BlockKind::Heading1 || k == BlockKind::Heading2 || k == BlockKind::Heading3 ||
         k == BlockKind::Heading4;
}

void add_block(std::vector<FlowItem>& out, const Block& b, std::vector<std::size_t>* kept = nullptr) {
  if (b.kind == BlockKind::Table) return add_table(out, b.table);
  if (b.kind == BlockKind::Image) return add_image(out, b.image);
  std::size_t hb = std::min(b.heading_bytes, b.text.size());
  // Never split a UTF-8 sequence: a byte count from outside may point into one.
  while (hb > 0 && hb < b.text.size() && utf8::is_continuation(b.text[hb]))
    --hb;
  Styled s;
  s.add(std::string_view(b.text).substr(0, hb), heading_role(b.kind));
  s.add(std::string_view(b.text).substr(hb), FontRole::FangSong);
  LineStyle st = body_style();
  st.first_indent = 2 * kCharPitch;
  // A standalone heading's words are never split (a run-in heading, "（一）加强领导。各村…",
  // is a paragraph of body text and breaks on the grid as body text does).
  if (b.kind != BlockKind::Paragraph && hb >= b.text.size()) {
    st.whole_words = s.cps.size();
    st.kept = kept;
  }
  const std::size_t before = out.size();
  add_lines(out, s, st);
  // A standalone one-line heading must not be the last line of a page. (A heading long
  // enough to wrap is treated as text: Word and LibreOffice would move all its lines with
  // "keep with next", which the DOCX must not ask for then.)
  if (b.kind != BlockKind::Paragraph && hb >= b.text.size() && out.size() == before + 1)
    out[before].keep_with_next = true;
}

// Returns the lines as balanced (the DOCX writes them with explicit breaks).
std::vector<std::string> add_title(std::vector<FlowItem>& out, const std::string& title) {
  Styled s;
  s.add(title, FontRole::XiaoBiaoSong);
  LineStyle st = body_style();
  st.size = kSize2;
  st.cell = kSize2;
  st.align = Align::Center;
  st.justify = Justify::None;
  st.balanced = true;
  st.whole_words = s.cps.size();
  // One 2号 character narrower than the 版心 (centred): a title line never touches both
  // edges, and a reader setting the DOCX with proportional digits (wider than our half
  // cell) keeps our breaks.
  st.left += kSize2 / 2;
  st.width -= kSize2;
  const std::size_t before = out.size();
  add_lines(out, s, st);
  std::vector<std::string> lines;
  for (std::size_t i = before; i < out.size(); ++i) {
    out[i].keep_with_next = true;
    std::string& line = lines.emplace_back();
    for (const TextRun& r : out[i].runs) line += r.text;
  }
  return lines;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

void add_attendees(std::vector<FlowItem>& out, const Document& doc) {
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"出席：", &doc.present}, {"请假：", &doc.absent}, {"列席：", &doc.attending}};
  for (const auto& [label, names] : lists) {
    if (names->empty()) continue;
    Styled s;
    s.add(label, FontRole::HeiTi).add(join(*names, "、"), FontRole::FangSong);
    LineStyle st = body_style();
    st.first_indent = 2 * kCharPitch;
    st.rest_indent = 5 * kCharPitch;  // 回行时与冒号后的首字对齐
    add_lines(out, s, st);
  }
}

void add_attachment_notes(std::vector<FlowItem>& out, const Document& doc) {
  const auto& notes = doc.attachment_notes;
  if (notes.empty()) return;
  add_blank(out);
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const std::string num = notes.size() > 1 ? std::to_string(i + 1) + "." : "";
    Styled s;
    s.add(i == 0 ? "附件：" : "", FontRole::FangSong).add(num + notes[i], FontRole::FangSong);
    LineStyle st = body_style();
    // Later items and wrapped lines align under the first item's number and name.
    st.first_indent = (i == 0 ? 2 : 5) * kCharPitch;
    st.rest_indent = 5 * kCharPitch + num.size() * kCharPitch / 2;
    add_lines(out, s, st);
  }
}

void add_signature(std::vector<FlowItem>& out, const Document& doc, const LayoutOptions& opt,
                   LayoutDecisions& decided) {
  if (!doc.title_note.empty()) return;  // dated under the title (决议, 公报)
  if (doc.joint_signers.size() > 1) return add_joint_signature(out, doc, opt, decided);
  if (!doc.signature_stamp.bytes.empty()) return add_stamped_signature(out, doc);
  Styled sig, date;
  sig.add(doc.signature, FontRole::FangSong);
  if (doc.date.valid()) date.add(doc.date.chinese(), FontRole::FangSong);
  if (sig.cps.empty() && date.cps.empty()) return;
  const double sig_w = styled_width(sig, kCharPitch);
  const double date_w = styled_width(date, kCharPitch);
  const double base = row_baseline_offset(kSize3);
  FlowItem item;

  if (doc.seal == SealMode::Sealed) {
    // The seal's top touches the row after the last text line (within one line of it); the
    // 署名 goes on the first row whose middle lies below the seal's centre, the date under
    // it, 右空四字; the 署名 is centred over the date and the seal over both.
    const double d = opt.seal_diameter;
    const double cy = d / 2;
    const int sig_row = std::max(0, static_cast<int>(std::ceil(cy / kLinePitch - 0.5)));
    const int date_row = sig.cps.empty() || date.cps.empty() ? sig_row : sig_row + 1;
    const double date_right = kBodyRight - 4 * kCharPitch;
    const double centre = date.cps.empty() ? date_right - sig_w / 2 : date_right - date_w / 2;
    double sig_x = std::min(centre - sig_w / 2, kBodyRight - sig_w);
    for (TextRun& r : tagged(single_line(sig, sig_x, kCharPitch, kSize3, kBlack,
                                         sig_row * kLinePitch + base),
                             Element::Signature))
      item.runs.push_back(std::move(r));
    for (TextRun& r : tagged(single_line(date, date_right - date_w, kCharPitch, kSize3, kBlack,
                                         date_row * kLinePitch + base),
                             Element::Date))
      item.runs.push_back(std::move(r));
    item.rows = date_row + 1;
    item.seals.push_back(SealPlacement{centre, cy, d});
    // The last text line comes along (the DOCX asks for "keep with next" on the last
    // paragraph, which moves one line): the seal never stands alone.
    item.pull_lines = 1;
    out.push_back(std::move(item));
    return;
  }
  // Unsealed: 署名 右空二字 one blank line below the text; the date on the next line, two
  // 字 further right — unless it is the longer one, then the date is 右空二字. The blank
  // line is the item's first row: it never stands at the top of a page without the 署名
  // (the DOCX keeps it with the 署名, and a reader moves them together).
  const double right = kBodyRight - 2 * kCharPitch;
  double sig_x = right - sig_w;
  double date_x = sig_x + 2 * kCharPitch;
  if (date_x + date_w > right) {
    date_x = right - date_w;
    sig_x = std::min(sig_x, date_x - 2 * kCharPitch);
  }
  int row = 1;
  if (!sig.cps.empty())
    for (TextRun& r : tagged(single_line(sig, sig_x, kCharPitch, kSize3, kBlack,
                                         row++ * kLinePitch + base),
                             Element::Signature))
      item.runs.push_back(std::move(r));
  for (TextRun& r : tagged(single_line(date, date_x, kCharPitch, kSize3, kBlack,
                                       row * kLinePitch + base),
                           Element::Date))
    item.runs.push_back(std::move(r));
  item.rows = date.cps.empty() ? row : row + 1;
  item.pull_lines = 1;
  out.push_back(std::move(item));
}

void add_attachments(std::vector<FlowItem>& out, const Document& doc,
                     std::vector<std::vector<std::string>>& title_lines) {
  const std::size_t n = doc.attachments.size();
  title_lines.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    const Attachment& a = doc.attachments[i];
    Styled label;
    label.add(n > 1 ? "附件" + std::to_string(i + 1) : std::string("附件"), FontRole::HeiTi);
    FlowItem item;
    item.runs = single_line(label, kBodyLeft, kCharPitch, kSize3, kBlack,
                            row_baseline_offset(kSize3));
    item.page_break_before = true;
    item.keep_with_next = true;
    out.push_back(std::move(item));
    if (!a.title.empty()) {
      // "附件N" on line 1, its title on line 3.
      FlowItem gap;
      gap.keep_with_next = true;
      out.push_back(std::move(gap));
      title_lines[i] = add_title(out, a.title);
      add_blank(out);
    }
    for (const Block& b : a.body) add_block(out, b);
  }
}

}  // namespace

std::vector<FlowItem> layout_main(const Document& doc, const LayoutOptions& options,
                                  int title_gap, LayoutDecisions& decided) {
  // Names a title or heading never splits: the profile's (options) and this document's own.
  std::vector<std::string> names = options.names;
  for (const std::string& n : doc.issuers) names.push_back(n);
  const MetricsScope metrics(&options.advance, &names);
  std::vector<FlowItem> out;
  if (doc.format == Format::Order) {
    add_blank(out, title_gap);  // 令号下空二行编排正文; a 令 prints no title
  } else if (!doc.title.empty()) {
    add_blank(out, title_gap);
    const std::size_t first = out.size();
    decided.title_lines = add_title(out, doc.title);
    tag_items(out, first, Element::Title);
  }
  if (!doc.title_note.empty()) {
    // 题注: centred in 楷体 on the line under the title, a blank line before the text.
    Styled s;
    s.add(doc.title_note, FontRole::KaiTi);
    LineStyle st = body_style();
    st.align = Align::Center;
    st.justify = Justify::None;
    const std::size_t before = out.size();
    add_lines(out, s, st);
    for (std::size_t i = before; i < out.size(); ++i) out[i].keep_with_next = true;
    add_blank(out);
  }
  if (!doc.main_recipients.empty()) {
    if (!doc.title.empty()) add_blank(out);
    Styled s;
    s.add(doc.main_recipients + "：", FontRole::FangSong);
    const std::size_t first = out.size();
    add_lines(out, s, body_style());
    tag_items(out, first, Element::Recipients);
  }
  std::size_t last_text = out.size();  // first line of the last 正文 text block
  for (std::size_t i = 0; i < doc.body.size(); ++i) {
    const std::size_t before = out.size();
    std::vector<std::size_t> kept;
    add_block(out, doc.body[i], &kept);
    if (!kept.empty()) {
      // Code points to byte offsets (the DOCX writes the text as UTF-8).
      LayoutDecisions::KeptWords k{static_cast<int>(i), {}};
      std::size_t cp = 0, at = 0;
      for (std::size_t byte = 0; byte < doc.body[i].text.size() && at < kept.size(); ++byte) {
        if (utf8::is_continuation(doc.body[i].text[byte])) continue;
        if (cp == kept[at]) k.bytes.push_back(byte), ++at;
        ++cp;
      }
      decided.kept_words.push_back(std::move(k));
    }
    last_text = out.size();
    // Text lines of the 正文 may be set tighter to keep the seal with them (layout.cpp).
    if (doc.body[i].kind == BlockKind::Paragraph || is_heading(doc.body[i].kind)) {
      for (std::size_t k = before; k < out.size(); ++k) out[k].body_block = static_cast<int>(i);
      last_text = before;
    }
  }
  // The last paragraph keeps with the 署名 block (the DOCX's keepNext): never split over
  // two pages, it moves whole when it does not fit, as LibreOffice moves it.
  const bool signed_below = doc.title_note.empty() && (!doc.signature.empty() || doc.date.valid()) &&
                            !(doc.format == Format::Minutes &&
                              !(doc.present.empty() && doc.absent.empty() && doc.attending.empty()));
  if (signed_below && last_text < out.size())
    out[last_text].keep_rows = static_cast<int>(out.size() - last_text);
  const std::size_t notes = out.size();
  add_attachment_notes(out, doc);
  tag_items(out, notes, Element::AttachmentNotes);
  // The seal block (附件说明, 署名, 成文日期, seal) goes to a page together.
  for (std::size_t k = notes; k < out.size(); ++k) out[k].with_seal = true;
  // GB/T 9704 §10.3: the attendance list goes one blank line below the 正文 (or 附件说明).
  if (doc.format == Format::Minutes &&
      !(doc.present.empty() && doc.absent.empty() && doc.attending.empty())) {
    add_blank(out);
    add_attendees(out, doc);
  }
  add_signature(out, doc, options, decided);
  if (!doc.note.empty()) {
    Styled s;
    s.add("（" + doc.note + "）", FontRole::FangSong);
    LineStyle st = body_style();
    st.first_indent = 2 * kCharPitch;
    const std::size_t first = out.size();
    add_lines(out, s, st);
    tag_items(out, first, Element::Note);
  }
  const std::size_t attachments = out.size();
  add_attachments(out, doc, decided.attachment_title_lines);
  tag_items(out, attachments, Element::Attachment);
  return out;
}

}  // namespace gongwen::layout
