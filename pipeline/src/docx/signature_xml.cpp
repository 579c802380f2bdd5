// 署名, 成文日期, the seal and 附注 (GB/T 9704 7.3.5). A sealed document centres the 署名
// over a date set 右空四字 and lays the seal over both, with the text below the seal's
// centre; an unsealed one sets the 署名 右空二字 and starts the date two 字 further right.
#include <algorithm>
#include <cmath>

#include "docx/body.hpp"
#include "layout/text.hpp"

namespace gongwen::docx {

namespace {

// How far (mm) the seal's centre sits below the top of the 署名 line: a little, so that the
// 署名 and the date lie below the centre as the standard asks and the seal reaches down
// over the date line.
constexpr double kSealCentreBelowSignatureTopMm = 2.0;
constexpr double kLineMm = kLinePitch / 1440.0 * 25.4;

int width_twips(std::string_view s) { return chars_twips(width_in_chars(s)); }

// The width LibreOffice gives a line of 3号 text: every character at its advance (Han 16 pt,
// Latin letters and digits their own) plus the −0.25 pt document letter spacing, except the
// last character of each stretch of one script, which LibreOffice leaves without it; and a
// fifth of an em where a Latin letter or digit touches a Han character (docs/docx.md,
// "LibreOffice parity"). Never less than the grid width, so the box holds it in Word too.
int reader_width_twips(std::string_view s, const layout::AdvanceFn& advance) {
  if (!advance) return width_twips(s);
  const std::vector<char32_t> cps = layout::decode_utf8(s);
  double w = 0;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    const bool half = layout::is_half_width(c);
    w += half ? advance(layout::FontRole::FangSong, c) * kSize3 * 10.0 : kSize3 * 10.0;
    if (i + 1 < cps.size() && layout::is_half_width(cps[i + 1]) == half) w += kLetterSpacing;
    if (i > 0 && ((layout::is_asian_letter(cps[i - 1]) && layout::is_latin_alnum(c)) ||
                  (layout::is_latin_alnum(cps[i - 1]) && layout::is_asian_letter(c))))
      w += kSize3 * 10.0 / 5.0;
  }
  // + 1 pt for what the reader rounds.
  return std::max(width_twips(s), static_cast<int>(std::ceil(w)) + 20);
}

void write_seal_run(Body& b, std::int64_t x_emu, std::int64_t y_emu) {
  XmlWriter& x = b.x;
  const std::int64_t size = mm_to_emu(b.seal->diameter_mm);
  const std::string cx = std::to_string(size);
  x.start("w:r");
  write_rpr(x, RunProps{&b.f.fangsong});
  x.start("w:drawing");
  x.start("wp:anchor");
  for (const auto& [k, v] : std::initializer_list<XmlWriter::Attr>{
           {"distT", "0"}, {"distB", "0"}, {"distL", "0"}, {"distR", "0"},
           {"simplePos", "0"}, {"relativeHeight", "251659264"},
           {"behindDoc", "0"},  // in front of the text: the seal presses the 署名 and date
           {"locked", "0"}, {"layoutInCell", "1"}, {"allowOverlap", "1"}})
    x.attr(k, v);
  x.empty("wp:simplePos", {{"x", "0"}, {"y", "0"}});
  x.start("wp:positionH");
  x.attr("relativeFrom", "margin");
  x.start("wp:posOffset");
  x.text(std::to_string(x_emu));
  x.end();
  x.end();
  // Relative to the paragraph that holds the anchor, so the seal moves with the 署名 when
  // a clerk edits the text above it.
  x.start("wp:positionV");
  x.attr("relativeFrom", "paragraph");
  x.start("wp:posOffset");
  x.text(std::to_string(y_emu));
  x.end();
  x.end();
  x.empty("wp:extent", {{"cx", cx}, {"cy", cx}});
  x.empty("wp:effectExtent", {{"l", "0"}, {"t", "0"}, {"r", "0"}, {"b", "0"}});
  x.empty("wp:wrapNone");
  x.empty("wp:docPr", {{"id", "1"}, {"name", "印章"}, {"descr", b.seal->description}});
  write_picture_graphic(x, "seal.png", kRelSeal, cx, cx, LockArrowheads::Yes);
  x.end();  // wp:anchor
  x.end();  // w:drawing
  x.end();  // w:r
}

// An empty line that stays on the page of the 署名 after it.
void write_kept_blank(Body& b) {
  ParaProps p = styled("Normal");
  p.keep_next = true;
  p.mark_font = &b.f.fangsong;
  b.x.start("w:p");
  write_ppr(b.x, p);
  b.x.end();
}

void write_sealed(Body& b, const std::string& date) {
  const Document& d = b.doc;
  const double radius = b.seal != nullptr ? b.seal->diameter_mm / 2.0 : 21.0;
  // Blank lines between the last text and the 署名 so that the seal's top edge comes
  // within one line of that text without covering it.
  const int blanks = std::clamp(
      static_cast<int>(std::lround((radius - kSealCentreBelowSignatureTopMm) / kLineMm)), 1, 4);
  for (int i = 0; i < blanks; ++i) write_kept_blank(b);

  const int date_right = chars_twips(4);
  const int date_w = width_twips(date);
  const int sig_w = width_twips(d.signature);
  // Centre of the date (or, without a date, of the 署名) from the left margin.
  const int centre = date.empty() ? kTextWidth - date_right - sig_w / 2
                                  : kTextWidth - date_right - date_w / 2;
  bool seal_pending = b.seal != nullptr;
  auto seal_here = [&] {
    if (!seal_pending) return;
    seal_pending = false;
    const double r = b.seal->diameter_mm / 2.0;
    const std::int64_t x = std::int64_t{centre} * kEmuPerTwip - mm_to_emu(r);
    const std::int64_t y = mm_to_emu(kSealCentreBelowSignatureTopMm - r);
    write_seal_run(b, x, y);
  };

  if (!d.signature.empty()) {
    ParaProps p = styled("Signature");
    p.keep_next = true;  // never a page with the seal and 署名 apart from the date
    p.right = std::max(0, kTextWidth - centre - sig_w / 2);
    b.x.start("w:p");
    write_ppr(b.x, p);
    seal_here();
    b.run(d.signature, b.f.fangsong);
    b.x.end();
  }
  if (!date.empty()) {
    ParaProps p = styled("SignDate");
    p.right = date_right;
    b.x.start("w:p");
    write_ppr(b.x, p);
    seal_here();
    b.run(date, b.f.fangsong);
    b.x.end();
  }
}

void write_unsealed(Body& b, const std::string& date) {
  const Document& d = b.doc;
  write_kept_blank(b);
  const int sig_right = chars_twips(2);
  const int sig_w = width_twips(d.signature);
  if (!d.signature.empty()) {
    ParaProps p = styled("Signature");
    p.keep_next = true;
    p.right = sig_right;
    b.para(p, d.signature);
  }
  if (!date.empty()) {
    // The date starts two 字 right of the 署名's start, i.e. at (width − 署名 width);
    // a date longer than the 署名 is pulled left so it still ends inside the 版心.
    ParaProps p = styled("SignDate");
    p.jc = "left";
    const int start = d.signature.empty() ? kTextWidth - sig_right - width_twips(date)
                                          : kTextWidth - sig_w;
    p.left = std::max(0, std::min(start, kTextWidth - reader_width_twips(date, b.f.advance)));
    b.para(p, date);
  }
}

}  // namespace

void write_signature(Body& b) {
  const Document& d = b.doc;
  const std::string date = d.date.valid() ? d.date.chinese() : std::string();
  if (!d.title_note.empty() || (d.signature.empty() && date.empty() && b.seal == nullptr)) {
    // Nothing to sign (or dated under the title: 决议, 公报); 附注 may still follow.
  } else if (d.seal == SealMode::Sealed) {
    write_sealed(b, date);
  } else {
    write_unsealed(b, date);
  }
  if (!d.note.empty()) {
    // 附注: 2 字 in, set as the layout sets it (Latin runs, squeezed marks).
    const std::string text = "（" + d.note + "）";
    ParaProps p = styled("Note");
    p.mark_font = &b.f.fangsong;
    b.x.start("w:p");
    write_ppr(b.x, p);
    write_grid_runs(b, text, 0, text.size(), b.f.fangsong, grid_runs(text, 2, 0, b.f.advance));
    b.x.end();
  }
}

}  // namespace gongwen::docx
