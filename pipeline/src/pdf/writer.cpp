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
#include "gongwen/pipeline/messages.hpp"
#include "layout/geometry.hpp"
#include "layout/page.hpp"
#include "layout/text.hpp"
#include "pdf/fonts.hpp"
#include "pdf/glyph_run.hpp"
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
    pdf::place_glyphs(run, m_fonts, m_placed);
    const std::size_t n = m_placed.size();
    cairo_set_source_rgb(m_cr, run.color.r, run.color.g, run.color.b);
    // One cairo call per stretch of characters in the same face.
    std::size_t i = 0;
    while (i < n) {
      m_glyphs.clear();
      m_clusters.clear();
      m_utf8.clear();
      const int face = m_placed[i].glyph.face;
      for (; i < n && m_placed[i].glyph.face == face; ++i) {
        const std::size_t before = m_utf8.size();
        layout::append_utf8(m_utf8, m_placed[i].cp);
        m_glyphs.push_back({m_placed[i].glyph.index, m_placed[i].x, run.baseline});
        m_clusters.push_back({static_cast<int>(m_utf8.size() - before), 1});
      }
      cairo_set_font_face(m_cr, m_subsets.face(face));
      cairo_set_font_size(m_cr, run.size);
      cairo_show_text_glyphs(m_cr, m_utf8.data(), static_cast<int>(m_utf8.size()),
                             m_glyphs.data(), static_cast<int>(m_glyphs.size()),
                             m_clusters.data(), static_cast<int>(m_clusters.size()),
                             static_cast<cairo_text_cluster_flags_t>(0));
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
  std::vector<pdf::PlacedGlyph> m_placed;
  std::vector<cairo_glyph_t> m_glyphs;
  std::vector<cairo_text_cluster_t> m_clusters;
  std::string m_utf8;
};

Error cairo_error(cairo_status_t status) {
  return make_error(Code::Io, msg("write.pdf.failed", {{"why", cairo_status_to_string(status)}}));
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
        file.warnings.push_back(msg("write.picture.undecodable", {{"file", im.image->file}}));
    for (const layout::TextRun& run : page.runs) drawer.run(run);
    if (page.page_number) drawer.run(*page.page_number);
    for (const layout::SealPlacement& sp : page.seals) {
      seal_spec.diameter_pt = sp.diameter;
      seal_spec.text = seal::seal_text_of(doc, sp.organ);
      seal::draw_seal(cr, sp.cx, sp.cy, seal_spec);
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
