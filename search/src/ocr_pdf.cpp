#include "ocr_pdf.hpp"

#define POINTERHOLDER_TRANSITION 4  // QPDF 11: std::shared_ptr only, no deprecation warning

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::search::ocr {

namespace {

// "2026-11-20T09:00:00+08:00" → "D:20261120090000+08'00'"; "" when the instant is not that.
std::string pdf_date(const std::string& iso) {
  if (iso.size() < 19) return "";
  std::string d = "D:" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + iso.substr(11, 2) +
                  iso.substr(14, 2) + iso.substr(17, 2);
  const std::string zone = iso.substr(19);
  if (zone == "Z") d += "Z";
  else if (zone.size() == 6) d += zone.substr(0, 3) + "'" + zone.substr(4, 2) + "'";
  return d;
}

void set_info(QPDF& pdf, const std::string& created_iso) {
  QPDFObjectHandle info = QPDFObjectHandle::newDictionary();
  info.replaceKey("/Producer", QPDFObjectHandle::newString("gongwen OCR (Tesseract)"));
  const std::string date = pdf_date(created_iso);
  if (!date.empty()) {
    info.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
    info.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
  }
  pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(info));
}

std::string write(QPDF& pdf) {
  QPDFWriter w(pdf);
  w.setOutputMemory();
  w.setDeterministicID(true);
  w.setCompressStreams(true);
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

Error failed(const std::string& why) {
  return make_error(Code::Internal, msg("ocr.pdf.failed", {{"why", why}}));
}

}  // namespace

Result<std::string> overlay_text_layer(const std::string& original, const std::string& text_layer,
                                       const std::vector<int>& pages, const std::string& created_iso) {
  try {
    QPDF orig, text;
    orig.setSuppressWarnings(true);
    text.setSuppressWarnings(true);
    orig.processMemoryFile("received", original.data(), original.size());
    text.processMemoryFile("text", text_layer.data(), text_layer.size());
    auto opages = QPDFPageDocumentHelper(orig).getAllPages();
    auto tpages = QPDFPageDocumentHelper(text).getAllPages();
    if (tpages.size() != pages.size()) return failed("text layer pages");
    for (std::size_t k = 0; k < pages.size(); ++k) {
      if (pages[k] < 0 || static_cast<std::size_t>(pages[k]) >= opages.size()) return failed("page");
      QPDFPageObjectHelper& page = opages[pages[k]];
      QPDFObjectHandle fo = orig.copyForeignObject(tpages[k].getFormXObjectForPage());
      QPDFObjectHandle resources = page.getAttribute("/Resources", true);
      if (!resources.isDictionary()) {
        resources = QPDFObjectHandle::newDictionary();
        page.getObjectHandle().replaceKey("/Resources", resources);
      }
      if (!resources.getKey("/XObject").isDictionary())
        resources.replaceKey("/XObject", QPDFObjectHandle::newDictionary());
      int suffix = 0;
      const std::string name = resources.getUniqueResourceName("/OcrText", suffix);
      resources.getKey("/XObject").replaceKey(name, fo);
      const auto box = page.getMediaBox().getArrayAsRectangle();
      const std::string place = "q\n" + page.placeFormXObject(fo, name, box, true, true, true) + "\nQ\n";
      page.addPageContents(QPDFObjectHandle::newStream(&orig, "q\n"), true);
      page.addPageContents(QPDFObjectHandle::newStream(&orig, "\nQ\n" + place), false);
    }
    set_info(orig, created_iso);
    return write(orig);
  } catch (const std::exception& e) {
    return failed(e.what());
  }
}

Result<std::string> normalise_pdf(const std::string& bytes, const std::string& created_iso) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile("ocr", bytes.data(), bytes.size());
    set_info(pdf, created_iso);
    return write(pdf);
  } catch (const std::exception& e) {
    return failed(e.what());
  }
}

}  // namespace gongwen::search::ocr
