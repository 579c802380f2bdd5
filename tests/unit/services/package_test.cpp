// The archival copy (归档章 as an incremental update, PDF/A-2b markers, the issued signature
// still valid) and the package around it (metadata XML, BagIt, catalogue PDF/DOCX, 备考表).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <zip.h>

#include <map>

#include "../../../archive/src/filing_stamp.hpp"
#include "office_fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;
constexpr double kPt = 72.0 / 25.4;

struct TextBox {
  std::string text;
  double left, top, right, bottom;  // points, from the page's top-left
};

std::vector<TextBox> page1_text(const std::string& pdf) {
  std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(pdf.data(), pdf.size()));
  if (!d) return {};
  std::unique_ptr<poppler::page> p(d->create_page(0));
  std::vector<TextBox> out;
  for (const auto& t : p->text_list()) {
    const auto b = t.bbox();
    const auto u = t.text().to_utf8();
    out.push_back({std::string(u.begin(), u.end()), b.left(), b.top(), b.right(), b.bottom()});
  }
  return out;
}

class PackageTest : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    issue_new("minutes.toml", minutes_toml("2025年第31次乡长办公会议"));
    issue_new("letter-a.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"), "liuyang");
    issue_new("notice.toml", notice_toml("关于开展环境整治的通知", "2025-07-01"));
  }
  fs::path bag() const { return ws->archive_dir() / "2025"; }
};

TEST_F(PackageTest, StampSitsCentredInTheTopBlankOfPageOneAboveAllText) {
  const FilingResult r = file_year(*ws, 2025, clock, "zhouhong");
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(r.stamps_outside_blank, 0);
  for (const auto& f : r.items) {
    const std::string copy = read_file(ws->root() / f.path);
    const auto issued = reg().issued_by_number(f.number);
    const auto before = page1_text(read_file(ws->root() / issued->pdf_path));
    const auto after = page1_text(copy);
    ASSERT_FALSE(before.empty());
    double first_text = 1e9;
    for (const auto& b : before) first_text = std::min(first_text, b.top);
    // The stamp's cells: 全宗号 | 年度 | 件号 / 机构 | 保管期限 | 页数.
    const std::string item = f.archive_code.substr(f.archive_code.size() - 4);
    std::map<std::string, TextBox> found;
    // Only above the document's first text: its own words may read "2025" too, now that
    // digits stand together (issue 14).
    for (const auto& b : after)
      if (b.top < first_text && (b.text == "Z109" || b.text == "2025" || b.text == item || b.text == "ZF"))
        found[b.text] = b;
    ASSERT_EQ(found.size(), 4u) << f.archive_code;
    const double stamp_top = found["Z109"].top, stamp_bottom = found["ZF"].bottom;
    EXPECT_LT(stamp_bottom, first_text) << "the stamp covers text of " << f.number;
    EXPECT_GT(stamp_top, 2 * kPt);
    // Centred: the middle cell (年度) sits on the page's vertical axis (A4: 105 mm).
    const double mid = (found["2025"].left + found["2025"].right) / 2 / kPt;
    EXPECT_NEAR(mid, 105.0, 1.5);
    // 45 mm wide: 全宗号 and 件号 cells are 15 mm apart from the centre.
    EXPECT_NEAR(((found[item].left + found[item].right) / 2 - (found["Z109"].left + found["Z109"].right) / 2) / kPt,
                30.0, 1.5);
    EXPECT_EQ(after.size(), before.size() + 6) << "exactly the six cells were added";
  }
}

TEST_F(PackageTest, ArchivalCopyOfASignedOriginalKeepsTheSignatureValid) {
  const auto key = make_self_signed_key("白路乡人民政府", "白路乡人民政府", clock.now(), 5);
  ASSERT_TRUE(key.ok()) << key.error().render();
  const auto issued = reg().issued_by_number("白政纪〔2025〕1号");
  const std::string original = read_file(ws->root() / issued->pdf_path);
  SignOptions o;
  o.signed_at = clock.now();
  o.reason = "签发";
  const auto signed_pdf = sign_pdf(original, key.value(), o);
  ASSERT_TRUE(signed_pdf.ok()) << signed_pdf.error().render();
  ASSERT_TRUE(verify_pdf_signature(signed_pdf.value()).valid());

  StampFields f{"Z109", "2025", "0001", "ZF", "永久", "2"};
  PdfaInfo p{"纪要", "白路乡人民政府", "2025-08-25", load_srgb_profile()};
  const ArchivalCopy copy = make_archival_copy(signed_pdf.value(), f, p, "x.pdf");
  ASSERT_EQ(copy.bytes.substr(0, signed_pdf.value().size()), signed_pdf.value());
  const SignatureReport rep = verify_pdf_signature(copy.bytes);
  EXPECT_EQ(rep.status, SignatureStatus::Valid) << rep.message;
  EXPECT_FALSE(rep.whole_document);  // the stamp revision came after the signature

  // pdfsig (Poppler) agrees.
  const fs::path file = tmp / "copy.pdf";
  write_file_atomic(file, copy.bytes);
  const std::string cmd = "pdfsig '" + file.string() + "' > '" + (tmp / "sig.txt").string() + "' 2>&1";
  std::system(cmd.c_str());
  EXPECT_THAT(read_file(tmp / "sig.txt"), HasSubstr("Signature is Valid"));

  // Deterministic: the same inputs give the same bytes.
  EXPECT_EQ(make_archival_copy(signed_pdf.value(), f, p, "x.pdf").bytes, copy.bytes);
  // Tampering with the signed revision is seen through the archival copy.
  // (A byte a quarter into the signed revision: content streams may be compressed, so a
  // literal operator such as BT need not occur before the stamp's own revision.)
  std::string bad = copy.bytes;
  const std::size_t at = signed_pdf.value().size() / 4;
  bad[at] = static_cast<char>(bad[at] ^ 0x01);
  EXPECT_NE(verify_pdf_signature(bad).status, SignatureStatus::Valid);
}

TEST_F(PackageTest, ArchivalCopyCarriesPdfaMarkersAndPassesQpdfCheck) {
  const FilingResult r = file_year(*ws, 2025, clock, "zhouhong");
  const fs::path file = ws->root() / r.items[0].path;
  const std::string copy = read_file(file);
  EXPECT_THAT(copy, HasSubstr("<pdfaid:part>2</pdfaid:part>"));
  EXPECT_THAT(copy, HasSubstr("<pdfaid:conformance>B</pdfaid:conformance>"));
  EXPECT_THAT(copy, HasSubstr("/GTS_PDFA1"));
  EXPECT_THAT(copy, HasSubstr("/DestOutputProfile"));
  const std::string tail = copy.substr(copy.rfind("trailer"));
  EXPECT_THAT(tail, HasSubstr("/ID ["));
  EXPECT_THAT(tail, HasSubstr("/Prev "));
  const std::string out = (tmp / "check.txt").string();
  const int rc = std::system(("qpdf --check '" + file.string() + "' > '" + out + "' 2>&1").c_str());
  EXPECT_EQ(rc, 0) << read_file(out);
  EXPECT_THAT(read_file(out), HasSubstr("No syntax or stream encoding errors"));
  // Every font embedded (Poppler).
  std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(copy.data(), copy.size()));
  ASSERT_TRUE(d);
  const auto fonts = d->fonts();
  ASSERT_FALSE(fonts.empty());
  for (const auto& font : fonts) EXPECT_TRUE(font.is_embedded()) << font.name();
}

TEST_F(PackageTest, MetadataXmlHasTheMinimumSetAndHandlingHistory) {
  const FilingResult r = file_year(*ws, 2025, clock, "zhouhong");
  for (const auto& f : r.items) {
    const fs::path xml = bag() / "data" / "metadata" / (f.archive_code + ".xml");
    const std::string text = read_file(xml);
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "m.xml", nullptr, XML_PARSE_NONET);
    ASSERT_NE(doc, nullptr) << text;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "e", BAD_CAST "http://www.saac.gov.cn/standards/ERM/encapsulation");
    auto value = [&](const std::string& path) {
      xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST ("string(" + path + ")").c_str(), ctx);
      std::string s = o && o->stringval ? reinterpret_cast<const char*>(o->stringval) : "";
      xmlXPathFreeObject(o);
      return s;
    };
    auto count = [&](const std::string& path) {
      xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST ("count(" + path + ")").c_str(), ctx);
      const double n = o ? o->floatval : 0;
      xmlXPathFreeObject(o);
      return static_cast<int>(n);
    };
    const std::string e = "/e:电子文件封装包/e:被签名对象/e:封装内容/e:文件实体块/e:文件实体/";
    const auto issued = reg().issued_by_number(f.number);
    EXPECT_EQ(value(e + "e:档号"), f.archive_code);
    EXPECT_EQ(value(e + "e:题名"), issued->title);
    EXPECT_EQ(value(e + "e:文件编号"), f.number);
    EXPECT_EQ(value(e + "e:责任者"), "白路乡人民政府");
    EXPECT_EQ(value(e + "e:日期"), issued->date.iso());
    EXPECT_EQ(value(e + "e:保管期限"), f.retention);
    EXPECT_EQ(value(e + "e:密级"), "非密");
    EXPECT_EQ(value(e + "e:文件数据/e:格式信息"), "PDF/A-2b");
    EXPECT_EQ(value(e + "e:文件数据/e:计算机文件名"), f.archive_code + ".pdf");
    EXPECT_EQ(value(e + "e:文件数据/e:数字摘要"), f.sha256);
    EXPECT_EQ(value(e + "e:文件数据/e:计算机文件大小"), std::to_string(fs::file_size(ws->root() / f.path)));
    EXPECT_EQ(value("/e:电子文件封装包/e:电子签名块/e:原件数字摘要"), issued->pdf_sha256);
    // 拟稿, 审核 × 2, 签发, 用印, 登记, 归档.
    for (const char* step : {"拟稿", "签发", "登记", "归档"})
      EXPECT_EQ(count(e + "e:处理历史/e:处理步骤[e:业务行为='" + step + "']"), 1) << step;
    // 纪要 carry no seal; the others were sealed once.
    EXPECT_EQ(count(e + "e:处理历史/e:处理步骤[e:业务行为='用印']"), f.number.find("纪") == std::string::npos ? 1 : 0);
    EXPECT_EQ(count(e + "e:处理历史/e:处理步骤[e:业务行为='审核']"), 2);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
  }
}

TEST_F(PackageTest, BagItFilesAreCompleteAndTrue) {
  file_year(*ws, 2025, clock, "zhouhong");
  EXPECT_EQ(read_file(bag() / "bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  const std::string info = read_file(bag() / "bag-info.txt");
  EXPECT_THAT(info, HasSubstr("Source-Organization: 白路乡党政办公室\n"));
  EXPECT_THAT(info, HasSubstr("Bagging-Date: 2025-12-30\n"));
  std::uintmax_t octets = 0;
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(bag() / "data"))
    if (e.is_regular_file()) { octets += e.file_size(); ++files; }
  EXPECT_THAT(info, HasSubstr("Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(files) + "\n"));
  for (const char* m : {"manifest-sha256.txt", "tagmanifest-sha256.txt"}) {
    std::istringstream in(read_file(bag() / m));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      const fs::path p = bag() / line.substr(66);
      ASSERT_TRUE(fs::exists(p)) << line;
      EXPECT_EQ(sha256_hex(read_file(p)), line.substr(0, 64)) << line;
    }
    EXPECT_EQ(n, std::string(m) == "manifest-sha256.txt" ? files : 3) << m;
  }
}

TEST_F(PackageTest, CatalogueIsA4LandscapePdfAndAWordTable) {
  file_year(*ws, 2025, clock, "zhouhong");
  const std::string pdf = read_file(bag() / "data" / "归档文件目录.pdf");
  std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(pdf.data(), pdf.size()));
  ASSERT_TRUE(d);
  std::unique_ptr<poppler::page> p(d->create_page(0));
  EXPECT_NEAR(p->page_rect().width() / kPt, 297.0, 0.5);
  EXPECT_NEAR(p->page_rect().height() / kPt, 210.0, 0.5);
  const auto text = p->text().to_utf8();
  const std::string s(text.begin(), text.end());
  for (const char* want : {"序号", "档号", "题名", "Z109-WS·2025-Y-ZF-0001", "白政纪〔2025〕1号", "20250825"})
    EXPECT_THAT(s, HasSubstr(want));

  const std::string docx = read_file(bag() / "data" / "归档文件目录.docx");
  zip_error_t err;
  zip_source_t* src = zip_source_buffer_create(docx.data(), docx.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  ASSERT_NE(z, nullptr);
  zip_stat_t st;
  ASSERT_EQ(zip_stat(z, "word/document.xml", 0, &st), 0);
  std::string xml(st.size, '\0');
  zip_file_t* zf = zip_fopen(z, "word/document.xml", 0);
  zip_fread(zf, xml.data(), st.size);
  zip_fclose(zf);
  zip_close(z);
  EXPECT_THAT(xml, HasSubstr("w:orient=\"landscape\""));
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = xml.find("<w:tr>", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, 3u + 1u);  // the head row has <w:tr> too
  EXPECT_THAT(xml, HasSubstr("Z109-WS·2025-D10-ZF-0001"));

  const std::string notes = read_file(bag() / "data" / "备考表.txt");
  EXPECT_THAT(notes, HasSubstr("整理人：周红"));
}

TEST_F(PackageTest, SameInputsGiveTheSameBag) {
  file_year(*ws, 2025, clock, "zhouhong");
  const std::string m1 = read_file(bag() / "manifest-sha256.txt");
  // Undo the filing behind the library's back and file again: identical bytes.
  RawDb db(ws->root() / "registry.sqlite3");
  ASSERT_EQ(db.exec("DELETE FROM filed"), "");
  fs::remove_all(bag());
  file_year(*ws, 2025, clock, "zhouhong");
  EXPECT_EQ(read_file(bag() / "manifest-sha256.txt"), m1);
}

}  // namespace
}  // namespace gongwen::archive::test
