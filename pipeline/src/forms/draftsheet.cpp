// render_draft_sheet: the 发文稿纸 as a bordered form on one A4 page, drawn with cairo and
// the same font resolution as the documents (pdf/fonts.hpp). Text goes out through
// cairo_show_text_glyphs so that pdftotext reads every field back.
#include "gongwen/pipeline/draftsheet.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <string>
#include <vector>

#include "layout/geometry.hpp"
#include "layout/page.hpp"
#include "layout/text.hpp"
#include "pdf/fonts.hpp"
#include "pdf/subset.hpp"

namespace gongwen {
namespace {

using layout::FontRole;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int len) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
  return CAIRO_STATUS_SUCCESS;
}

constexpr double kMargin = 56.7;       // 20 mm
constexpr double kLabelWidth = 92.0;   // the label column
constexpr double kPad = 6.0;

// A row of the form: a label and its value lines (already wrapped).
struct Row {
  std::string label;
  std::string value;
};

class Sheet {
 public:
  Sheet(cairo_t* cr, pdf::FontSet& fonts, const pdf::DocumentFonts& subsets)
      : m_cr(cr), m_fonts(fonts), m_subsets(subsets) {}

  double width(const std::string& text, FontRole role, double size) {
    double w = 0;
    for (char32_t cp : layout::decode_utf8(text)) w += m_fonts.advance(m_fonts.glyph(role, cp)) * size;
    return w;
  }

  // Greedy wrap by glyph advances; explicit newlines start a new line.
  std::vector<std::string> wrap(const std::string& text, FontRole role, double size, double max) {
    std::vector<std::string> lines;
    const auto cps = layout::decode_utf8(text);
    std::size_t start = 0;
    double w = 0;
    for (std::size_t i = 0; i < cps.size(); ++i) {
      if (cps[i] == U'\n') {
        lines.push_back(layout::encode_utf8(cps, start, i));
        start = i + 1;
        w = 0;
        continue;
      }
      const double a = m_fonts.advance(m_fonts.glyph(role, cps[i])) * size;
      if (w + a > max && i > start) {
        lines.push_back(layout::encode_utf8(cps, start, i));
        start = i;
        w = 0;
      }
      w += a;
    }
    lines.push_back(layout::encode_utf8(cps, start, cps.size()));
    return lines;
  }

  void text(const std::string& utf8, FontRole role, double size, double x, double baseline) {
    const auto cps = layout::decode_utf8(utf8);
    std::size_t i = 0;
    while (i < cps.size()) {
      std::vector<cairo_glyph_t> glyphs;
      std::vector<cairo_text_cluster_t> clusters;
      std::string bytes;
      const auto first = m_fonts.glyph(role, cps[i]);
      auto g = first;
      while (true) {
        const std::size_t before = bytes.size();
        layout::append_utf8(bytes, cps[i]);
        glyphs.push_back({g.index, x, baseline});
        clusters.push_back({static_cast<int>(bytes.size() - before), 1});
        x += m_fonts.advance(g) * size;
        if (++i >= cps.size()) break;
        g = m_fonts.glyph(role, cps[i]);
        if (g.face != first.face) break;
      }
      cairo_set_font_face(m_cr, m_subsets.face(first.face));
      cairo_set_font_size(m_cr, size);
      cairo_show_text_glyphs(m_cr, bytes.data(), static_cast<int>(bytes.size()), glyphs.data(),
                             static_cast<int>(glyphs.size()), clusters.data(),
                             static_cast<int>(clusters.size()), static_cast<cairo_text_cluster_flags_t>(0));
    }
  }

  void box(double x, double y, double w, double h) {
    cairo_set_line_width(m_cr, 0.8);
    cairo_rectangle(m_cr, x, y, w, h);
    cairo_stroke(m_cr);
  }

 private:
  cairo_t* m_cr;
  pdf::FontSet& m_fonts;
  const pdf::DocumentFonts& m_subsets;
};

std::string or_none(const std::string& s) { return s.empty() ? "无" : s; }

std::string step_text(const DraftSheetStep& s) {
  std::string who = s.name + (s.post.empty() ? "" : "（" + s.post + "）");
  return who + "：" + s.opinion + (s.date.empty() ? "" : "  " + s.date);
}

std::vector<Row> rows_of(const DraftSheet& d) {
  std::string reviews;
  for (const auto& r : d.reviews) reviews += (reviews.empty() ? "" : "\n") + step_text(r);
  std::vector<Row> rows = {
      {"文    号", d.number},
      {"标    题", d.title},
      {"文    种", d.kind},
      {"密    级", or_none(d.secrecy)},
      {"紧急程度", or_none(d.urgency)},
      {"拟 稿 人", d.drafter + (d.drafter_unit.empty() ? "" : "（" + d.drafter_unit + "）") +
                       (d.drafted_on.empty() ? "" : "  " + d.drafted_on)},
      {"审    核", reviews.empty() ? "无" : reviews},
      {"签    发", d.signoff.name.empty() ? "无" : step_text(d.signoff)},
      {"主    送", or_none(d.main_recipients)},
      {"抄    送", or_none(d.copies_to)},
      {"印    数", std::to_string(d.copies) + "份"},
      {"印发日期", d.issued_on},
  };
  return rows;
}

}  // namespace

Result<RenderedFile> render_draft_sheet(const DraftSheet& sheet, const RenderOptions& options) {
  Result<pdf::FontSet> fonts_result = pdf::FontSet::create(options.fonts);
  if (!fonts_result) return fonts_result.error();
  pdf::FontSet& fonts = fonts_result.value();

  RenderedFile file;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &file.bytes,
                                                                 layout::kPageWidth, layout::kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return make_error(Code::Io, "发文稿纸: PDF writing failed: " + why);
  }
  const std::string heading = sheet.organ + "发文稿纸";
  const std::string created = options.created.iso8601();
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, heading.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, sheet.number.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gongwen");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, created.c_str());

  // Every character the sheet draws, so that the font is subset once (pdf/subset.hpp).
  const auto rows = rows_of(sheet);
  pdf::DocumentFonts subsets(fonts);
  auto use = [&](const std::string& text) {
    for (char32_t cp : layout::decode_utf8(text))
      if (cp != U'\n') subsets.use(fonts.glyph(FontRole::SongTi, cp), cp);
  };
  use(heading);
  for (const auto& r : rows) use(r.label), use(r.value);
  subsets.build();

  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Sheet s(cr, fonts, subsets);
  const double left = kMargin, right = layout::kPageWidth - kMargin;
  const double value_x = left + kLabelWidth;
  const double value_w = right - value_x - 2 * kPad;

  // Everything in one face (宋体): each face embedded costs a font subset per sheet, and a
  // sheet is written with every issued document.
  const double head_size = 22;
  s.text(heading, FontRole::SongTi, head_size, (left + right - s.width(heading, FontRole::SongTi, head_size)) / 2,
         kMargin + head_size);
  const double top = kMargin + head_size + 24;
  const double bottom = layout::kPageHeight - kMargin;

  // One page always: long opinions or recipient lists are set smaller until all rows fit.
  double size = 14;
  std::vector<std::vector<std::string>> wrapped;
  for (;; size -= 0.5) {
    wrapped.clear();
    double h = 0;
    for (const auto& r : rows) {
      wrapped.push_back(s.wrap(r.value, FontRole::SongTi, size, value_w));
      h += static_cast<double>(wrapped.back().size()) * size * 1.5 + 2 * kPad;
    }
    if (top + h <= bottom || size <= 6) break;
  }
  const double line = size * 1.5;
  double y = top;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double h = static_cast<double>(wrapped[i].size()) * line + 2 * kPad;
    s.box(left, y, kLabelWidth, h);
    s.box(value_x, y, right - value_x, h);
    s.text(rows[i].label, FontRole::SongTi, size, left + kPad, y + kPad + size);
    double base = y + kPad + size;
    for (const auto& l : wrapped[i]) {
      s.text(l, FontRole::SongTi, size, value_x + kPad, base);
      base += line;
    }
    y += h;
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS)
    return make_error(Code::Io, std::string("发文稿纸: PDF writing failed: ") + cairo_status_to_string(st));
  file.pages = 1;
  file.warnings = fonts.warnings();
  return file;
}

}  // namespace gongwen
