// write_pdf: the laid-out pages drawn with cairo's PDF surface. Every glyph goes exactly to
// the layout's x: we map characters to glyphs through the font's cmap ourselves and emit
// them with cairo_show_text_glyphs, which also writes the text (ToUnicode) so that the PDF's
// text extracts in reading order. Pango's layout engine is not used: its line breaking and
// letter spacing cannot hold the 28-character grid (see docs/layout.md).
#include <cairo-pdf.h>
#include <cairo.h>

#include <string>
#include <vector>

#include "gongwen/pipeline/render.hpp"
#include "layout/geometry.hpp"
#include "layout/page.hpp"
#include "layout/text.hpp"
#include "pdf/fonts.hpp"
#include "render/laid_out.hpp"
#include "pdf/subset.hpp"
#include "pdf/image_draw.hpp"
#include "seal/seal.hpp"

namespace gongwen {
namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int len) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
  return CAIRO_STATUS_SUCCESS;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

class PageDrawer {
 public:
  PageDrawer(cairo_t* cr, pdf::FontSet& fonts, const pdf::DocumentFonts& subsets)
      : m_cr(cr), m_fonts(fonts), m_subsets(subsets) {}

  // Pass 1: the glyphs the run will draw, so that each font is subset once for the document.
  static void collect(const layout::TextRun& run, pdf::FontSet& fonts, pdf::DocumentFonts& subsets) {
    for (char32_t cp : layout::decode_utf8(run.text)) subsets.use(fonts.glyph(run.role, cp), cp);
  }

  void run(const layout::TextRun& run) {
    m_cps = layout::decode_utf8(run.text);
    const std::size_t n = std::min(m_cps.size(), run.x.size());
    m_x.assign(run.x.begin(), run.x.begin() + n);
    respace_latin(run, n);
    cairo_set_source_rgb(m_cr, run.color.r, run.color.g, run.color.b);
    // One cairo call per stretch of characters in the same face.
    std::size_t i = 0;
    while (i < n) {
      m_glyphs.clear();
      m_clusters.clear();
      m_utf8.clear();
      const pdf::FontSet::Glyph first = m_fonts.glyph(run.role, m_cps[i]);
      pdf::FontSet::Glyph g = first;
      while (true) {
        const std::size_t before = m_utf8.size();
        layout::append_utf8(m_utf8, m_cps[i]);
        m_glyphs.push_back({g.index, m_x[i], run.baseline});
        m_clusters.push_back({static_cast<int>(m_utf8.size() - before), 1});
        if (++i >= n) break;
        g = m_fonts.glyph(run.role, m_cps[i]);
        if (g.face != first.face) break;
      }
      cairo_set_font_face(m_cr, m_subsets.face(first.face));
      cairo_set_font_size(m_cr, run.size);
      cairo_show_text_glyphs(m_cr, m_utf8.data(), static_cast<int>(m_utf8.size()),
                             m_glyphs.data(), static_cast<int>(m_glyphs.size()),
                             m_clusters.data(), static_cast<int>(m_clusters.size()),
                             static_cast<cairo_text_cluster_flags_t>(0));
    }
  }

  // The layout gives a Latin word or number half a cell per character, which keeps the
  // grid; inside that span its glyphs take their natural advances, so "9704-2012" reads as
  // one word instead of letters spaced at the cell pitch. The glyphs stand together, centred
  // in the span: room between digits is letter spacing, which makes Poppler read
  // "1 2 月 2 0 日" (issue 14); room beside the word is the Asian–Latin space a reader
  // puts there anyway.
  void respace_latin(const layout::TextRun& run, std::size_t n) {
    std::size_t i = 0;
    while (i < n) {
      if (!layout::is_word_char(m_cps[i])) {
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < n && layout::is_word_char(m_cps[j])) ++j;
      if (j - i >= 2) {
        const double step = (m_x[j - 1] - m_x[i]) / static_cast<double>(j - 1 - i);
        const double span = m_x[j - 1] - m_x[i] + step;
        double natural = 0;
        m_adv.clear();
        for (std::size_t k = i; k < j; ++k) {
          m_adv.push_back(m_fonts.advance(m_fonts.glyph(run.role, m_cps[k])) * run.size);
          natural += m_adv.back();
        }
        const double scale = natural > span ? span / natural : 1.0;
        double x = m_x[i] + (span - natural * scale) / 2;
        for (std::size_t k = i; k < j; ++k) {
          m_x[k] = x;
          x += m_adv[k - i] * scale;
        }
      }
      i = j;
    }
  }

  void rule(const layout::Rule& r) {
    cairo_set_source_rgb(m_cr, r.color.r, r.color.g, r.color.b);
    cairo_set_line_width(m_cr, r.width);
    cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_BUTT);
    cairo_move_to(m_cr, r.x0, r.y);
    cairo_line_to(m_cr, r.x1, r.y);
    cairo_stroke(m_cr);
  }

 private:
  cairo_t* m_cr;
  pdf::FontSet& m_fonts;
  const pdf::DocumentFonts& m_subsets;
  // Reused buffers: a long document draws tens of thousands of runs.
  std::vector<char32_t> m_cps;
  std::vector<double> m_x, m_adv;
  std::vector<cairo_glyph_t> m_glyphs;
  std::vector<cairo_text_cluster_t> m_clusters;
  std::string m_utf8;
};

Error cairo_error(cairo_status_t status) {
  return make_error(Code::Io, std::string("PDF writing failed: ") +
                                  cairo_status_to_string(status));
}

}  // namespace

Result<RenderedFile> write_pdf(const LaidOutDocument& laid) {
  const Document& doc = laid.document();
  const RenderOptions& options = laid.options();
  Result<pdf::FontSet> fonts_result = pdf::FontSet::create(options.fonts);
  if (!fonts_result) return fonts_result.error();
  pdf::FontSet& fonts = fonts_result.value();
  const std::vector<layout::Page>& pages = laid.impl().laid.pages;

  RenderedFile file;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append_to_string, &file.bytes, layout::kPageWidth, layout::kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    Error e = cairo_error(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return e;
  }
  const std::string created = options.created.iso8601();
  std::string author = doc.issuers.empty() ? doc.signature : join(doc.issuers, "、");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, doc.number.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gongwen");
  // Both dates from the caller's clock: the same input gives the same bytes.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, created.c_str());

  pdf::DocumentFonts subsets(fonts);
  for (const layout::Page& page : pages) {
    for (const layout::TextRun& run : page.runs) PageDrawer::collect(run, fonts, subsets);
    if (page.page_number) PageDrawer::collect(*page.page_number, fonts, subsets);
  }
  subsets.build();

  cairo_t* cr = cairo_create(surface);
  PageDrawer drawer(cr, fonts, subsets);
  seal::SealSpec seal_spec;
  seal_spec.subtext = doc.seal_subtext;
  seal_spec.font_family = options.fonts.songti;

  for (const layout::Page& page : pages) {
    for (const layout::Rule& r : page.rules) drawer.rule(r);
    for (const layout::VRule& v : page.vrules) pdf::draw_vrule(cr, v);
    for (const layout::ImagePlacement& im : page.images)
      if (!pdf::draw_image(cr, im) && im.image != nullptr)
        file.warnings.push_back("picture " + im.image->file + " could not be decoded; drawn as a frame");
    for (const layout::TextRun& run : page.runs) drawer.run(run);
    if (page.page_number) drawer.run(*page.page_number);
    for (const layout::SealPlacement& s : page.seals) {
      seal_spec.diameter_pt = s.diameter;
      seal_spec.text = seal::seal_text_of(doc, s.organ);
      seal::draw_seal(cr, s.cx, s.cy, seal_spec);
    }
    cairo_show_page(cr);
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return cairo_error(status);

  file.pages = static_cast<int>(pages.size());
  for (std::string& w : fonts.warnings()) file.warnings.push_back(std::move(w));
  return file;
}

}  // namespace gongwen
