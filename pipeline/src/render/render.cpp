// lay_out: one layout per document for both writers; render, render_pdf and render_docx on
// top of it.
#include <exception>

#include "docx/grid.hpp"
#include "layout/geometry.hpp"
#include "render/laid_out.hpp"

namespace gongwen {

const Document& LaidOutDocument::document() const { return *m_impl->doc; }
const RenderOptions& LaidOutDocument::options() const { return m_impl->options; }
const LayoutDecisions& LaidOutDocument::decisions() const { return m_impl->laid.decisions; }
int LaidOutDocument::pages() const { return static_cast<int>(m_impl->laid.pages.size()); }

Result<LaidOutDocument> lay_out(const Document& doc, const RenderOptions& options) {
  try {
    auto impl = std::make_shared<LaidOutDocument::Impl>();
    impl->doc = &doc;
    impl->options = options;
    layout::LayoutOptions lo;
    lo.seal_diameter = options.seal_diameter_mm * layout::kPtPerMm;
    lo.names = options.names;
    // Latin words and numbers are measured in the fonts they are drawn in (docs/layout.md),
    // through the fonts resolved once per process for these choices (docx_fonts): the same
    // advances the PDF's own font set gives, without opening the fonts again per document.
    // Empty if the fonts cannot be loaded: the PDF writer then fails, the DOCX goes on.
    lo.advance = docx::docx_fonts(options.fonts).advance;
    impl->laid = layout::lay_out(doc, lo);
    return LaidOutDocument(std::move(impl));
  } catch (const Failure& f) {
    return f.error();
  } catch (const std::bad_alloc&) {
    return make_error(Code::Io, msg("write.memory.layout"));
  }
}

Result<RenderedFiles> render(const Document& doc, const RenderOptions& options) {
  Result<LaidOutDocument> laid = lay_out(doc, options);
  if (!laid) return laid.error();
  Result<RenderedFile> pdf = write_pdf(laid.value());
  if (!pdf) return pdf.error();
  Result<RenderedFile> docx = write_docx(laid.value());
  if (!docx) return docx.error();
  Result<RenderedFile> ofd = write_ofd(laid.value());
  if (!ofd) return ofd.error();
  return RenderedFiles{std::move(pdf).value(), std::move(docx).value(), std::move(ofd).value(),
                       laid.value().decisions()};
}

Result<RenderedFile> render_pdf(const Document& doc, const RenderOptions& options) {
  Result<LaidOutDocument> laid = lay_out(doc, options);
  if (!laid) return laid.error();
  return write_pdf(laid.value());
}

Result<RenderedFile> render_docx(const Document& doc, const RenderOptions& options) {
  Result<LaidOutDocument> laid = lay_out(doc, options);
  if (!laid) return laid.error();
  return write_docx(laid.value());
}

}  // namespace gongwen
