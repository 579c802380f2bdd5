// Pagination: puts the flow items on 22-row pages, keeps the seal with the text above it,
// pins the 版记 to the bottom of the last page and numbers the pages.
#include <algorithm>
#include <map>
#include <string>

#include "layout/geometry.hpp"
#include "layout/parts.hpp"

namespace gongwen::layout {
namespace {

struct Placed {
  std::size_t item;
  int row;
  double top = -1;  // set for lines of a tightened page: their own top (points)
};

// The seal never stands alone: when the 署名 block does not fit under the text, the last
// 正文 paragraphs of the page are set at a smaller line pitch so that it does, down to 80 %
// of the grid's 28.95 pt (463 twips = 23.15 pt, still 1.45 lines of 3号): enough for a page
// of text that ends on its last row. Only whole paragraphs starting on the page are
// tightened: a paragraph has one line spacing in a DOCX.
constexpr int kMinTightPitchTwips = 463;
constexpr int kGridTwips = 579;  // kLinePitch in twips

TextRun page_number_run(int n) {
  Styled s;
  s.add("— " + std::to_string(n) + " —", FontRole::SongTi);
  const double w = styled_width(s, kSize4);
  // Odd pages 右空一字, even pages 左空一字; the line 7 mm below the 版心.
  const double x = n % 2 == 1 ? kBodyRight - kSize4 - w : kBodyLeft + kSize4;
  const double baseline = kBodyBottom + mm(7.0) + kAscent * kSize4;
  std::vector<TextRun> runs = single_line(s, x, kSize4, kSize4, kBlack, baseline);
  runs.front().element = Element::PageNumber;
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
  for (VRule v : item.vrules) {
    v.y0 += top;
    v.y1 += top;
    page.vrules.push_back(v);
  }
  for (ImagePlacement im : item.images) {
    im.y += top;
    page.images.push_back(im);
  }
  for (SealPlacement s : item.seals) {
    s.cy += top;
    page.seals.push_back(s);
  }
}

void emit(Page& page, const FlowItem& item, int row) { emit_at(page, item, row_top(row)); }

// Tries to make room for `block` (the sealed 署名 block) under the text of the current page
// by tightening its last 正文 paragraphs. On success their lines and the block get explicit
// tops and the page records the pitch (Page::tight_*).
bool tighten_for(std::vector<Placed>& page, const std::vector<FlowItem>& items,
                 std::size_t block, int row, Page& info) {
  // The 附件说明 lines at the page's end belong to the block and stay on the grid pitch.
  std::size_t notes = page.size();
  while (notes > 0 && items[page[notes - 1].item].with_seal) --notes;
  const int notes_rows = notes < page.size() ? row - page[notes].row : 0;
  std::size_t z = notes;
  while (z > 0 && items[page[z - 1].item].body_block >= 0) --z;
  while (z < notes && !items[page[z].item].para_start) ++z;
  if (z >= notes) return false;
  const int zone_row = page[z].row;
  const int zone_rows = row - notes_rows - zone_row;
  const int room = kLinesPerPage - zone_row - notes_rows - items[block].rows;
  if (zone_rows <= 0 || room <= 0) return false;
  const int pitch = room * kGridTwips / zone_rows;
  if (pitch < kMinTightPitchTwips) return false;
  const double p = pitch / 20.0;
  double top = row_top(zone_row);
  for (std::size_t k = z; k < notes; ++k) {
    // Each line keeps its place in its (smaller) row: shift it up by what the rows above
    // lost, and centre it in its own row.
    page[k].top = top - (kLinePitch - p) / 2;
    top += items[page[k].item].rows * p;
  }
  // The 附件说明 on the grid rows right above the block.
  int note_row = kLinesPerPage - items[block].rows - notes_rows;
  for (std::size_t k = notes; k < page.size(); ++k) {
    page[k].top = row_top(note_row);
    note_row += items[page[k].item].rows;
  }
  // Under the 附件说明 (on the grid), or right under the tightened lines.
  if (notes < page.size()) top = row_top(note_row);
  page.push_back({block, kLinesPerPage - items[block].rows, top});
  info.tight_pitch_twips = pitch;
  info.tight_from_block = items[page[z].item].body_block;
  return true;
}

// Moves the tail of the previous page (at least `count` text lines) to the new page, so a
// signature block never stands alone.
int pull_tail(std::vector<std::vector<Placed>>& placed, const std::vector<FlowItem>& items,
              int count) {
  auto& prev = placed[placed.size() - 2];
  auto& cur = placed.back();
  std::vector<Placed> moved;
  int text_lines = 0;
  // Keep at least one item on the previous page. Whole paragraphs move, with the headings
  // kept with them, as Word and LibreOffice move a "keep with next" paragraph.
  const auto done = [&] {
    if (text_lines < count || moved.empty()) return false;
    if (!items[moved.front().item].para_start) return false;
    return prev.empty() || !items[prev.back().item].keep_with_next;
  };
  while (!done() && prev.size() > 1) {
    // Only 正文 lines count: the 附件说明 belongs to the block and comes along anyway.
    if (!items[prev.back().item].blank && items[prev.back().item].body_block >= 0) ++text_lines;
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

// Rows of the chain of keep-with-next items starting at `i` plus the first row of the item
// they keep with (none if that one starts a new page anyway).
int keep_chain_rows(const std::vector<FlowItem>& items, std::size_t i) {
  int rows = 0;
  std::size_t k = i;
  while (k < items.size() && items[k].keep_with_next && (k == i || !items[k].page_break_before))
    rows += items[k++].rows;
  if (k >= items.size() || items[k].page_break_before) return rows;
  if (!items[k].vrules.empty()) {
    // A table row never splits; a header row goes only with the first data row under it.
    rows += items[k].rows;
    if (items[k].table_header && k + 1 < items.size() && items[k + 1].repeat_header == k)
      rows += items[k + 1].rows;
  } else {
    rows += std::max(1, items[k].keep_rows);
  }
  return rows;
}

}  // namespace

LaidOut lay_out(const Document& doc, const LayoutOptions& options) {
  LaidOut out;
  LayoutDecisions& decided = out.decisions;
  Header header = layout_header(doc);
  decided.mark = std::move(header.mark);
  decided.number_row = header.number_row;
  const bool has_mark = !doc.issuer_mark.empty() || !doc.issuers.empty();
  const std::vector<FlowItem> items = layout_main(doc, options, has_mark ? 2 : 0, decided);

  std::vector<std::vector<Placed>> placed(1);
  std::map<std::size_t, Page> tight;  // per page index: the tightening it took
  int row = header.next_row;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const FlowItem& it = items[i];
    if (it.page_break_before && (row > 0 || placed.size() == 1)) {
      placed.emplace_back();
      row = 0;
    }
    // The seal block (附件说明, 署名 and date under the seal) goes to one page with 正文
    // above it: when it does not fit, the 附件说明 is held back until the seal item decides
    // (tighten this page's text, or carry its last 正文 lines over with the block).
    if (it.with_seal && !(i > 0 && items[i - 1].with_seal)) {
      std::size_t sig = i;
      int group = 0;
      while (sig < items.size() && items[sig].with_seal) group += items[sig++].rows;
      // Unsealed too: the 附件说明 never starts the 署名's page without 正文 (the DOCX keeps
      // the last paragraph, the 附件说明 and the 署名 together, and a reader moves them so).
      if (sig < items.size() && items[sig].pull_lines > 0 && row + group + items[sig].rows > kLinesPerPage) {
        for (std::size_t k = i; k < sig; ++k) {
          placed.back().push_back({k, row});
          row += items[k].rows;
        }
        if (!items[sig].seals.empty() && tighten_for(placed.back(), items, sig, row, tight[placed.size() - 1])) {
          row = kLinesPerPage;
        } else {
          for (std::size_t k = i; k < sig; ++k) placed.back().pop_back();
          placed.emplace_back();
          row = pull_tail(placed, items, items[sig].pull_lines);
          for (std::size_t k = i; k <= sig; ++k) {
            placed.back().push_back({k, row});
            row += items[k].rows;
          }
        }
        i = sig;
        continue;
      }
    }
    // A blank line at the top of a page is kept, as Word and LibreOffice keep an empty
    // paragraph there: the DOCX must break pages where the PDF does.
    if (row + it.rows > kLinesPerPage && !it.seals.empty() &&
        tighten_for(placed.back(), items, i, row, tight[placed.size() - 1])) {
      row = kLinesPerPage;
      continue;
    }
    if (row + it.rows > kLinesPerPage) {
      placed.emplace_back();
      row = 0;
      if (it.pull_lines > 0) row = pull_tail(placed, items, it.pull_lines);
      // A table split at a row boundary: its header row comes first on the new page.
      if (it.repeat_header && *it.repeat_header < i) {
        placed.back().push_back({*it.repeat_header, row});
        row += items[*it.repeat_header].rows;
      }
    } else if (it.table_header && row > 0 && i + 1 < items.size() &&
               items[i + 1].repeat_header == i &&
               row + it.rows + items[i + 1].rows > kLinesPerPage) {
      placed.emplace_back();
      row = 0;
    } else if (it.keep_rows > 1 && row > 0 && row + it.keep_rows > kLinesPerPage &&
               it.keep_rows <= kLinesPerPage && (i == 0 || !items[i - 1].keep_with_next)) {
      // The last paragraph before the 署名 block moves whole (LibreOffice never splits a
      // "keep with next" paragraph; a heading kept with it came along above).
      placed.emplace_back();
      row = 0;
    } else if (it.keep_with_next && row > 0 && (i == 0 || !items[i - 1].keep_with_next) &&
               row + keep_chain_rows(items, i) > kLinesPerPage) {
      // Word and LibreOffice keep a chain of "keep with next" lines (headings one under
      // another, a title) on the page of the first line after them: it moves whole. A chain
      // longer than a page still starts on a new page (LibreOffice) and is broken where
      // that page ends.
      placed.emplace_back();
      row = 0;
    }
    placed.back().push_back({i, row});
    row += it.rows;
  }

  for (std::size_t p = 1; p < placed.size(); ++p) {
    if (placed[p].empty() || placed[p - 1].empty()) continue;
    const FlowItem& first = items[placed[p].front().item];
    const Placed& last = placed[p - 1].back();
    const bool prev_full = last.top >= 0 || last.row + items[last.item].rows >= kLinesPerPage;
    if (first.para_start && first.body_block >= 0 && !first.page_break_before && !prev_full)
      decided.page_start_blocks.push_back(first.body_block);
  }

  std::vector<Page>& pages = out.pages;
  pages.resize(placed.size());
  pages[0].runs = std::move(header.runs);
  pages[0].rules = std::move(header.rules);
  for (std::size_t p = 0; p < placed.size(); ++p)
    for (const Placed& pl : placed[p])
      if (pl.top >= 0) emit_at(pages[p], items[pl.item], pl.top);
      else emit(pages[p], items[pl.item], pl.row);
  for (const auto& [p, t] : tight) {
    pages[p].tight_pitch_twips = t.tight_pitch_twips;
    pages[p].tight_from_block = t.tight_from_block;
    if (t.tight_pitch_twips > 0) {
      decided.tight_pitch_twips = t.tight_pitch_twips;
      decided.tight_from_block = t.tight_from_block;
    }
  }

  const std::size_t numbered = pages.size();
  if (std::optional<Colophon> c = layout_colophon(doc)) {
    // The 版记 goes on the last page, which must be an even one (the back of the last
    // sheet): below the text if it fits there, else on a page of its own; an odd page in
    // between stays blank. Neither page gets a number.
    const bool fits = row + c->rows <= kLinesPerPage;
    if (!fits || pages.size() % 2 == 1) pages.emplace_back();
    if (pages.size() % 2 == 1) pages.emplace_back();
    decided.has_colophon = true;
    decided.colophon_own_page = pages.size() > numbered;
    decided.blank_before_colophon = pages.size() > numbered + 1;
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
  for (std::size_t p = 0; p < pages.size(); ++p)
    for (const ImagePlacement& im : pages[p].images)
      if (im.image == &doc.signature_stamp)
        decided.stamp = {static_cast<int>(p), im.x, im.y, im.width, im.height};
  for (std::size_t p = 0; p < pages.size(); ++p)
    for (const SealPlacement& s : pages[p].seals) {  // the last seal presses the date
      decided.seal_page = static_cast<int>(p);
      decided.seal_cx = s.cx;
      decided.seal_cy = s.cy;
      decided.seal_diameter = s.diameter;
      decided.seals.push_back({static_cast<int>(p), s.cx, s.cy, s.diameter, s.organ});
    }
  return out;
}

std::vector<Page> layout_document(const Document& doc, const LayoutOptions& options) {
  return lay_out(doc, options).pages;
}

}  // namespace gongwen::layout
