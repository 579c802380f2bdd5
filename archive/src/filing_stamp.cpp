// 归档章 + PDF/A-2b markers as one incremental update (see filing_stamp.hpp). The stamp is
// drawn by the pipeline (forms.hpp) into a one-page PDF, turned into a form XObject by qpdf
// and copied into the original; the new and changed objects are then written after the
// original bytes (PdfUpdate) with their own xref section, never by rewriting the file (that
// would break the signature).
#include "filing_stamp.hpp"

#include "gongwen/pipeline/forms.hpp"
#include "gongwen/pipeline/pdf_update.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "gongwen/archive/registry.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/error.hpp"

namespace gongwen::archive {

namespace {

constexpr double kPt = 72.0 / 25.4;
constexpr double kStampW = forms::kArchiveStampWidthMm * kPt, kStampH = forms::kArchiveStampHeightMm * kPt;

// The 归档章's 45 × 16 mm page (the pipeline's forms draw it).
std::string render_stamp_pdf(const StampFields& f) {
  return forms::archive_stamp_pdf({f.fonds, f.year, f.item_no, f.unit, f.retention, f.pages});
}

std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string xmp_packet(const PdfaInfo& p) {
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
         "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
         "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(p.title) +
         "</rdf:li></rdf:Alt></dc:title>\n"
         "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(p.author) + "</rdf:li></rdf:Seq></dc:creator>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
         "<xmp:CreateDate>" + xml_escape(p.created_iso) + "</xmp:CreateDate>\n"
         "<xmp:CreatorTool>gongwen</xmp:CreatorTool>\n"
         "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

// The blank band above the first text on page 1, measured with Poppler.
void place_stamp(const std::string& original, const std::string& name, ArchivalCopy& out,
                 double& page_w, double& page_h) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(original.data(), static_cast<int>(original.size())));
  if (!doc || doc->is_locked() || doc->pages() < 1)
    fail(Code::BadInput, msg("stamp.pdf.unreadable", {{"file", name}}), {msg("stamp.pdf.unreadable.hint")});
  std::unique_ptr<poppler::page> p(doc->create_page(0));
  const poppler::rectf box = p->page_rect(poppler::media_box);
  out.pages = doc->pages();
  page_w = box.width();
  page_h = box.height();
  double top_text = page_h;
  for (const auto& t : p->text_list()) top_text = std::min(top_text, t.bbox().top());
  const double margin = 2.0 * kPt;
  if (top_text >= kStampH + 2 * margin) {
    out.in_blank = true;
    out.x_mm = (page_w - kStampW) / 2 / kPt;
    out.y_mm = (top_text - kStampH) / 2 / kPt;
  } else {
    out.in_blank = false;  // DA/T 22: elsewhere near the top when the centre is taken
    out.x_mm = (page_w - kStampW) / kPt - 5.0;
    out.y_mm = 5.0;
  }
}

std::string hex16(const std::string& sha_hex) { return sha_hex.substr(0, 32); }

}  // namespace

std::string retention_short(const std::string& retention) {
  if (retention == "定期30年") return "30年";
  if (retention == "定期10年") return "10年";
  return retention;
}

std::string load_srgb_profile() {
  static const std::string bytes = [] {
    for (const char* p : {"/usr/share/color/icc/colord/sRGB.icc",
                          "/usr/share/color/icc/sRGB.icc"}) {
      std::error_code ec;
      if (std::filesystem::exists(p, ec)) return read_file(p);
    }
    return std::string();
  }();
  if (bytes.empty())
    fail(Code::NotFound, msg("stamp.icc.missing"), {msg("stamp.icc.missing.hint")});
  return bytes;
}

namespace {

// The update made for one file: the original's bytes, then the changed and new objects.
// `stamp` null: only the PDF/A markers (the 发文稿纸 filed beside the 件 carries no 归档章).
ArchivalCopy archival_update(const std::string& original, const StampFields* stamp, const PdfaInfo& pdfa,
                             const std::string& name) {
  ArchivalCopy out;
  double page_w = 0, page_h = 0;
  std::string stamp_pdf;
  if (stamp) {
    place_stamp(original, name, out, page_w, page_h);
    StampFields fields = *stamp;
    if (fields.pages.empty() || fields.pages == "0") fields.pages = std::to_string(out.pages);
    stamp_pdf = render_stamp_pdf(fields);
  }
  QPDF orig, foreign;
  try {
    orig.processMemoryFile(name.c_str(), original.data(), original.size());
    if (stamp) foreign.processMemoryFile("stamp", stamp_pdf.data(), stamp_pdf.size());
  } catch (const std::exception& e) {
    fail(Code::BadInput, msg("stamp.pdf.bad", {{"file", name}, {"why", e.what()}}));
  }
  const auto old_objects = orig.getAllObjects();
  std::set<QPDFObjGen> existing;
  for (auto& o : old_objects) existing.insert(o.getObjGen());

  auto pages = QPDFPageDocumentHelper(orig).getAllPages();
  if (pages.empty()) fail(Code::BadInput, msg("stamp.pdf.no_page", {{"file", name}}));
  if (!stamp) out.pages = static_cast<int>(pages.size());
  QPDFObjectHandle page = pages[0].getObjectHandle();
  std::vector<QPDFObjectHandle> to_write{orig.getRoot()};
  if (stamp) {
    to_write.push_back(page);
    auto fpages = QPDFPageDocumentHelper(foreign).getAllPages();
    QPDFObjectHandle form = orig.copyForeignObject(fpages.at(0).getFormXObjectForPage());

    // Contents: [q, original…, Q + stamp]; the original's graphics state cannot leak.
    QPDFObjectHandle contents = QPDFObjectHandle::newArray();
    contents.appendItem(orig.newStream(std::string("q\n")));
    QPDFObjectHandle old = page.getKey("/Contents");
    if (old.isArray())
      for (int i = 0; i < old.getArrayNItems(); ++i) contents.appendItem(old.getArrayItem(i));
    else if (!old.isNull())
      contents.appendItem(old);
    char ops[160];
    std::snprintf(ops, sizeof ops, "Q\nq 1 0 0 1 %.3f %.3f cm /GWArchiveStamp Do Q\n",
                  out.x_mm * kPt, page_h - out.y_mm * kPt - kStampH);
    contents.appendItem(orig.newStream(std::string(ops)));
    QPDFObjectHandle res = QPDFPageObjectHelper(page).getAttribute("/Resources", false);
    QPDFObjectHandle new_res = res.isDictionary() ? res.shallowCopy() : QPDFObjectHandle::newDictionary();
    QPDFObjectHandle xobj = new_res.getKey("/XObject");
    QPDFObjectHandle new_xobj = xobj.isDictionary() ? xobj.shallowCopy() : QPDFObjectHandle::newDictionary();
    new_xobj.replaceKey("/GWArchiveStamp", form);
    new_res.replaceKey("/XObject", new_xobj);
    page.replaceKey("/Contents", contents);
    page.replaceKey("/Resources", new_res);
  }

  // PDF/A-2b: XMP with pdfaid, an OutputIntent with the sRGB profile.
  QPDFObjectHandle root = orig.getRoot();
  QPDFObjectHandle xmp = orig.newStream(xmp_packet(pdfa));
  xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  QPDFObjectHandle icc = orig.newStream(pdfa.icc_profile);
  icc.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
  QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
  intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
  intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
  intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
  intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
  intent.replaceKey("/DestOutputProfile", icc);
  root.replaceKey("/Metadata", xmp);
  root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({intent}));

  // Write the update: changed objects (catalog, stamped page) and every new one.
  for (auto& o : orig.getAllObjects())
    if (!existing.count(o.getObjGen())) to_write.push_back(o);
  std::sort(to_write.begin(), to_write.end(),
            [](QPDFObjectHandle& a, QPDFObjectHandle& b) { return a.getObjGen() < b.getObjGen(); });
  PdfUpdate update(original);
  int max_id = 0;
  for (auto& o : to_write) {
    const QPDFObjGen og = o.getObjGen();
    max_id = std::max(max_id, og.getObj());
    if (o.isStream()) {
      const auto data = o.getRawStreamData();
      QPDFObjectHandle dict = o.getDict().shallowCopy();
      dict.replaceKey("/Length", QPDFObjectHandle::newInteger(static_cast<long long>(data->getSize())));
      update.add_stream(og.getObj(), og.getGen(), dict.unparse(),
                        std::string_view(reinterpret_cast<const char*>(data->getBuffer()), data->getSize()));
    } else {
      update.add_object(og.getObj(), og.getGen(), o.unparseResolved());
    }
  }
  update.write_xref();
  QPDFObjectHandle trailer = orig.getTrailer();
  const long long old_size = trailer.getKey("/Size").isInteger() ? trailer.getKey("/Size").getIntValue() : 0;
  const long long prev = last_startxref(original);
  // /ID: keep the original's first part if it had one (the file's identity); the second
  // changes with this revision. Both derived from content, so the output is deterministic.
  const std::string digest = sha256_hex(original);
  const std::string second = sha256_hex(update.bytes());
  std::string first_id = "<" + hex16(digest) + ">";
  QPDFObjectHandle oid = trailer.getKey("/ID");
  if (oid.isArray() && oid.getArrayNItems() == 2) first_id = oid.getArrayItem(0).unparse();
  std::string entries = "/Size " + std::to_string(std::max<long long>(old_size, max_id + 1)) +
                        " /Root " + root.unparse();
  if (trailer.hasKey("/Info")) entries += " /Info " + trailer.getKey("/Info").unparse();
  entries += " /Prev " + std::to_string(prev) + " /ID [" + first_id + " <" + hex16(second) + ">]";
  update.write_trailer(entries);
  out.bytes = update.take();
  return out;
}

}  // namespace

ArchivalCopy make_archival_copy(const std::string& original, const StampFields& stamp,
                                const PdfaInfo& pdfa, const std::string& name) {
  return archival_update(original, &stamp, pdfa, name);
}

ArchivalCopy make_pdfa_copy(const std::string& original, const PdfaInfo& pdfa, const std::string& name) {
  return archival_update(original, nullptr, pdfa, name);
}

}  // namespace gongwen::archive
