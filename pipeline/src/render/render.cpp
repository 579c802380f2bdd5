// lay_out: one layout per document for both writers; render, render_pdf and render_docx on
// top of it.
#include <exception>
#include <optional>
#include <string>

#include "docx/grid.hpp"
#include "layout/geometry.hpp"
#include "layout/text.hpp"
#include "render/laid_out.hpp"

namespace gongwen {

const Document& LaidOutDocument::document() const { return *m_impl->doc; }
const RenderOptions& LaidOutDocument::options() const { return m_impl->options; }
const LayoutDecisions& LaidOutDocument::decisions() const { return m_impl->laid.decisions; }
int LaidOutDocument::pages() const { return static_cast<int>(m_impl->laid.pages.size()); }

namespace {

// Each text of `d` the layout breaks into grid lines, with its heading byte count if any
// (`D` is Document or const Document).
template <class D, class F>
void each_grid_text(D& d, F f) {
  const auto blocks = [&](auto& list) {
    for (auto& b : list) {
      if (b.kind == BlockKind::Image) continue;
      if (b.kind == BlockKind::Table) {
        for (auto& row : b.table.rows)
          for (auto& cell : row) f(cell, nullptr);
        continue;
      }
      f(b.text, &b.heading_bytes);
    }
  };
  f(d.title, nullptr);
  f(d.title_note, nullptr);
  f(d.main_recipients, nullptr);
  blocks(d.body);
  for (auto& n : d.attachment_notes) f(n, nullptr);
  for (auto& a : d.attachments) {
    f(a.title, nullptr);
    blocks(a.body);
  }
  f(d.note, nullptr);
  f(d.copies_to, nullptr);
}

// The text every writer sets: the document without the spaces a typesetter drops
// (layout/text.hpp drop_stray_spaces), so that the PDF, the OFD and the DOCX (laid out again
// by its reader) hold the same characters. nullopt: nothing to drop, `doc` is used as it is
// (no copy).
std::optional<Document> typeset_text(const Document& doc) {
  bool any = false;
  each_grid_text(doc, [&](const std::string& s, const std::size_t*) {
    if (!any) any = layout::drop_stray_spaces(s).size() != s.size();
  });
  if (!any) return std::nullopt;
  Document d = doc;
  each_grid_text(d, [](std::string& s, std::size_t* keep) {
    s = layout::drop_stray_spaces(s, keep);
  });
  return d;
}

}  // namespace

Result<LaidOutDocument> lay_out(const Document& doc, const RenderOptions& options) {
  try {
    auto impl = std::make_shared<LaidOutDocument::Impl>();
    impl->typeset = typeset_text(doc);
    impl->doc = impl->typeset ? &*impl->typeset : &doc;
    impl->options = options;
    layout::LayoutOptions lo;
    lo.seal_diameter = options.seal_diameter_mm * layout::kPtPerMm;
    lo.names = options.names;
    // Latin words and numbers are measured in the fonts they are drawn in (docs/layout.md),
    // through the fonts resolved once per process for these choices (docx_fonts): the same
    // advances the PDF's own font set gives, without opening the fonts again per document.
    // Empty if the fonts cannot be loaded: the PDF writer then fails, the DOCX goes on.
    lo.advance = docx::docx_fonts(options.fonts).advance;
    impl->laid = layout::lay_out(*impl->doc, lo);
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
