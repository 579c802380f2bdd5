// 署名 with the 签发人's 签名章 (GB/T 9704 7.3.5.3, used by 命令格式 10.3): "在正文（或附件说明）
// 下空二行右空四字加盖签名章，签名章左空二字标注签发人职务，以签名章为准上下居中排布。在签发人
// 签名章下空一行右空四字编排成文日期。" On the grid: two blank rows, then the 职务's row with
// the image centred on it (its right edge 右空四字), one blank row, the date 右空四字.
#include <algorithm>

#include "layout/geometry.hpp"
#include "layout/parts.hpp"

namespace gongwen::layout {

namespace {

// A handwritten name pressed by a stamp: 14 mm high, at most 50 mm wide (a longer picture
// is scaled down whole). The row is 10.2 mm: the image reaches a little into the blank rows
// above and below, never into the text or the date.
constexpr double kStampHeight = 14.0 * kPtPerMm;
constexpr double kStampMaxWidth = 50.0 * kPtPerMm;

}  // namespace

void add_stamped_signature(std::vector<FlowItem>& out, const Document& doc) {
  const Image& img = doc.signature_stamp;
  double h = kStampHeight;
  double w = img.pixel_height > 0 ? h * img.pixel_width / img.pixel_height : h;
  if (w > kStampMaxWidth) {
    h *= kStampMaxWidth / w;
    w = kStampMaxWidth;
  }
  // 正文下空二行: the two blank rows are the item's first rows, so that they never stand at
  // the top of a page without the 职务 (the DOCX keeps them with it) and the last text line
  // the item pulls along is text, not a blank.
  constexpr int kBlankRows = 2;
  FlowItem item;
  const double right = kBodyRight - 4 * kCharPitch;  // 右空四字
  const double stamp_x = right - w;
  item.images.push_back(ImagePlacement{&img, stamp_x, kBlankRows * kLinePitch + (kLinePitch - h) / 2, w, h});
  const double base = row_baseline_offset(kSize3);
  Styled post, date;
  post.add(doc.stamp_post, FontRole::FangSong);
  const double post_x = stamp_x - 2 * kCharPitch - styled_width(post, kCharPitch);  // 左空二字
  for (TextRun& r : tagged(single_line(post, std::max(kBodyLeft, post_x), kCharPitch, kSize3, kBlack,
                                       kBlankRows * kLinePitch + base),
                           Element::Signature))
    item.runs.push_back(std::move(r));
  if (doc.date.valid()) {
    date.add(doc.date.chinese(), FontRole::FangSong);
    // 签名章下空一行: the date two rows below the 职务's row.
    for (TextRun& r : tagged(single_line(date, right - styled_width(date, kCharPitch), kCharPitch, kSize3, kBlack,
                                         (kBlankRows + 2) * kLinePitch + base),
                             Element::Date))
      item.runs.push_back(std::move(r));
  }
  item.rows = kBlankRows + (doc.date.valid() ? 3 : 1);
  // The last text line comes along, as with a seal: the 签名章 never stands alone.
  item.pull_lines = 1;
  out.push_back(std::move(item));
}

}  // namespace gongwen::layout
