// 署名 of a joint issue (联合行文, GB/T 9704 §7.3.5.1 and §7.3.5.2), one organ after another in
// the order of the 标志.
// Sealed: each organ's seal presses its own 署名, centred on it; the last seal presses the
// last 署名 and the 成文日期 (右空四字, as for one organ). The seals stand in rows, aligned
// in columns from the right and a whole 字 and more apart (never touching), each row inside
// the 版心; the first row's top touches the row under the last text line, as a single seal
// does. Unsealed: the 署名 stacked, each 右空二字, the date under the last.
#include <algorithm>
#include <cmath>

#include "layout/geometry.hpp"
#include "layout/parts.hpp"

namespace gongwen::layout {

namespace {

Styled fangsong(const std::string& text) {
  Styled s;
  s.add(text, FontRole::FangSong);
  return s;
}

// One line of the block, tagged with its element of the 公文 for the OFD (署名 or 成文日期).
void set_line(FlowItem& item, const Styled& s, double x, int row, Element e) {
  for (TextRun& r : tagged(
           single_line(s, x, kCharPitch, kSize3, kBlack, row * kLinePitch + row_baseline_offset(kSize3)), e))
    item.runs.push_back(std::move(r));
}

}  // namespace

void add_joint_signature(std::vector<FlowItem>& out, const Document& doc, const LayoutOptions& opt,
                         LayoutDecisions& decided) {
  const auto& signers = doc.joint_signers;
  const std::size_t n = signers.size();
  std::vector<Styled> names;
  std::vector<double> widths;
  double widest = 0;
  for (const auto& s : signers) {
    names.push_back(fangsong(s.name));
    widths.push_back(styled_width(names.back(), kCharPitch));
    widest = std::max(widest, widths.back());
  }
  const Styled date = fangsong(doc.date.valid() ? doc.date.chinese() : std::string());
  const double date_w = styled_width(date, kCharPitch);
  FlowItem item;
  decided.joint_names.assign(n, {});

  if (doc.seal != SealMode::Sealed) {
    // Stacked, each 右空二字; the date two 字 right of the last name's start (or 右空二字
    // when it is the longer one, the names moving left with it). The blank line is the
    // item's first row (kept with the names, as in the DOCX); the rows recorded for the
    // DOCX (joint_names) count from the names.
    const double last_w = widths.back();
    // The date starts two 字 right of the last name; what it would run past 右空二字
    // moves every name left with it.
    const double overflow = date.cps.empty() ? 0.0 : std::max(0.0, 2 * kCharPitch + date_w - last_w);
    const double right = kBodyRight - 2 * kCharPitch - overflow;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = right - widths[i];
      set_line(item, names[i], x, static_cast<int>(i) + 1, Element::Signature);
      decided.joint_names[i] = {static_cast<int>(i), x, widths[i], 0};
    }
    int rows = static_cast<int>(n) + 1;
    if (!date.cps.empty()) {
      const double dx = right - last_w + 2 * kCharPitch;
      set_line(item, date, dx, rows++, Element::Date);
      decided.joint_date_x = dx;
    }
    item.rows = rows;
    item.pull_lines = 1;
    out.push_back(std::move(item));
    return;
  }

  const double d = opt.seal_diameter;
  // The last seal centred on the date 右空四字 (on the last name without a date).
  const double date_right = kBodyRight - 4 * kCharPitch;
  const double last_centre =
      date.cps.empty() ? std::min(date_right - widths.back() / 2, kBodyRight - d / 2)
                       : date_right - date_w / 2;
  // Centres a seal and two 字 apart, and the names a 字 apart at least.
  const double step = std::max(d + 2 * kCharPitch, widest + kCharPitch);
  const std::size_t per_row = std::max<std::size_t>(
      1, 1 + static_cast<std::size_t>(std::floor((last_centre - d / 2 - kBodyLeft) / step)));
  const std::size_t seal_rows = (n + per_row - 1) / per_row;
  // A seal's 署名 lies on the first row whose middle is below the seal's centre; the next
  // row of seals starts on the first row below this one's lower edge.
  const int name_row = std::max(0, static_cast<int>(std::ceil(d / 2 / kLinePitch - 0.5)));
  const int group = static_cast<int>(std::floor(d / kLinePitch)) + 1;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = i / per_row;
    const std::size_t in_row = r + 1 == seal_rows ? n - r * per_row : per_row;
    const std::size_t k = i - r * per_row;  // position in its row, left to right
    const double cx = last_centre - static_cast<double>(in_row - 1 - k) * step;
    const int top_row = static_cast<int>(r) * group;
    const int row = top_row + name_row;
    const double cy = top_row * kLinePitch + d / 2;
    const double x = std::min(cx - widths[i] / 2, kBodyRight - widths[i]);
    set_line(item, names[i], x, row, Element::Signature);
    item.seals.push_back(SealPlacement{cx, cy, d, static_cast<int>(i)});
    decided.joint_names[i] = {row, x, widths[i], cy - row * kLinePitch};
  }
  const int last_row = decided.joint_names.back().row;
  if (!date.cps.empty()) set_line(item, date, date_right - date_w, last_row + 1, Element::Date);
  decided.joint_date_x = date_right - date_w;
  item.rows = last_row + (date.cps.empty() ? 1 : 2);
  // The last text line comes along: the seals never stand alone (as for one organ).
  item.pull_lines = 1;
  out.push_back(std::move(item));
}

}  // namespace gongwen::layout
