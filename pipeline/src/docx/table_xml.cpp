// Tables and pictures in word/document.xml. A table is a real w:tbl: grid columns and cell
// widths from the layout (layout/blocks.hpp), single 0.5 pt borders, the header row marked
// w:tblHeader so the reader repeats it, rows that cannot split and whose height is exactly
// the grid rows our layout gives them, so the reader breaks pages where we do. A picture is
// an inline w:drawing in a paragraph whose exact height is its grid rows.
#include <algorithm>
#include <cmath>

#include "docx/body.hpp"
#include "docx/media.hpp"
#include "docx/table_xml.hpp"
#include "layout/blocks.hpp"

namespace gongwen::docx {

std::vector<MediaPart> document_media(const Document& doc) {
  std::vector<MediaPart> out;
  auto add = [&](const std::vector<Block>& blocks) {
    for (const Block& b : blocks) {
      if (b.kind != BlockKind::Image) continue;
      const std::string n = std::to_string(out.size() + 1);
      const std::string ext = b.image.format == ImageFormat::Png ? ".png" : ".jpeg";
      out.push_back({&b.image, "word/media/image" + n + ext, "media/image" + n + ext, "rIdImg" + n});
    }
  };
  add(doc.body);
  for (const Attachment& a : doc.attachments) add(a.body);
  return out;
}

namespace {

int twips(double pt) { return static_cast<int>(std::lround(pt * 20.0)); }

// The document default letter spacing (−0.25 pt, the 28-字 body grid) does not apply: table
// text is set at its full 14 pt, as the layout measures it; squeezed marks and Latin spans
// as the layout breaks the cell (grid_runs.hpp, layout::table_cell_params).
void cell_runs(Body& b, const std::string& text, const RoleFont& font, double column, bool header) {
  RunProps base{&font, kSize4};
  base.spacing = 0;
  write_grid_runs(b, text, 0, text.size(), font,
                  cell_grid_runs(text, column, b.f.advance,
                                 header ? layout::FontRole::HeiTi : layout::FontRole::FangSong),
                  &base);
}

void cell_para(Body& b, const std::string& text, bool header, double column) {
  XmlWriter& x = b.x;
  const RoleFont& font = header ? b.f.heiti : b.f.fangsong;
  x.start("w:p");
  x.start("w:pPr");
  x.val("w:snapToGrid", "0");
  x.start("w:spacing");
  x.attr("w:before", std::int64_t{0});
  x.attr("w:after", std::int64_t{0});
  x.attr("w:line", std::int64_t{kLinePitch});
  x.attr("w:lineRule", "exact");
  x.end();
  x.start("w:ind");
  x.attr("w:left", std::int64_t{0});
  x.attr("w:right", std::int64_t{0});
  x.attr("w:firstLine", std::int64_t{0});
  x.end();
  x.val("w:jc", header ? "center" : "left");
  x.start("w:rPr");
  write_rfonts(x, font, false);
  x.val("w:sz", std::int64_t{kSize4});
  x.end();
  x.end();  // w:pPr
  if (!text.empty()) cell_runs(b, text, font, column, header);
  x.end();
}

void border(XmlWriter& x, const char* side) {
  x.empty(side, {{"w:val", "single"},
                 {"w:sz", std::to_string(static_cast<int>(layout::kTableRuleWidth * 8))},
                 {"w:space", "0"},
                 {"w:color", "000000"}});
}

}  // namespace

void write_table(Body& b, const Table& t) {
  if (t.rows.empty()) return;
  XmlWriter& x = b.x;
  const std::vector<double> cols = layout::table_columns(t);
  std::vector<int> widths;
  for (double w : cols) widths.push_back(twips(w));
  // Whole twips: the last column takes the rounding so the table is exactly 156 mm.
  int sum = 0;
  for (std::size_t i = 0; i + 1 < widths.size(); ++i) sum += widths[i];
  widths.back() = kTextWidth - sum;
  const std::vector<int> lines = layout::table_row_lines(t, &b.f.advance);
  const int pad = twips(layout::kTableCellPad);

  x.start("w:tbl");
  x.start("w:tblPr");
  x.empty("w:tblW", {{"w:w", std::to_string(kTextWidth)}, {"w:type", "dxa"}});
  // Centred at full width: its borders lie on the 版心 edges whatever the reader's rule for
  // tblInd and cell margins.
  x.val("w:jc", "center");
  x.start("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
    border(x, side);
  x.end();
  x.empty("w:tblLayout", {{"w:type", "fixed"}});
  x.start("w:tblCellMar");
  x.empty("w:top", {{"w:w", "0"}, {"w:type", "dxa"}});
  x.empty("w:left", {{"w:w", std::to_string(pad)}, {"w:type", "dxa"}});
  x.empty("w:bottom", {{"w:w", "0"}, {"w:type", "dxa"}});
  x.empty("w:right", {{"w:w", std::to_string(pad)}, {"w:type", "dxa"}});
  x.end();
  x.empty("w:tblLook", {{"w:val", "0000"}, {"w:firstRow", t.header_rows > 0 ? "1" : "0"},
                        {"w:lastRow", "0"}, {"w:firstColumn", "0"}, {"w:lastColumn", "0"},
                        {"w:noHBand", "1"}, {"w:noVBand", "1"}});
  x.end();  // w:tblPr
  x.start("w:tblGrid");
  for (int w : widths) x.empty("w:gridCol", {{"w:w", std::to_string(w)}});
  x.end();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool header = static_cast<int>(r) < t.header_rows;
    x.start("w:tr");
    x.start("w:trPr");
    x.empty("w:cantSplit");
    // LibreOffice adds the table's top and bottom border widths to the rows' exact heights
    // on each page; the first row (the header, repeated on every page) gives the top one
    // back, the bottom one fits the 0.9 pt the 22 grid lines leave in the 版心.
    const int border = static_cast<int>(layout::kTableRuleWidth * 20);
    x.empty("w:trHeight", {{"w:val", std::to_string(lines[r] * kLinePitch - (r == 0 ? border : 0))},
                           {"w:hRule", "exact"}});
    if (header) x.empty("w:tblHeader");
    x.end();
    for (std::size_t c = 0; c < t.rows[r].size() && c < widths.size(); ++c) {
      x.start("w:tc");
      x.start("w:tcPr");
      x.empty("w:tcW", {{"w:w", std::to_string(widths[c])}, {"w:type", "dxa"}});
      x.end();
      cell_para(b, t.rows[r][c], header, cols[c]);
      x.end();
    }
    x.end();  // w:tr
  }
  x.end();  // w:tbl
}

void write_image(Body& b, const Image& img) {
  const std::vector<MediaPart> media = document_media(b.doc);
  const auto it = std::find_if(media.begin(), media.end(),
                               [&](const MediaPart& m) { return m.image == &img; });
  if (it == media.end()) return;
  const std::size_t index = static_cast<std::size_t>(it - media.begin());
  const layout::ImageBox box = layout::image_box(img);
  const std::string cx = std::to_string(std::llround(box.width / 72.0 * 25.4 * kEmuPerMm));
  const std::string cy = std::to_string(std::llround(box.height / 72.0 * 25.4 * kEmuPerMm));
  XmlWriter& x = b.x;
  x.start("w:p");
  ParaProps p;
  p.snap_to_grid = false;
  p.before = p.after = 0;
  p.line = box.rows * kLinePitch;
  p.left = p.right = p.first_line = 0;
  p.jc = "center";
  write_ppr(x, p);
  x.start("w:r");
  x.start("w:drawing");
  x.start("wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) x.attr(d, "0");
  x.empty("wp:extent", {{"cx", cx}, {"cy", cy}});
  x.empty("wp:effectExtent", {{"l", "0"}, {"t", "0"}, {"r", "0"}, {"b", "0"}});
  // id 1 is the seal's anchor.
  x.empty("wp:docPr", {{"id", std::to_string(100 + index)},
                       {"name", "图片 " + std::to_string(index + 1)},
                       {"descr", img.alt.empty() ? img.file : img.alt}});
  write_picture_graphic(x, it->target.substr(6), it->rel_id, cx, cy, LockArrowheads::No);
  x.end();  // wp:inline
  x.end();  // w:drawing
  x.end();  // w:r
  x.end();  // w:p
}

}  // namespace gongwen::docx
