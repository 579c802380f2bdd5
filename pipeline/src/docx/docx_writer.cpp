// write_docx: the laid-out Document as a WordprocessingML package. Parts are produced by the
// functions in parts.hpp and zipped in a fixed order with fixed timestamps, so the same
// document and options always give the same bytes.
#include <exception>

#include "docx/media.hpp"
#include "docx/package.hpp"
#include "docx/parts.hpp"
#include "layout/geometry.hpp"
#include "gongwen/pipeline/render.hpp"
#include "render/laid_out.hpp"
#include "seal/seal.hpp"
#include "seal/seal_picture.hpp"

namespace gongwen {

Result<RenderedFile> write_docx(const LaidOutDocument& laid) {
  using namespace docx;
  const Document& doc = laid.document();
  const RenderOptions& options = laid.options();
  try {
    RenderedFile out;
    const DocxFonts fonts = docx_fonts(options.fonts);
    // One seal per organ (联合行文), each drawn from that organ's seal text; a seal that
    // cannot be drawn is left out with a warning.
    std::vector<SealAnchor> seals;
    std::vector<std::string> pngs;
    std::vector<int> organs{-1};  // one organ: its seal_text
    if (doc.joint_signers.size() > 1) {
      organs.clear();
      for (std::size_t i = 0; i < doc.joint_signers.size(); ++i) organs.push_back(static_cast<int>(i));
    }
    for (int organ : organs) {
      std::string png = seal::seal_picture(doc, organ, options, "DOCX", out.warnings);
      if (png.empty()) continue;
      SealAnchor a{options.seal_diameter_mm, organ < 0 ? doc.seal_text : seal::seal_text_of(doc, organ)};
      a.organ = organ;
      if (!seals.empty()) {
        const std::string k = std::to_string(seals.size() + 1);
        a.rel_id = "rIdSeal" + k;
        a.part = "word/media/seal" + k + ".png";
      }
      seals.push_back(std::move(a));
      pngs.push_back(std::move(png));
    }

    // The 签发人's 签名章, where the layout pressed it.
    const LayoutDecisions::Stamp& stamp = laid.decisions().stamp;
    if (!doc.signature_stamp.bytes.empty() && stamp.page >= 0) {
      SealAnchor a{0, "签名章（" + doc.signature + "）", "rIdStamp", "word/media/stamp.png", kStampOrgan,
                   stamp.width / layout::kPtPerMm, stamp.height / layout::kPtPerMm};
      seals.push_back(std::move(a));
      pngs.push_back(doc.signature_stamp.bytes);
    }

    // [Content_Types].xml first: some readers sniff the first entry.
    std::vector<PackagePart> parts;
    const std::vector<MediaPart> media = document_media(doc);
    parts.push_back({"[Content_Types].xml", content_types_xml(seals, media)});
    parts.push_back({"_rels/.rels", package_rels_xml()});
    parts.push_back({"docProps/core.xml", core_xml(doc, options.created)});
    parts.push_back({"docProps/app.xml", app_xml(doc)});
    parts.push_back({"word/document.xml",
                     document_xml(doc, laid.decisions(), fonts, seals)});
    parts.push_back({"word/styles.xml", styles_xml(fonts)});
    parts.push_back({"word/settings.xml", settings_xml()});
    parts.push_back({"word/fontTable.xml", font_table_xml(fonts)});
    parts.push_back({"word/footer1.xml", footer_xml(fonts, FooterSide::Odd)});
    parts.push_back({"word/footer2.xml", footer_xml(fonts, FooterSide::Even)});
    parts.push_back({"word/footer3.xml", footer_xml(fonts, FooterSide::Blank)});
    parts.push_back({"word/_rels/document.xml.rels", document_rels_xml(seals, media)});
    for (std::size_t i = 0; i < seals.size(); ++i) parts.push_back({seals[i].part, pngs[i]});
    for (const MediaPart& m : media) parts.push_back({m.part, m.image->bytes});

    out.bytes = zip_package(parts, options.created);
    out.pages = 0;  // the reader lays the pages out
    return out;
  } catch (const Failure& f) {
    return f.error();
  } catch (const std::bad_alloc&) {
    return make_error(Code::Io, msg("write.memory.docx"));
  }
}

}  // namespace gongwen
