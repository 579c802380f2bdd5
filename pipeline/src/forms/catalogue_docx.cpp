// The 归档文件目录 as a one-table DOCX (forms.hpp): every part written through the one XML
// writer (libxml2 escapes the text) and zipped by the one package writer.
#include <algorithm>
#include <iterator>

#include "docx/xml_writer.hpp"
#include "gongwen/pipeline/forms.hpp"
#include "gongwen/pipeline/zip_package.hpp"

namespace gongwen::forms {

namespace {

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// The finished part. libxml2's xmlTextWriterEndDocument always appends "\n" after the root
// (no writer option turns it off); the 归档文件目录 in filed packages has always ended at the
// root's end tag, and refiling a year must give the same bytes, so that newline goes.
std::string finish_part(docx::XmlWriter& x) {
  std::string xml = x.finish();
  if (!xml.empty() && xml.back() == '\n') xml.pop_back();
  return xml;
}

// <w:tc> of one cell: its width and its text, spaces kept.
void cell(docx::XmlWriter& x, const std::string& text, int twips) {
  x.start("w:tc");
  x.start("w:tcPr");
  x.empty("w:tcW", {{"w:w", std::to_string(twips)}, {"w:type", "dxa"}});
  x.end();
  x.start("w:p");
  x.start("w:r");
  x.start("w:t");
  x.attr("xml:space", "preserve");
  x.text(text);
  x.end();
  x.end();
  x.end();
  x.end();
}

// <w:tr> of one row; the head row repeats on every page (w:tblHeader).
void row(docx::XmlWriter& x, const CatalogueCells& cells, const int (&twips)[9], bool head = false) {
  x.start("w:tr");
  if (head) {
    x.start("w:trPr");
    x.empty("w:tblHeader");
    x.end();
  }
  for (int i = 0; i < 9; ++i) cell(x, cells[i], twips[i]);
  x.end();
}

std::string document_xml(const std::vector<CatalogueCells>& rows, const std::string& heading) {
  // Column widths in twips: the mm widths scaled to the 257 mm text width.
  double total = 0;
  for (double w : kCatalogueWidths) total += w;
  int twips[9];
  for (int i = 0; i < 9; ++i) twips[i] = static_cast<int>(kCatalogueWidths[i] * 257.0 / total * 56.7);

  docx::XmlWriter x;
  x.start("w:document");
  x.attr("xmlns:w", kWordNs);
  x.start("w:body");
  x.start("w:p");
  x.start("w:pPr");
  x.val("w:jc", "center");
  x.end();
  x.start("w:r");
  x.start("w:rPr");
  x.val("w:sz", 32);
  x.end();
  x.start("w:t");
  x.text(heading);
  x.end();
  x.end();
  x.end();

  x.start("w:tbl");
  x.start("w:tblPr");
  x.start("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
    x.empty(side, {{"w:val", "single"}, {"w:sz", "4"}});
  x.end();
  x.end();
  x.start("w:tblGrid");
  for (int tw : twips) x.empty("w:gridCol", {{"w:w", std::to_string(tw)}});
  x.end();
  CatalogueCells heads;
  std::copy(std::begin(kCatalogueHeads), std::end(kCatalogueHeads), heads.begin());
  row(x, heads, twips, /*head=*/true);
  for (const auto& r : rows) row(x, r, twips);
  x.end();  // w:tbl

  x.start("w:sectPr");
  x.empty("w:pgSz", {{"w:w", "16838"}, {"w:h", "11906"}, {"w:orient", "landscape"}});
  x.empty("w:pgMar", {{"w:top", "1134"},
                      {"w:right", "1134"},
                      {"w:bottom", "1134"},
                      {"w:left", "1134"},
                      {"w:header", "0"},
                      {"w:footer", "0"},
                      {"w:gutter", "0"}});
  return finish_part(x);
}

std::string content_types_xml() {
  docx::XmlWriter x;
  x.start("Types");
  x.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  x.empty("Default", {{"Extension", "rels"},
                      {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
  x.empty("Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
  x.empty("Override",
          {{"PartName", "/word/document.xml"},
           {"ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"}});
  return finish_part(x);
}

std::string rels_xml() {
  docx::XmlWriter x;
  x.start("Relationships");
  x.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  x.empty("Relationship",
          {{"Id", "rId1"},
           {"Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"},
           {"Target", "word/document.xml"}});
  return finish_part(x);
}

}  // namespace

std::string catalogue_docx(const std::vector<CatalogueCells>& rows, const std::string& heading,
                           const Instant& stamp) {
  return zip_package({{"[Content_Types].xml", content_types_xml()},
                      {"_rels/.rels", rels_xml()},
                      {"word/document.xml", document_xml(rows, heading)}},
                     stamp);
}

}  // namespace gongwen::forms
