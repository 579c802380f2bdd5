// The small parts of the package: content types, relationships, settings, font table,
// footers and the two property parts.
#include "docx/parts.hpp"
#include "docx/media.hpp"

#include <algorithm>
#include <vector>

#include "docx/ooxml.hpp"
#include "docx/xml_writer.hpp"

namespace gongwen::docx {

namespace {

constexpr const char* kNsPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kRelBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kCtBase = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

void relationship(XmlWriter& x, const char* id, const std::string& type, const char* target) {
  x.empty("Relationship", {{"Id", id}, {"Type", type}, {"Target", target}});
}

void override_part(XmlWriter& x, const char* part, const std::string& type) {
  x.empty("Override", {{"PartName", part}, {"ContentType", type}});
}

// dcterms:W3CDTF in UTC, the form Word itself writes.
std::string w3cdtf_utc(const Instant& at) {
  std::string s = Instant{at.unix_seconds, 0}.iso8601();
  const auto plus = s.rfind("+00:00");
  if (plus != std::string::npos) s.replace(plus, 6, "Z");
  return s;
}

}  // namespace

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (i.empty()) continue;
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::string content_types_xml(const std::vector<SealAnchor>& seals,
                              const std::vector<MediaPart>& media) {
  XmlWriter x;
  x.start("Types");
  x.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  x.empty("Default", {{"Extension", "rels"},
                      {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
  x.empty("Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
  bool png = !seals.empty(), jpeg = false;
  for (const MediaPart& m : media) (m.part.ends_with(".png") ? png : jpeg) = true;
  if (png) x.empty("Default", {{"Extension", "png"}, {"ContentType", "image/png"}});
  if (jpeg) x.empty("Default", {{"Extension", "jpeg"}, {"ContentType", "image/jpeg"}});
  override_part(x, "/word/document.xml", std::string(kCtBase) + "document.main+xml");
  override_part(x, "/word/styles.xml", std::string(kCtBase) + "styles+xml");
  override_part(x, "/word/settings.xml", std::string(kCtBase) + "settings+xml");
  override_part(x, "/word/fontTable.xml", std::string(kCtBase) + "fontTable+xml");
  override_part(x, "/word/footer1.xml", std::string(kCtBase) + "footer+xml");
  override_part(x, "/word/footer2.xml", std::string(kCtBase) + "footer+xml");
  override_part(x, "/word/footer3.xml", std::string(kCtBase) + "footer+xml");
  override_part(x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  override_part(x, "/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  x.end();
  return x.finish();
}

std::string package_rels_xml() {
  XmlWriter x;
  x.start("Relationships");
  x.attr("xmlns", kNsPkgRels);
  relationship(x, "rId1", std::string(kRelBase) + "officeDocument", "word/document.xml");
  relationship(x, "rId2",
               "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
               "docProps/core.xml");
  relationship(x, "rId3", std::string(kRelBase) + "extended-properties", "docProps/app.xml");
  x.end();
  return x.finish();
}

std::string document_rels_xml(const std::vector<SealAnchor>& seals,
                              const std::vector<MediaPart>& media) {
  XmlWriter x;
  x.start("Relationships");
  x.attr("xmlns", kNsPkgRels);
  relationship(x, kRelStyles, std::string(kRelBase) + "styles", "styles.xml");
  relationship(x, kRelSettings, std::string(kRelBase) + "settings", "settings.xml");
  relationship(x, kRelFontTable, std::string(kRelBase) + "fontTable", "fontTable.xml");
  relationship(x, kRelFooterOdd, std::string(kRelBase) + "footer", "footer1.xml");
  relationship(x, kRelFooterEven, std::string(kRelBase) + "footer", "footer2.xml");
  relationship(x, kRelFooterBlank, std::string(kRelBase) + "footer", "footer3.xml");
  for (const SealAnchor& s : seals)  // "word/media/…" is "media/…" from word/
    relationship(x, s.rel_id.c_str(), std::string(kRelBase) + "image",
                 s.part.substr(std::string_view("word/").size()).c_str());
  for (const MediaPart& m : media)
    relationship(x, m.rel_id.c_str(), std::string(kRelBase) + "image", m.target.c_str());
  x.end();
  return x.finish();
}

std::string settings_xml() {
  XmlWriter x;
  x.start("w:settings");
  x.attr("xmlns:w", kNsW);
  x.empty("w:zoom", {{"w:percent", "100"}});
  x.val("w:defaultTabStop", std::int64_t{420});
  // Odd pages carry the number on the right, even pages on the left (GB/T 9704 7.5).
  x.empty("w:evenAndOddHeaders");
  // No punctuation compression: every full-width mark keeps its grid cell, as in the PDF.
  x.val("w:characterSpacingControl", "doNotCompress");
  x.start("w:compat");
  x.empty("w:compatSetting", {{"w:name", "compatibilityMode"},
                              {"w:uri", "http://schemas.microsoft.com/office/word"},
                              {"w:val", "15"}});
  x.end();
  x.val("w:decimalSymbol", ".");
  x.val("w:listSeparator", ",");
  x.end();
  return x.finish();
}

std::string font_table_xml(const DocxFonts& fonts) {
  XmlWriter x;
  x.start("w:fonts");
  x.attr("xmlns:w", kNsW);
  std::vector<std::string> seen;
  for (const RoleFont* f :
       {&fonts.fangsong, &fonts.kaiti, &fonts.heiti, &fonts.xiaobiaosong, &fonts.songti}) {
    if (std::find(seen.begin(), seen.end(), f->name) != seen.end()) continue;
    seen.push_back(f->name);
    x.start("w:font");
    x.attr("w:name", f->name);
    if (!f->alt.empty()) x.val("w:altName", f->alt);
    x.val("w:charset", "86");  // GB2312: tells the reader these are Chinese fonts
    x.val("w:family", "auto");
    x.val("w:pitch", "variable");
    x.end();
  }
  x.end();
  return x.finish();
}

namespace {

void field_char(XmlWriter& x, const RunProps& rp, const char* type) {
  x.start("w:r");
  write_rpr(x, rp);
  x.empty("w:fldChar", {{"w:fldCharType", type}});
  x.end();
}

}  // namespace

std::string footer_xml(const DocxFonts& fonts, FooterSide side) {
  XmlWriter x;
  x.start("w:ftr");
  x.attr("xmlns:w", kNsW);
  x.attr("xmlns:r", kNsR);
  x.start("w:p");
  ParaProps p;
  p.style = "PageNumber";
  if (side == FooterSide::Blank) {
    // Pages of the 版记 section (and the blank page before it) carry no number.
    write_ppr(x, p);
    x.end();
    x.end();
    return x.finish();
  }
  // 右空一字 on odd pages, 左空一字 on even pages; one 字 of 4号 = 14 pt.
  const int one_char = kSize4 * 10;
  if (side == FooterSide::Odd) {
    p.jc = "right";
    p.right = one_char;
  } else {
    p.jc = "left";
    p.left = one_char;
  }
  write_ppr(x, p);
  const RunProps rp{&fonts.songti, kSize4};
  write_runs(x, "\u2014 ", rp);
  field_char(x, rp, "begin");
  x.start("w:r");
  write_rpr(x, rp);
  x.start("w:instrText");
  x.attr("xml:space", "preserve");
  x.text(" PAGE ");
  x.end();
  x.end();
  field_char(x, rp, "separate");
  write_runs(x, "1", rp);
  field_char(x, rp, "end");
  write_runs(x, " \u2014", rp);
  x.end();  // w:p
  x.end();  // w:ftr
  return x.finish();
}

std::string core_xml(const Document& doc, const Instant& created) {
  XmlWriter x;
  x.start("cp:coreProperties");
  x.attr("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  x.attr("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  x.attr("xmlns:dcterms", "http://purl.org/dc/terms/");
  x.attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
  x.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  auto element = [&x](const char* name, const std::string& value) {
    if (value.empty()) return;
    x.start(name);
    x.text(value);
    x.end();
  };
  element("dc:title", doc.title);
  element("dc:subject", doc.number);
  element("dc:creator", join(doc.issuers, "、"));
  element("cp:keywords", doc.kind);
  element("cp:revision", "1");
  const std::string stamp = w3cdtf_utc(created);
  for (const char* name : {"dcterms:created", "dcterms:modified"}) {
    x.start(name);
    x.attr("xsi:type", "dcterms:W3CDTF");
    x.text(stamp);
    x.end();
  }
  x.end();
  return x.finish();
}

std::string app_xml(const Document& doc) {
  XmlWriter x;
  x.start("Properties");
  x.attr("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  x.attr("xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
  auto element = [&x](const char* name, const std::string& value) {
    x.start(name);
    x.text(value);
    x.end();
  };
  // No AppVersion: Word expects its own "XX.YYYY" there and we are not Word.
  element("Application", "gongwen");
  element("DocSecurity", "0");
  if (!doc.issuers.empty() && !doc.issuers.front().empty()) element("Company", doc.issuers.front());
  element("ScaleCrop", "false");
  element("LinksUpToDate", "false");
  element("SharedDoc", "false");
  element("HyperlinksChanged", "false");
  x.end();
  return x.finish();
}

}  // namespace gongwen::docx
