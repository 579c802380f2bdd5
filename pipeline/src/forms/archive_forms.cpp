// The archive's printed forms (forms.hpp), drawn with cairo and pango: one small PDF
// helper, a text box per cell.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>

#include "gongwen/pipeline/forms.hpp"

namespace gongwen::forms {

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int len) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
  return CAIRO_STATUS_SUCCESS;
}

constexpr double kPt = 72.0 / 25.4;

struct Pdf {
  std::string bytes;
  cairo_surface_t* surface;
  cairo_t* cr;
  PangoLayout* layout;
  PangoFontDescription* font;
  Pdf(double w_mm, double h_mm, const std::string& title) {
    surface = cairo_pdf_surface_create_for_stream(append_bytes, &bytes, w_mm * kPt, h_mm * kPt);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cr = cairo_create(surface);
    layout = pango_cairo_create_layout(cr);
    // Sizes are points on paper: pango-cairo assumes 96 dpi unless told, which set every
    // form's text a third larger than its boxes were measured for (the catalogue's dates wrapped).
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
    pango_layout_context_changed(layout);
    font = pango_font_description_from_string("FandolSong, Noto Serif CJK SC 8");
    pango_layout_set_font_description(layout, font);
  }
  // Text in a box; returns the height used (mm).
  double text(const std::string& s, double x, double y, double w, int size_pt = 8,
              PangoAlignment align = PANGO_ALIGN_LEFT) {
    pango_font_description_set_size(font, size_pt * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, static_cast<int>(w * kPt * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, s.c_str(), -1);
    cairo_move_to(cr, x * kPt, y * kPt);
    pango_cairo_show_layout(cr, layout);
    int lw = 0, lh = 0;
    pango_layout_get_size(layout, &lw, &lh);
    return lh / double(PANGO_SCALE) / kPt;
  }
  // The height text() will use: the same size and wrapping, or a box drawn from it is overprinted.
  double measure(const std::string& s, double w, int size_pt = 8) {
    pango_font_description_set_size(font, size_pt * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, static_cast<int>(w * kPt * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, s.c_str(), -1);
    int lw = 0, lh = 0;
    pango_layout_get_size(layout, &lw, &lh);
    return lh / double(PANGO_SCALE) / kPt;
  }
  std::string finish() {
    pango_font_description_free(font);
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return bytes;
  }
};

}  // namespace

constexpr int kCatalogueSizePt = 9;  // 小五号

std::string catalogue_pdf(const std::vector<CatalogueCells>& rows, const std::string& heading) {
  // A4 landscape, 20 mm margins; the heading and the column heads repeat on each page.
  Pdf pdf(297, 210, heading);
  const double left = 20, top = 15, bottom = 195;
  double widths[9];
  double total = 0;
  for (int i = 0; i < 9; ++i) total += kCatalogueWidths[i];
  for (int i = 0; i < 9; ++i) widths[i] = kCatalogueWidths[i] * 257.0 / total;
  auto row_out = [&](const std::vector<std::string>& c, double y, bool measure_only) {
    double h = 0;
    for (int i = 0; i < 9; ++i) h = std::max(h, pdf.measure(c[i], widths[i] - 2, kCatalogueSizePt));
    h += 2;
    if (measure_only) return h;
    double x = left;
    cairo_set_line_width(pdf.cr, 0.5);
    for (int i = 0; i < 9; ++i) {
      cairo_rectangle(pdf.cr, x * kPt, y * kPt, widths[i] * kPt, h * kPt);
      cairo_stroke(pdf.cr);
      pdf.text(c[i], x + 1, y + 1, widths[i] - 2, kCatalogueSizePt);
      x += widths[i];
    }
    return h;
  };
  const std::vector<std::string> heads(kCatalogueHeads, kCatalogueHeads + 9);
  int page = 0;
  double y = bottom + 1;
  for (std::size_t k = 0; k <= rows.size(); ++k) {
    if (k == rows.size() && page > 0) break;
    const auto c = k < rows.size() ? std::vector<std::string>(rows[k].begin(), rows[k].end())
                                    : std::vector<std::string>(9);
    const double h = k < rows.size() ? row_out(c, 0, true) : 0;
    if (page == 0 || y + h > bottom) {
      if (page > 0) cairo_show_page(pdf.cr);
      ++page;
      pdf.text(heading, left, top, 257, 16, PANGO_ALIGN_CENTER);
      y = top + 12;
      y += row_out(heads, y, false);
    }
    if (k < rows.size()) y += row_out(c, y, false);
  }
  cairo_show_page(pdf.cr);
  return pdf.finish();
}

std::string notes_pdf(const std::vector<NotesForm>& sheets) {
  Pdf pdf(210, 297, "备考表");
  for (const auto& n : sheets) {
    pdf.text("备考表", 20, 25, 170, 18, PANGO_ALIGN_CENTER);
    double y = 45;
    y += pdf.text("全宗号：" + n.fonds + "　　年度：" + n.year + "　　盒号：" + n.box_code, 25, y, 160, 12) + 3;
    y += pdf.text("件号：" + n.first_item + "—" + n.last_item + "（" +
                      std::to_string(n.items) + " 件）",
                  25, y, 160, 12) + 6;
    y += pdf.text("本盒文件情况说明：", 25, y, 160, 12) + 3;
    if (n.notes.empty()) y += pdf.text("无缺损、修改、补充、移出、销毁等情况。", 32, y, 150, 12) + 2;
    for (const auto& x : n.notes) y += pdf.text(x, 32, y, 150, 12) + 2;
    y = std::max(y + 10, 220.0);
    pdf.text("整理人：" + n.arranger, 110, y, 80, 12);
    pdf.text(n.arranged_on, 110, y + 8, 80, 12);
    pdf.text("检查人：" + n.checker, 110, y + 20, 80, 12);
    pdf.text(n.checked_on.empty() ? "　　年　　月　　日" : n.checked_on, 110, y + 28, 80, 12);
    cairo_show_page(pdf.cr);
  }
  return pdf.finish();
}

std::string box_spines_pdf(const std::vector<LabelledRows>& boxes) {
  // A 5 cm spine of a 310 mm box; the labels stack vertically as on the printed form.
  Pdf pdf(50, 310, "盒脊");
  for (const auto& b : boxes) {
    const LabelledRows& rows = b;
    double y = 20;
    cairo_set_line_width(pdf.cr, 0.6);
    for (const auto& [label, value] : rows) {
      cairo_rectangle(pdf.cr, 5 * kPt, y * kPt, 40 * kPt, 40 * kPt);
      cairo_stroke(pdf.cr);
      pdf.text(label, 6, y + 3, 38, 10, PANGO_ALIGN_CENTER);
      pdf.text(value.empty() ? "—" : value, 6, y + 18, 38, 12, PANGO_ALIGN_CENTER);
      y += 45;
    }
    cairo_show_page(pdf.cr);
  }
  return pdf.finish();
}

std::string processing_slip_pdf(const std::string& office_name, const LabelledRows& rows,
                                const std::vector<std::string>& circulation) {
  Pdf pdf(210, 297, "文件处理签");
  pdf.text(office_name + "文件处理签", 20, 20, 170, 18, PANGO_ALIGN_CENTER);
  double y = 40;
  cairo_set_line_width(pdf.cr, 0.6);
  for (const auto& [k, v] : rows) {
    const bool big = k == "拟办意见" || k == "领导批示";
    const double h = std::max(big ? 40.0 : 10.0, pdf.measure(v, 135, 11) + 4);
    cairo_rectangle(pdf.cr, 20 * kPt, y * kPt, 30 * kPt, h * kPt);
    cairo_rectangle(pdf.cr, 50 * kPt, y * kPt, 140 * kPt, h * kPt);
    cairo_stroke(pdf.cr);
    pdf.text(k, 22, y + 2, 26, 11);
    pdf.text(v, 52, y + 2, 135, 11);
    y += h;
  }
  y += 6;
  pdf.text("传阅记录", 20, y, 170, 12);
  y += 8;
  for (const auto& line : circulation) {
    pdf.text(line, 22, y, 165, 10);
    y += 6;
  }
  cairo_show_page(pdf.cr);
  return pdf.finish();
}

constexpr double kStampW = kArchiveStampWidthMm * kPt, kStampH = kArchiveStampHeightMm * kPt;

// A 45 × 16 mm page carrying the stamp: a red frame, 2 × 3 equal cells, text centred.
std::string archive_stamp_pdf(const ArchiveStampForm& f) {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append_bytes, &out, kStampW, kStampH);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.8, 0.0, 0.0);
  cairo_set_line_width(cr, 0.8);
  const double inset = 0.6;
  cairo_rectangle(cr, inset, inset, kStampW - 2 * inset, kStampH - 2 * inset);
  cairo_move_to(cr, inset, kStampH / 2);
  cairo_line_to(cr, kStampW - inset, kStampH / 2);
  for (int i = 1; i < 3; ++i) {
    cairo_move_to(cr, kStampW * i / 3, inset);
    cairo_line_to(cr, kStampW * i / 3, kStampH - inset);
  }
  cairo_stroke(cr);
  const std::string cells[6] = {f.fonds, f.year, f.item_no, f.unit, f.retention, f.pages};
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font =
      pango_font_description_from_string("FandolSong, Noto Serif CJK SC, Noto Sans CJK SC 8");
  pango_layout_set_font_description(layout, font);
  for (int i = 0; i < 6; ++i) {
    if (cells[i].empty()) continue;
    pango_layout_set_text(layout, cells[i].c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    const double cw = kStampW / 3, ch = kStampH / 2;
    cairo_move_to(cr, (i % 3) * cw + (cw - w / double(PANGO_SCALE)) / 2,
                  (i / 3) * ch + (ch - h / double(PANGO_SCALE)) / 2);
    pango_cairo_show_layout(cr, layout);
  }
  pango_font_description_free(font);
  g_object_unref(layout);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

}  // namespace gongwen::forms
