// write_docx: the laid-out Document as a WordprocessingML package. Parts are produced by the
// functions in parts.hpp and zipped in a fixed order with fixed timestamps, so the same
// document and options always give the same bytes.
#include <exception>
#include <map>
#include <mutex>

#include "docx/media.hpp"
#include "docx/package.hpp"
#include "docx/parts.hpp"
#include "gongwen/pipeline/render.hpp"
#include "render/laid_out.hpp"
#include "seal/seal.hpp"

namespace gongwen {

namespace {

// 300 dpi: sharp on an office laser printer, and a 42 mm seal stays under 100 kB.
constexpr int kSealDpi = 300;

// The seal as PNG, or empty with a warning when it cannot be drawn; a DOCX without the
// seal image is still a useful draft, so this does not fail the whole render.
std::string seal_image(const Document& doc, int organ, const RenderOptions& options,
                       std::vector<std::string>& warnings) {
  if (doc.seal != SealMode::Sealed) return {};
  seal::SealSpec spec;
  spec.text = organ < 0 ? doc.seal_text : seal::seal_text_of(doc, organ);
  if (spec.text.empty()) {
    warnings.push_back("DOCX: sealed document without seal text; no seal image placed");
    return {};
  }
  spec.subtext = doc.seal_subtext;
  spec.diameter_pt = options.seal_diameter_mm / 25.4 * 72.0;
  spec.font_family = options.fonts.songti;
  // Rasterising the seal at 300 dpi is most of a DOCX render; an office uses one or two
  // seals, so the PNG is kept per seal spec for the process (same bytes every time).
  static std::mutex mutex;
  static std::map<std::string, std::string> cache;
  const std::string key = spec.text + '\x1f' + spec.subtext + '\x1f' +
                          std::to_string(spec.diameter_pt) + '\x1f' + spec.font_family;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  try {
    std::string png = seal::seal_png(spec, kSealDpi);
    if (!png.empty()) {
      std::lock_guard<std::mutex> lock(mutex);
      if (cache.size() < 16) cache.emplace(key, png);
    }
    if (png.empty()) warnings.push_back("DOCX: the seal could not be drawn; no seal image placed");
    return png;
  } catch (const Failure& f) {
    warnings.push_back("DOCX: the seal could not be drawn (" + f.error().message + ")");
  } catch (const std::exception& e) {
    warnings.push_back(std::string("DOCX: the seal could not be drawn (") + e.what() + ")");
  }
  return {};
}

}  // namespace

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
      std::string png = seal_image(doc, organ, options, out.warnings);
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
    return make_error(Code::Io, "out of memory while writing the DOCX");
  }
}

}  // namespace gongwen
