// 版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号 (+ 签发人) and the red separator.
// The 标志 sits at a fixed height (not on a grid row); the rows after it snap to the grid.
#include <algorithm>
#include <cmath>

#include "gongwen/pipeline/number.hpp"
#include "layout/geometry.hpp"
#include "layout/parts.hpp"
#include "layout/text.hpp"

namespace gongwen::layout {
namespace {

// The 标志 is sized to look balanced: as large as 20 mm type, never wider than 150 mm so it
// stays visibly narrower than the 156 mm 版心.
constexpr double kMarkMaxSize = 58.0;
constexpr double kMarkMaxWidth = mm(150.0);
constexpr double kCentreX = (kBodyLeft + kBodyRight) / 2;
constexpr double kSeparatorWidth = 1.0;  // pt; GB/T 9704 gives none, practice 1–1.5 pt

double baseline_of(int row, double size = kSize3) {
  return row_top(row) + row_baseline_offset(size);
}

// Every run of the 版头 is one element's (page.hpp: Element).
void append(std::vector<TextRun>& to, std::vector<TextRun> from, Element e) {
  for (TextRun& r : from) {
    r.element = e;
    to.push_back(std::move(r));
  }
}

int first_row_below(double y) {
  return std::max(0, static_cast<int>(std::ceil((y - kBodyTop) / kLinePitch - 1e-6)));
}

double cells_of(const std::string& s) { return text_width(decode_utf8(s), 1.0); }

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The 标志's decisions as the DOCX needs them, measured on the runs just set from h.runs[first]
// on: its em-box top and, for stacked names, their measure.
void record_mark(Header& h, std::size_t first, double size, std::size_t names) {
  double top = 1e9, left = 1e9, right = -1e9;
  for (std::size_t i = first; i < h.runs.size(); ++i) {
    const TextRun& r = h.runs[i];
    top = std::min(top, r.baseline - kAscent * r.size);
    if (i - first < names && !r.x.empty()) {
      left = std::min(left, r.x.front());
      right = std::max(right, r.x.back() + r.size);
    }
  }
  h.mark.size = size;
  h.mark.top = top - kBodyTop;
  if (h.mark.stacked) h.mark.names_width = right - left;
}

// Draws the 标志 with its em-box top at `top`; returns its bottom.
double layout_mark(const Document& doc, double top, Header& h) {
  const std::size_t first = h.runs.size();
  if (doc.issuers.size() > 1) {
    // Joint issue: the names stacked, spread to one width, the suffix ("文件") to their right.
    std::string suffix;
    for (const char* tail : {"文件", "纪要"})
      if (ends_with(doc.issuer_mark, tail)) suffix = tail;
    double name_cells = 0;
    for (const std::string& n : doc.issuers) name_cells = std::max(name_cells, cells_of(n));
    const double suffix_cells = suffix.empty() ? 0 : cells_of(suffix) + 0.5;
    const double k = static_cast<double>(doc.issuers.size());
    double size = std::min(kMarkMaxSize, kMarkMaxWidth / (name_cells + suffix_cells));
    size = std::min(size, mm(60.0) / (k * 1.2));
    const double x0 = kCentreX - (name_cells + suffix_cells) * size / 2;
    for (std::size_t i = 0; i < doc.issuers.size(); ++i) {
      Styled s;
      s.add(doc.issuers[i], FontRole::XiaoBiaoSong);
      const double w = styled_width(s, size);
      std::vector<TextRun> runs =
          single_line(s, x0, size, size, kRed, top + i * 1.2 * size + kAscent * size);
      if (s.cps.size() > 1 && w < name_cells * size) {
        // 分散对齐: shorter names spread to the longest name's width.
        const double extra = (name_cells * size - w) / (s.cps.size() - 1);
        for (TextRun& r : runs)
          for (std::size_t j = 0; j < r.x.size(); ++j) r.x[j] += extra * j;
      }
      append(h.runs, std::move(runs), Element::Mark);
      h.mark.names.push_back(doc.issuers[i]);
    }
    h.mark.stacked = true;
    const std::size_t name_runs = h.runs.size() - first;
    const double stack_h = (k - 1) * 1.2 * size + size;
    if (!suffix.empty()) {
      Styled s;
      s.add(suffix, FontRole::XiaoBiaoSong);
      const double mid = top + stack_h / 2;
      append(h.runs, single_line(s, x0 + (name_cells + 0.5) * size, size, size, kRed,
                                 mid - size / 2 + kAscent * size),
             Element::Mark);
    }
    h.mark.suffix = suffix;
    record_mark(h, first, size, name_runs);
    return top + stack_h;
  }
  std::string mark = doc.issuer_mark;
  if (mark.empty() && !doc.issuers.empty()) mark = doc.issuers.front();
  if (mark.empty()) return top;
  Styled s;
  s.add(mark, FontRole::XiaoBiaoSong);
  const double size = std::min(kMarkMaxSize, kMarkMaxWidth / styled_width(s, 1.0));
  const double w = styled_width(s, size);
  append(h.runs, single_line(s, kCentreX - w / 2, size, size, kRed, top + kAscent * size),
         Element::Mark);
  h.mark.names = {mark};
  record_mark(h, first, size, 0);
  return top + size;
}

}  // namespace

Header layout_header(const Document& doc) {
  Header h;
  const bool letter = doc.format == Format::Letter;
  std::vector<Styled> left_items;  // 份号, 密级, 紧急程度: flush left, one row each
  std::vector<Element> left_elements;
  if (!doc.copy_number.empty()) {
    left_items.emplace_back().add(doc.copy_number, FontRole::FangSong);
    left_elements.push_back(Element::CopyNumber);
  }
  if (doc.secrecy != Secrecy::None) {
    std::string s = to_chinese(doc.secrecy);
    if (!doc.secrecy_term.empty()) s += "★" + doc.secrecy_term;
    left_items.emplace_back().add(s, FontRole::HeiTi);
    left_elements.push_back(Element::Secrecy);
  }
  if (doc.urgency != Urgency::None) {
    left_items.emplace_back().add(to_chinese(doc.urgency), FontRole::HeiTi);
    left_elements.push_back(Element::Urgency);
  }

  const bool has_mark = !doc.issuer_mark.empty() || !doc.issuers.empty();
  int row = 0;
  if (!letter) {
    for (std::size_t i = 0; i < left_items.size(); ++i)
      append(h.runs, single_line(left_items[i], kBodyLeft, kCharPitch, kSize3, kBlack,
                                 baseline_of(row++)),
             left_elements[i]);
  }
  if (!has_mark) {
    h.next_row = row;
    if (!doc.number.empty()) {
      Styled s;
      s.add(doc.number, FontRole::FangSong);
      const double w = styled_width(s, kCharPitch);
      h.number_row = h.next_row;
      append(h.runs, single_line(s, kCentreX - w / 2, kCharPitch, kSize3, kBlack,
                                 baseline_of(h.next_row++)),
             Element::Number);
    }
    return h;
  }

  // Letter: 30 mm from the page top; order: 20 mm below the 版心 top; else 35 mm below it.
  const double mark_top = letter ? mm(30.0)
                          : doc.format == Format::Order ? kBodyTop + mm(20.0)
                                                        : kBodyTop + mm(35.0);
  const double mark_bottom = layout_mark(doc, mark_top, h);

  if (letter) {
    // Red double lines, 170 mm: thick over thin 4 mm below the 标志, thin over thick 20 mm
    // above the page bottom.
    const double x0 = kPageWidth / 2 - mm(85.0), x1 = kPageWidth / 2 + mm(85.0);
    const double y = mark_bottom + mm(4.0);
    h.rules.push_back({x0, x1, y, mm(1.0), kRed});
    h.rules.push_back({x0, x1, y + mm(1.5), mm(0.35), kRed});
    h.rules.push_back({x0, x1, kPageHeight - mm(20.0) - mm(1.5), mm(0.35), kRed});
    h.rules.push_back({x0, x1, kPageHeight - mm(20.0), mm(1.0), kRed});
    row = first_row_below(y + mm(2.0));
    const int first = row;
    for (std::size_t i = 0; i < left_items.size(); ++i)
      append(h.runs, single_line(left_items[i], kBodyLeft, kCharPitch, kSize3, kBlack,
                                 baseline_of(row++)),
             left_elements[i]);
    if (!doc.number.empty()) {
      Styled s;
      s.add(doc.number, FontRole::FangSong);
      const double w = styled_width(s, kCharPitch);
      append(h.runs, single_line(s, kBodyRight - w, kCharPitch, kSize3, kBlack,
                                 baseline_of(first)),
             Element::Number);
      h.number_row = first;
    }
    h.next_row = std::max(row, first + 1);
    return h;
  }

  // "下空二行": two line pitches below the 标志, snapped to the nearest grid row.
  const int mark_row = static_cast<int>(std::lround((mark_bottom - kBodyTop) / kLinePitch));
  int number_row = std::max(row, mark_row + 2);
  const double right = kBodyRight - kCharPitch;  // 右空一字
  if (doc.direction == Direction::Upward && !doc.signers.empty()) {
    // 签发人: two names a line, names in 楷体; the 文号 stands on the last 签发人 line.
    double names_x = 0;
    const std::size_t n = doc.signers.size();
    for (std::size_t i = 0; i < n; i += 2) {
      Styled s;
      if (i == 0) s.add("签发人：", FontRole::FangSong);
      s.add(doc.signers[i], FontRole::KaiTi);
      if (i + 1 < n) s.add("　", FontRole::KaiTi).add(doc.signers[i + 1], FontRole::KaiTi);
      const double w = styled_width(s, kCharPitch);
      if (i == 0) names_x = right - w + 4 * kCharPitch;
      const double x = i == 0 ? right - w : names_x;
      append(h.runs, single_line(s, x, kCharPitch, kSize3, kBlack, baseline_of(number_row)),
             Element::Signer);
      if (i + 2 < n) ++number_row;
    }
    if (!doc.number.empty()) {
      Styled s;
      s.add(doc.number, FontRole::FangSong);
      append(h.runs, single_line(s, kBodyLeft + kCharPitch, kCharPitch, kSize3, kBlack,
                                 baseline_of(number_row)),
             Element::Number);
      h.number_row = number_row;
    }
  } else if (doc.format == Format::Order) {
    // 命令格式: the 令号 (第N号, of the registered 文号) centred, no separator; 正文 two
    // lines below it. A draft not yet numbered keeps the 令号's row empty.
    if (!doc.number.empty()) {
      Styled s;
      s.add(order_number_text(doc.number), FontRole::FangSong);
      const double w = styled_width(s, kCharPitch);
      append(h.runs, single_line(s, kCentreX - w / 2, kCharPitch, kSize3, kBlack,
                                 baseline_of(number_row)),
             Element::Number);
    }
    h.number_row = number_row;
    h.next_row = number_row + 1;
    return h;
  } else if (!doc.number.empty()) {
    Styled s;
    s.add(doc.number, FontRole::FangSong);
    const double w = styled_width(s, kCharPitch);
    append(h.runs, single_line(s, kCentreX - w / 2, kCharPitch, kSize3, kBlack,
                               baseline_of(number_row)),
           Element::Number);
    h.number_row = number_row;
  }
  // The red separator 4 mm below the 文号 line (its em-box bottom).
  const double y = baseline_of(number_row) + kDescent * kSize3 + mm(4.0);
  h.rules.push_back({kBodyLeft, kBodyRight, y, kSeparatorWidth, kRed});
  // The separator floats in the row under the 文号 (as a Word template's anchored line
  // does); the title's two blank lines are counted from the 文号 row.
  h.next_row = number_row + 1;
  return h;
}

}  // namespace gongwen::layout
