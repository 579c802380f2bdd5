// Pagination: puts the flow items on 22-row pages, keeps the seal with the text above it,
// pins the 版记 to the bottom of the last page and numbers the pages.
#include <string>

#include "layout/geometry.hpp"
#include "layout/parts.hpp"

namespace gongwen::layout {
namespace {

struct Placed {
  std::size_t item;
  int row;
};

TextRun page_number_run(int n) {
  Styled s;
  s.add("— " + std::to_string(n) + " —", FontRole::SongTi);
  const double w = styled_width(s, kSize4);
  // Odd pages 右空一字, even pages 左空一字; the line 7 mm below the 版心.
  const double x = n % 2 == 1 ? kBodyRight - kSize4 - w : kBodyLeft + kSize4;
  const double baseline = kBodyBottom + mm(7.0) + kAscent * kSize4;
  std::vector<TextRun> runs = single_line(s, x, kSize4, kSize4, kBlack, baseline);
  return runs.front();
}

void emit_at(Page& page, const FlowItem& item, double top) {
  for (TextRun r : item.runs) {
    r.baseline += top;
    page.runs.push_back(std::move(r));
  }
  for (Rule r : item.rules) {
    r.y += top;
    page.rules.push_back(r);
  }
  if (item.seal) {
    SealPlacement s = *item.seal;
    s.cy += top;
    page.seal = s;
  }
}

void emit(Page& page, const FlowItem& item, int row) { emit_at(page, item, row_top(row)); }

// Moves the tail of the previous page (at least `count` text lines) to the new page, so a
// signature block never stands alone.
int pull_tail(std::vector<std::vector<Placed>>& placed, const std::vector<FlowItem>& items,
              int count) {
  auto& prev = placed[placed.size() - 2];
  auto& cur = placed.back();
  std::vector<Placed> moved;
  int text_lines = 0;
  // Keep at least one item on the previous page.
  while (text_lines < count && prev.size() > 1) {
    if (!items[prev.back().item].blank) ++text_lines;
    moved.insert(moved.begin(), prev.back());
    prev.pop_back();
  }
  int row = 0;
  for (const Placed& p : moved) {
    cur.push_back({p.item, row});
    row += items[p.item].rows;
  }
  return row;
}

}  // namespace

std::vector<Page> layout_document(const Document& doc, const LayoutOptions& options) {
  Header header = layout_header(doc);
  const bool has_mark = !doc.issuer_mark.empty() || !doc.issuers.empty();
  const std::vector<FlowItem> items = layout_main(doc, options, has_mark ? 2 : 0);

  std::vector<std::vector<Placed>> placed(1);
  int row = header.next_row;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const FlowItem& it = items[i];
    if (it.page_break_before && (row > 0 || placed.size() == 1)) {
      placed.emplace_back();
      row = 0;
    }
    // A blank line at the top of a page is kept, as Word and LibreOffice keep an empty
    // paragraph there: the DOCX must break pages where the PDF does.
    if (row + it.rows > kLinesPerPage) {
      placed.emplace_back();
      row = 0;
      if (it.pull_lines > 0) row = pull_tail(placed, items, it.pull_lines);
    } else if (it.keep_with_next && row > 0 && row + it.rows == kLinesPerPage &&
               i + 1 < items.size() && !items[i + 1].page_break_before) {
      placed.emplace_back();
      row = 0;
    }
    placed.back().push_back({i, row});
    row += it.rows;
  }

  std::vector<Page> pages(placed.size());
  pages[0].runs = std::move(header.runs);
  pages[0].rules = std::move(header.rules);
  for (std::size_t p = 0; p < placed.size(); ++p)
    for (const Placed& pl : placed[p]) emit(pages[p], items[pl.item], pl.row);

  const std::size_t numbered = pages.size();
  if (std::optional<Colophon> c = layout_colophon(doc)) {
    // The 版记 goes on the last page, which must be an even one (the back of the last
    // sheet): below the text if it fits there, else on a page of its own; an odd page in
    // between stays blank. Neither page gets a number.
    const bool fits = row + c->rows <= kLinesPerPage;
    if (!fits || pages.size() % 2 == 1) pages.emplace_back();
    if (pages.size() % 2 == 1) pages.emplace_back();
    FlowItem item;
    item.runs = std::move(c->runs);
    item.rules = std::move(c->rules);
    // Pinned so the last rule's lower edge lies on the 版心 bottom (262 mm), which is
    // 0.8 pt below the 22nd grid row (docs/layout.md, "The grid").
    emit_at(pages.back(), item, kBodyBottom - c->rows * kLinePitch);
  }
  for (std::size_t p = 0; p < numbered; ++p) {
    if (p == 0 && doc.format == Format::Letter) continue;  // 信函: none on page 1
    pages[p].page_number = page_number_run(static_cast<int>(p + 1));
  }
  return pages;
}

}  // namespace gongwen::layout
