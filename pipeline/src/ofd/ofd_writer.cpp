// write_ofd: the laid-out pages as an OFD package (GB/T 33190), drawn from the same layout and
// the same glyph placement as the PDF (pdf/glyph_run.hpp), fonts subset by the PDF writer's
// HarfBuzz subsetter, and the 公文's structure tagged (tags_xml.hpp). Pure and deterministic:
// every date comes from the options, every entry is zipped with the options' time.
#include <openssl/evp.h>

#include <map>
#include <string>
#include <vector>

#include "docx/xml_writer.hpp"
#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/secrecy.hpp"
#include "gongwen/pipeline/zip_package.hpp"
#include "layout/text.hpp"
#include "ofd/page_xml.hpp"
#include "ofd/tags_xml.hpp"
#include "ofd/units.hpp"
#include "pdf/fonts.hpp"
#include "pdf/subset.hpp"
#include "render/laid_out.hpp"
#include "seal/seal_picture.hpp"

namespace gongwen {
namespace {

using docx::XmlWriter;
constexpr const char* kNs = "http://www.ofdspec.org/2016";

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// The name an office's word processor and OFD reader know the role's font by: the first
// entry of the profile's preference list (仿宋_GB2312, 方正小标宋简体 …), whatever font
// stood in for it here; a stand-in face for rare characters goes by its own family.
std::string office_font_name(const RenderOptions& options, const pdf::FontSet& fonts, int face) {
  const std::string* lists[layout::kFontRoleCount] = {&options.fonts.fangsong, &options.fonts.kaiti,
                                                      &options.fonts.heiti, &options.fonts.xiaobiaosong,
                                                      &options.fonts.songti};
  if (face < layout::kFontRoleCount) {
    const std::string& list = *lists[face];
    const std::string first = list.substr(0, list.find(','));
    if (!first.empty()) return first;
  }
  return fonts.family(face);
}

// 32 hex digits naming the document (DocInfo/DocID): from its 文号, title, 份号 and time,
// so a re-issue of the same bytes keeps it and two documents do not share it.
std::string doc_id(const Document& doc, const Instant& created) {
  const std::string seed = doc.number + '\x1f' + doc.title + '\x1f' + doc.copy_number + '\x1f' +
                           join(doc.issuers, "、") + '\x1f' + created.iso8601();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(seed.data(), seed.size(), md, &len, EVP_sha256(), nullptr);
  return to_hex(std::string_view(reinterpret_cast<const char*>(md), 16), HexCase::Upper);
}

std::string ofd_xml(const Document& doc, const RenderOptions& options) {
  XmlWriter w;
  w.start("ofd:OFD");
  w.attr("xmlns:ofd", kNs);
  w.attr("DocType", "OFD");
  w.attr("Version", "1.0");
  w.start("ofd:DocBody");
  w.start("ofd:DocInfo");
  auto el = [&](const char* name, const std::string& value) {
    w.start(name);
    w.text(value);
    w.end();
  };
  el("ofd:DocID", doc_id(doc, options.created));
  if (!doc.title.empty()) el("ofd:Title", doc.title);
  const std::string organ = doc.issuers.empty() ? doc.signature : join(doc.issuers, "、");
  if (!organ.empty()) el("ofd:Author", organ);
  if (!doc.number.empty()) el("ofd:Subject", doc.number);
  el("ofd:CreationDate", options.created.local_date().iso());
  el("ofd:Creator", "gongwen");
  el("ofd:CreatorVersion", "0.1.0");
  // The 公文's metadata (GB/T 33480 names) for exchange systems and archives.
  std::vector<std::pair<const char*, std::string>> custom = {
      {"标题", doc.title},
      {"发文机关", organ},
      {"文号", doc.number},
      {"成文日期", doc.date.valid() ? doc.date.iso() : ""},
      {"文种", doc.kind},
      {"密级", doc.secrecy == Secrecy::None ? "" : to_chinese(doc.secrecy)},
      {"保密期限", doc.secrecy_term},
      {"紧急程度", to_chinese(doc.urgency)},
      {"份号", doc.copy_number},
  };
  w.start("ofd:CustomDatas");
  for (const auto& [name, value] : custom) {
    if (value.empty()) continue;
    w.start("ofd:CustomData");
    w.attr("Name", name);
    w.text(value);
    w.end();
  }
  w.end();  // CustomDatas
  w.end();  // DocInfo
  el("ofd:DocRoot", "Doc_0/Document.xml");
  return w.finish();
}

struct Resource {
  unsigned id;
  std::string file;  // inside Doc_0/Res
};

std::string public_res_xml(const std::vector<Resource>& fonts, const std::vector<std::string>& names) {
  XmlWriter w;
  w.start("ofd:Res");
  w.attr("xmlns:ofd", kNs);
  w.attr("BaseLoc", "Res");
  if (!fonts.empty()) {
    w.start("ofd:Fonts");
    for (std::size_t i = 0; i < fonts.size(); ++i) {
      w.start("ofd:Font");
      w.attr("ID", fonts[i].id);
      w.attr("FontName", names[i]);
      w.attr("FamilyName", names[i]);
      if (!fonts[i].file.empty()) {
        w.start("ofd:FontFile");
        w.text(fonts[i].file);
        w.end();
      }
      w.end();
    }
    w.end();
  }
  return w.finish();
}

std::string document_res_xml(const std::vector<Resource>& media, const std::vector<std::string>& formats) {
  XmlWriter w;
  w.start("ofd:Res");
  w.attr("xmlns:ofd", kNs);
  w.attr("BaseLoc", "Res");
  if (!media.empty()) {
    w.start("ofd:MultiMedias");
    for (std::size_t i = 0; i < media.size(); ++i) {
      w.start("ofd:MultiMedia");
      w.attr("ID", media[i].id);
      w.attr("Type", "Image");
      w.attr("Format", formats[i]);
      w.start("ofd:MediaFile");
      w.text(media[i].file);
      w.end();
      w.end();
    }
    w.end();
  }
  return w.finish();
}

std::string document_xml(unsigned max_id, const std::vector<unsigned>& page_ids, bool tags) {
  XmlWriter w;
  w.start("ofd:Document");
  w.attr("xmlns:ofd", kNs);
  w.start("ofd:CommonData");
  w.start("ofd:MaxUnitID");
  w.text(std::to_string(max_id));
  w.end();
  w.start("ofd:PageArea");
  w.start("ofd:PhysicalBox");
  w.text("0 0 210 297");
  w.end();
  w.end();
  w.start("ofd:PublicRes");
  w.text("PublicRes.xml");
  w.end();
  w.start("ofd:DocumentRes");
  w.text("DocumentRes.xml");
  w.end();
  w.end();  // CommonData
  w.start("ofd:Pages");
  for (std::size_t i = 0; i < page_ids.size(); ++i) {
    w.start("ofd:Page");
    w.attr("ID", page_ids[i]);
    w.attr("BaseLoc", "Pages/Page_" + std::to_string(i) + "/Content.xml");
    w.end();
  }
  w.end();
  if (tags) {
    w.start("ofd:CustomTags");
    w.text("Tags/CustomTags.xml");
    w.end();
  }
  return w.finish();
}

std::string custom_tags_xml() {
  XmlWriter w;
  w.start("ofd:CustomTags");
  w.attr("xmlns:ofd", kNs);
  w.start("ofd:CustomTag");
  w.attr("NameSpace", ofd::kTagNamespace);
  w.start("ofd:FileLoc");
  w.text("Gongwen.xml");
  w.end();
  w.end();
  return w.finish();
}

bool is_cff(const std::string& font) { return font.compare(0, 4, "OTTO") == 0; }

}  // namespace

Result<RenderedFile> write_ofd(const LaidOutDocument& laid) {
  const Document& doc = laid.document();
  const RenderOptions& options = laid.options();
  const std::vector<layout::Page>& pages = laid.impl().laid.pages;
  Result<pdf::FontSet> fonts_result = pdf::FontSet::create(options.fonts);
  if (!fonts_result) return fonts_result.error();
  pdf::FontSet& fonts = fonts_result.value();
  try {
    RenderedFile file;
    pdf::DocumentFonts subsets(fonts);
    auto collect = [&](const layout::TextRun& run) {
      for (char32_t cp : layout::decode_utf8(run.text)) subsets.use(fonts.glyph(run.role, cp), cp);
    };
    for (const layout::Page& page : pages) {
      for (const layout::TextRun& run : page.runs) collect(run);
      if (page.page_number) collect(*page.page_number);
    }
    subsets.build();

    ofd::IdCounter ids;
    ofd::PageResources res;
    std::vector<PackagePart> res_files;
    std::vector<Resource> font_res, media_res;
    std::vector<std::string> font_names, media_formats;
    for (int f = 0; f < fonts.face_count(); ++f) {
      if (!subsets.used(f)) continue;
      const unsigned id = ids.take();
      std::string program = subsets.font_program(f);
      std::string name;
      if (!program.empty()) {
        name = "font_" + std::to_string(id) + (is_cff(program) ? ".otf" : ".ttf");
        res_files.push_back({"Doc_0/Res/" + name, std::move(program)});
      }
      font_res.push_back({id, name});
      font_names.push_back(office_font_name(options, fonts, f));
      res.font_of_face[f] = id;
    }
    for (const layout::Page& page : pages)
      for (const layout::ImagePlacement& im : page.images) {
        if (!im.image || im.image->bytes.empty() || res.media_of_image.count(im.image)) continue;
        const unsigned id = ids.take();
        const bool png = im.image->format == ImageFormat::Png;
        const std::string name = "image_" + std::to_string(id) + (png ? ".png" : ".jpg");
        res_files.push_back({"Doc_0/Res/" + name, im.image->bytes});
        media_res.push_back({id, name});
        media_formats.push_back(png ? "PNG" : "JPEG");
        res.media_of_image[im.image] = id;
      }
    // One seal picture per organ that has a seal on some page (联合行文: one per organ).
    for (const layout::Page& page : pages)
      for (const layout::SealPlacement& seal : page.seals) {
        if (res.seal_media.count(seal.organ)) continue;
        std::string png = seal::seal_picture(doc, seal.organ, options, "OFD", file.warnings);
        if (png.empty()) continue;
        const unsigned id = ids.take();
        const std::string name = seal.organ < 0 ? "seal.png" : "seal_" + std::to_string(seal.organ + 1) + ".png";
        res.seal_media[seal.organ] = id;
        res_files.push_back({"Doc_0/Res/" + name, std::move(png)});
        media_res.push_back({id, name});
        media_formats.push_back("PNG");
      }

    std::vector<unsigned> page_ids;
    for (std::size_t i = 0; i < pages.size(); ++i) page_ids.push_back(ids.take());
    std::vector<ofd::TaggedObject> tags;
    std::vector<PackagePart> page_parts;
    for (std::size_t i = 0; i < pages.size(); ++i)
      page_parts.push_back({"Doc_0/Pages/Page_" + std::to_string(i) + "/Content.xml",
                            ofd::page_content_xml(pages[i], page_ids[i], fonts, res, ids, tags)});

    std::vector<PackagePart> parts;
    parts.push_back({"OFD.xml", ofd_xml(doc, options)});
    parts.push_back({"Doc_0/Document.xml", document_xml(ids.next - 1, page_ids, true)});
    parts.push_back({"Doc_0/PublicRes.xml", public_res_xml(font_res, font_names)});
    parts.push_back({"Doc_0/DocumentRes.xml", document_res_xml(media_res, media_formats)});
    for (PackagePart& p : page_parts) parts.push_back(std::move(p));
    parts.push_back({"Doc_0/Tags/CustomTags.xml", custom_tags_xml()});
    parts.push_back({"Doc_0/Tags/Gongwen.xml", ofd::tag_file_xml(doc, tags)});
    for (PackagePart& p : res_files) parts.push_back(std::move(p));
    file.bytes = zip_package(parts, options.created);
    file.pages = static_cast<int>(pages.size());
    for (std::string& w : fonts.warnings()) file.warnings.push_back(std::move(w));
    return file;
  } catch (const Failure& f) {
    return f.error();
  }
}

Result<RenderedFile> render_ofd(const Document& doc, const RenderOptions& options) {
  Result<LaidOutDocument> laid = lay_out(doc, options);
  if (!laid) return laid.error();
  return write_ofd(laid.value());
}

}  // namespace gongwen
