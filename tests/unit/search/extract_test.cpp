// Text extraction for received documents: PDF (Poppler) and DOCX (libzip + libxml2), Han
// spacing removed, and hostile inputs refused with BadInput instead of being trusted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <sstream>

#include "gongwen/pipeline/import.hpp"
#include "gongwen/pipeline/model.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/search/extract.hpp"

namespace gongwen::search {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t err;
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(buf);
  zip_t* z = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* s = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  zip_close(z);
  zip_source_open(buf);
  zip_source_seek(buf, 0, SEEK_END);
  const auto size = zip_source_tell(buf);
  zip_source_seek(buf, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(buf, out.data(), size);
  zip_source_close(buf);
  zip_source_free(buf);
  return out;
}

std::string document_xml(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
         "wordprocessingml/2006/main\"><w:body>" + body + "</w:body></w:document>";
}

TEST(RemoveSpacesBetweenHan, OnlyBetweenHan) {
  EXPECT_EQ(remove_spaces_between_han("关 于 做 好 森林 防火"), "关于做好森林防火");
  EXPECT_EQ(remove_spaces_between_han("PDF file 与 OFD 文件"), "PDF file 与 OFD 文件");
  EXPECT_EQ(remove_spaces_between_han("第 2 条  规定，\t如下"), "第 2 条规定，\t如下");
  EXPECT_EQ(remove_spaces_between_han("行 一\n行 二"), "行一\n行二");
}

TEST(ExtractText, DocxParagraphsAndTabs) {
  const std::string docx = zip_of({{"word/document.xml",
                                    document_xml("<w:p><w:r><w:t>关于做好</w:t></w:r><w:r><w:t xml:space=\"preserve\"> 森林防火</w:t></w:r></w:p>"
                                                 "<w:p><w:r><w:t>工作</w:t><w:tab/><w:t>通知</w:t></w:r></w:p>")}});
  const auto r = extract_text(docx, "in.docx");
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r.value(), "关于做好森林防火\n工作\t通知\n");
}

TEST(ExtractText, HostileDocxIsRefused) {
  // No document part.
  EXPECT_EQ(extract_text(zip_of({{"x.xml", "<a/>"}}), "a.docx").error().code, Code::BadInput);
  // Not well-formed.
  EXPECT_EQ(extract_text(zip_of({{"word/document.xml", "<w:document"}}), "b.docx").error().code, Code::BadInput);
  // An entity bomb or an external entity: a DTD has no place in WordprocessingML.
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">"
      "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&b;&x;</d>";
  const auto r = extract_text(zip_of({{"word/document.xml", bomb}}), "c.docx");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("DTD"));
  // Truncated ZIP.
  const std::string good = zip_of({{"word/document.xml", document_xml("<w:p/>")}});
  EXPECT_EQ(extract_text(good.substr(0, good.size() / 2), "d.docx").error().code, Code::BadInput);
  // Neither PDF nor ZIP.
  EXPECT_EQ(extract_text("hello", "e.txt").error().code, Code::BadInput);
  EXPECT_EQ(extract_text("%PDF-1.4 broken", "f.pdf").error().code, Code::BadInput);
}

TEST(ExtractText, DocxGoesThroughTheImportReadersLimits) {
  // A zip bomb: 8 MiB of one letter deflates to a few kB, far past the ratio import_docx
  // allows; the index's extractor refuses it the same way (one DOCX reader).
  const std::string bomb = zip_of({{"word/document.xml",
                                    document_xml("<w:p><w:r><w:t>" + std::string(8u << 20, 'a') +
                                                 "</w:t></w:r></w:p>")}});
  ASSERT_LT(bomb.size(), 1u << 20);
  const auto r = extract_text(bomb, "bomb.docx");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  EXPECT_EQ(r.error().code, import_docx(bomb, "bomb.docx").error().code);
  // A name climbing out of the package.
  const auto up = extract_text(zip_of({{"../word/document.xml", document_xml("<w:p/>")}}), "up.docx");
  EXPECT_FALSE(up.ok());
}

TEST(ExtractText, PdfTextWithoutHanSpacing) {
  Document doc;
  doc.template_id = "notice";
  doc.kind = "通知";
  doc.issuers = {"白路乡人民政府"};
  doc.issuer_mark = "白路乡人民政府文件";
  doc.title = "关于做好秋冬季森林防火工作的通知";
  doc.main_recipients = "各村民委员会";
  doc.body.push_back(Block{BlockKind::Paragraph, "请各村认真做好森林防火工作。", 0});
  doc.signature = "白路乡人民政府";
  doc.seal = SealMode::Unsealed;
  doc.date = Date{2025, 10, 8};
  RenderOptions o;
  auto pdf = render_pdf(doc, o);
  ASSERT_TRUE(pdf.ok()) << pdf.error().render();
  const auto r = extract_text(pdf.value().bytes, "in.pdf");
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_THAT(r.value(), HasSubstr("森林防火"));
  EXPECT_THAT(r.value(), Not(HasSubstr("森 林")));
}

}  // namespace
}  // namespace gongwen::search
