// 署名, 成文日期, the seal and 附注 (GB/T 9704 7.3.5). A sealed document centres the 署名
// over a date set 右空四字 and lays the seal over both, with the text below the seal's
// centre; an unsealed one sets the 署名 右空二字 and starts the date two 字 further right.
#include <algorithm>
#include <cmath>

#include "docx/body.hpp"
#include "layout/geometry.hpp"
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

void write_seal_run(Body& b, const SealAnchor& seal, int index, std::int64_t x_emu,
                    std::int64_t y_emu) {
  XmlWriter& x = b.x;
  const std::string cx = std::to_string(mm_to_emu(seal.width_mm > 0 ? seal.width_mm : seal.diameter_mm));
  const std::string cy = std::to_string(mm_to_emu(seal.height_mm > 0 ? seal.height_mm : seal.diameter_mm));
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
  x.empty("wp:extent", {{"cx", cx}, {"cy", cy}});
  x.empty("wp:effectExtent", {{"l", "0"}, {"t", "0"}, {"r", "0"}, {"b", "0"}});
  x.empty("wp:wrapNone");
  x.empty("wp:docPr", {{"id", std::to_string(1 + index)},
                       {"name", seal.organ == kStampOrgan ? std::string("签名章")
                                : index == 0             ? std::string("印章")
                                                         : "印章" + std::to_string(index + 1)},
                       {"descr", seal.description}});
  const std::string file = seal.part.substr(seal.part.rfind('/') + 1);
  write_picture_graphic(x, file.c_str(), seal.rel_id.c_str(), cx, cy, LockArrowheads::Yes);
  x.end();  // wp:anchor
  x.end();  // w:drawing
  x.end();  // w:r
}

void write_sealed(Body& b, const std::string& date) {
  const Document& d = b.doc;
  const SealAnchor* seal = b.seals.empty() ? nullptr : &b.seals.front();
  const double radius = seal != nullptr ? seal->diameter_mm / 2.0 : 21.0;
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
  bool seal_pending = seal != nullptr;
  auto seal_here = [&] {
    if (!seal_pending) return;
    seal_pending = false;
    const double r = seal->diameter_mm / 2.0;
    const std::int64_t x = std::int64_t{centre} * kEmuPerTwip - mm_to_emu(r);
    const std::int64_t y = mm_to_emu(kSealCentreBelowSignatureTopMm - r);
    write_seal_run(b, *seal, 0, x, y);
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

// 签名章 (LayoutDecisions::stamp, layout/stamp_signature.cpp): two blank lines, the 职务
// right-aligned two 字 left of the image, which is anchored in its paragraph centred on the
// line; a blank line; the date 右空四字.
void write_stamped(Body& b, const std::string& date) {
  const LayoutDecisions::Stamp& st = b.decided.stamp;
  const SealAnchor* anchor = nullptr;
  for (const SealAnchor& s : b.seals)
    if (s.organ == kStampOrgan) anchor = &s;
  write_kept_blank(b);
  write_kept_blank(b);
  ParaProps p = styled("Signature");
  p.keep_next = true;
  p.right = std::max(0, static_cast<int>(std::lround((layout::kBodyRight - st.x + 2 * layout::kCharPitch) * 20.0)));
  b.x.start("w:p");
  write_ppr(b.x, p);
  if (anchor != nullptr)
    write_seal_run(b, *anchor, static_cast<int>(b.seals.size()) - 1,
                   std::llround((st.x - layout::kBodyLeft) * 20.0) * kEmuPerTwip,
                   std::llround((layout::kLinePitch - st.height) / 2 * 20.0) * kEmuPerTwip);
  b.run(b.doc.stamp_post, b.f.fangsong);
  b.x.end();
  if (date.empty()) return;
  write_kept_blank(b);
  ParaProps dp = styled("SignDate");
  dp.right = chars_twips(4);
  b.para(dp, date);
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

// 联合行文: the names where the layout set them (LayoutDecisions::joint_names), one paragraph
// per row of names — each name centred on a centre tab at its own centre, so no reader
// re-derives their places — with each organ's seal anchored in its row's paragraph at the
// layout's offset; blank lines for the rows between; the date as for one organ.
void write_joint(Body& b, const std::string& date) {
  const Document& d = b.doc;
  const auto& names = b.decided.joint_names;
  const bool sealed = d.seal == SealMode::Sealed;
  if (!sealed) write_kept_blank(b);  // unsealed: one blank line, the names from the next row
  int row = 0;
  for (std::size_t i = 0; i < names.size();) {
    std::size_t j = i;
    while (j < names.size() && names[j].row == names[i].row) ++j;
    for (; row < names[i].row; ++row) write_kept_blank(b);
    ParaProps p = styled("Signature");
    p.keep_next = true;
    p.jc = "left";
    p.right = 0;
    for (std::size_t k = i; k < j; ++k) {
      const double centre = names[k].x + names[k].width / 2 - layout::kBodyLeft;
      p.tabs.push_back({"center", static_cast<int>(std::lround(centre * 20.0))});
    }
    b.x.start("w:p");
    write_ppr(b.x, p);
    for (std::size_t k = i; k < j; ++k)
      for (std::size_t s = 0; s < b.seals.size(); ++s)
        if (b.seals[s].organ == static_cast<int>(k)) {
          const double r = b.seals[s].diameter_mm / 2.0;
          const double cx = names[k].x + names[k].width / 2 - layout::kBodyLeft;
          // The layout's seal centre: on the name's centre, seal_dy below its row's top.
          write_seal_run(b, b.seals[s], static_cast<int>(s),
                         std::llround(cx / layout::kPtPerMm * kEmuPerMm) - mm_to_emu(r),
                         std::llround(names[k].seal_dy / layout::kPtPerMm * kEmuPerMm) - mm_to_emu(r));
        }
    for (std::size_t k = i; k < j; ++k) {
      b.x.start("w:r");
      write_rpr(b.x, RunProps{&b.f.fangsong});
      b.x.empty("w:tab");
      b.x.end();
      b.run(d.joint_signers[k].name, b.f.fangsong);
    }
    b.x.end();
    ++row;
    i = j;
  }
  if (date.empty()) return;
  ParaProps p = styled("SignDate");
  if (sealed) {
    p.right = chars_twips(4);
  } else {
    // Where the layout set it: two 字 right of the last name's start (or 右空二字).
    const double start = b.decided.joint_date_x - layout::kBodyLeft;
    p.jc = "left";
    p.left = std::max(0, std::min(static_cast<int>(std::lround(start * 20.0)),
                                  kTextWidth - reader_width_twips(date, b.f.advance)));
  }
  b.para(p, date);
}

}  // namespace

void write_kept_blank(Body& b) {
  ParaProps p = styled("Normal");
  p.keep_next = true;
  p.mark_font = &b.f.fangsong;
  b.x.start("w:p");
  write_ppr(b.x, p);
  b.x.end();
}

void write_signature(Body& b) {
  const Document& d = b.doc;
  const std::string date = d.date.valid() ? d.date.chinese() : std::string();
  if (!d.title_note.empty()) {
    // Dated under the title (决议, 公报): nothing to sign; 附注 may still follow.
  } else if (d.joint_signers.size() > 1 && !b.decided.joint_names.empty()) {
    write_joint(b, date);
  } else if (!d.signature_stamp.bytes.empty() && b.decided.stamp.page >= 0) {
    write_stamped(b, date);
  } else if (d.signature.empty() && date.empty() && b.seals.empty()) {
    // Nothing to sign; 附注 may still follow.
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
