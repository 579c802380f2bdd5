// import_docx (一键排版): a table of broken and hostile .docx files that must give a clear
// error and nothing else, and the clean-up of a body typed in Word.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/import.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/template.hpp"

namespace gongwen {
namespace {

struct Entry {
  std::string name, bytes;
};

// A zip in memory, deflated (or stored when `store`).
std::string make_zip(const std::vector<Entry>& entries, bool store = false) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(buf);
  zip_t* za = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  for (const Entry& e : entries) {
    zip_source_t* s = zip_source_buffer(za, e.bytes.data(), e.bytes.size(), 0);
    const zip_int64_t i = zip_file_add(za, e.name.c_str(), s, ZIP_FL_ENC_UTF_8);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(i), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 1);
  }
  zip_close(za);
  zip_source_open(buf);
  zip_source_seek(buf, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buf);
  zip_source_seek(buf, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(buf, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buf);
  zip_source_free(buf);
  return out;
}

const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><w:body>";
const char* kTail = "</w:body></w:document>";

std::string para(const std::string& text, const char* jc = nullptr) {
  std::string p = "<w:p>";
  if (jc) p += std::string("<w:pPr><w:jc w:val=\"") + jc + "\"/></w:pPr>";
  return p + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string docx(const std::string& body, std::vector<Entry> more = {}) {
  more.insert(more.begin(), {"word/document.xml", kHead + body + kTail});
  more.insert(more.begin(), {"[Content_Types].xml", "<Types/>"});
  return make_zip(more);
}

struct Bad {
  const char* name;
  std::string bytes;
  std::string message_part;  // in the error message (in the language of messages)
};

std::vector<Bad> bad_inputs() {
  std::vector<Bad> v;
  v.push_back({"empty file", "", "not a .docx"});
  v.push_back({"text file", "正文：关于……的通知", "not a .docx"});
  v.push_back({"PK but not a zip", "PK\x03\x04garbage that is no zip at all", "not a readable .docx"});
  const std::string good = docx(para("正文。"));
  v.push_back({"truncated zip", good.substr(0, good.size() / 2), "not a readable .docx"});
  v.push_back({"zip without document.xml", make_zip({{"hello.txt", "hi"}}), "no word/document.xml"});
  v.push_back({"parent path entry", docx(para("正文。"), {{"../../evil.sh", "rm -rf /"}}),
               "unsafe entry name"});
  v.push_back({"nested parent path", docx(para("正文。"), {{"word/../../x", "x"}}), "unsafe entry name"});
  v.push_back({"absolute entry", docx(para("正文。"), {{"/etc/passwd", "root"}}), "unsafe entry name"});
  v.push_back({"backslash entry", docx(para("正文。"), {{"..\\evil", "x"}}), "unsafe entry name"});
  v.push_back({"external entity (XXE)",
               make_zip({{"word/document.xml",
                          "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                          "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"}}),
               "DTD"});
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\">";
  for (int i = 1; i < 10; ++i)
    laughs += "<!ENTITY " + std::string(1, 'a' + i) + " \"" +
              std::string(10, '&') + "\">";  // shape only: refused before parsing
  laughs += "]><w:document/>";
  v.push_back({"billion laughs", make_zip({{"word/document.xml", laughs}}), "DTD"});
  v.push_back({"malformed XML", docx("<w:p><w:r><w:t>未闭合"),
               msg("import.xml.malformed", {{"file", "in.docx"}, {"part", "word/document.xml"}})});
  v.push_back({"not WordprocessingML", make_zip({{"word/document.xml", "<html><body>x</body></html>"}}),
               msg("import.docx.not_wordml", {{"file", "in.docx"}})});
  v.push_back({"no text", docx(""), msg("import.docx.no_body", {{"file", "in.docx"}})});
  // 2 MB of one byte deflates about 1000:1.
  v.push_back({"zip bomb (ratio)", make_zip({{"word/document.xml", std::string(2u << 20, 'a')}}),
               "zip bomb"});
  // 100 MB of text: refused from the entry header, never inflated whole.
  v.push_back({"100 MB of text",
               make_zip({{"word/document.xml", kHead + para(std::string(100u << 20, 'x')) + kTail}}),
               "MB"});
  std::vector<Entry> many;
  for (int i = 0; i < 2100; ++i) many.push_back({"f" + std::to_string(i), ""});
  v.push_back({"too many entries", make_zip(many), "entries"});
  return v;
}

TEST(ImportDocx, BadInputsGiveAClearErrorAndNothingElse) {
  for (const Bad& b : bad_inputs()) {
    Result<ImportedBody> r = import_docx(b.bytes, "in.docx");
    ASSERT_FALSE(r.ok()) << b.name;
    EXPECT_EQ(r.error().code, Code::BadInput) << b.name;
    EXPECT_NE(r.error().message.find("in.docx"), std::string::npos) << b.name << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(b.message_part), std::string::npos)
        << b.name << ": " << r.error().message;
    EXPECT_FALSE(r.error().hints.empty()) << b.name;
  }
}

TEST(ImportDocx, TooMuchTextIsRefused) {
  std::string body;
  for (int i = 0; i < 1100; ++i) body += para(std::string(200, 'x') + "。");
  ImportLimits l;
  Result<ImportedBody> r = import_docx(docx(body), "big.docx", l);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("200000 characters"), std::string::npos) << r.error().message;
}

TEST(ImportDocx, NormalizesSpacesWidthsAndPunctuation) {
  EXPECT_EQ(normalize_paragraph("  各村 要 认真 落实, 确保 安全 ."), "各村要认真落实，确保安全.");
  EXPECT_EQ(normalize_paragraph("按照ＧＢ／Ｔ　９７０４－２０１２执行"), "按照GB/T 9704-2012执行");
  EXPECT_EQ(normalize_paragraph("依据 GB/T 9704 标准(试行)"), "依据GB/T 9704标准（试行）");
  EXPECT_EQ(normalize_paragraph("时间:上午9:00;地点:会议室"), "时间：上午9:00；地点：会议室");
  EXPECT_EQ(normalize_paragraph("\t一、总体要求\u3000"), "一、总体要求");
  EXPECT_EQ(normalize_paragraph("a\x01" "b"), "ab");
}

TEST(ImportDocx, ReadsTitleRecipientsHeadingsTablesImagesAndDate) {
  // A PNG signature and IHDR (1 × 1 pixel): pictures are recognised by their header.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
  std::string body = para("关于做好 2026年 防汛工作的通知", "center") +
                     para("各村民委员会, 乡直各单位:") +
                     para("  为切实做好防汛工作 , 现通知如下:") + para("一、 提高认识") +
                     para("（一）加强领导。各村要成立领导小组。") +
                     "<w:tbl><w:tr><w:tc>" + para("村名") + "</w:tc><w:tc>" + para("责任人") +
                     "</w:tc></w:tr><w:tr><w:tc>" + para("白路村") + "</w:tc><w:tc>" + para("张三") +
                     "</w:tc></w:tr></w:tbl>" +
                     "<w:p><w:r><w:drawing><a:blip r:embed=\"rId9\"/></w:drawing></w:r></w:p>" +
                     "<w:p><w:r><w:t>2. 落实</w:t></w:r><w:r><w:delText>删掉的字</w:delText></w:r>"
                     "<w:r><w:t>责任。</w:t></w:r></w:p>" +
                     para("白路乡人民政府", "right") + para("2026年5月6日", "right");
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId9\" Type=\"image\" Target=\"media/image1.png\"/>"
      "<Relationship Id=\"rId10\" Type=\"image\" Target=\"http://evil/x.png\" TargetMode=\"External\"/>"
      "</Relationships>";
  Result<ImportedBody> r = import_docx(
      docx(body, {{"word/_rels/document.xml.rels", rels}, {"word/media/image1.png", png}}), "x.docx");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const ImportedBody& b = r.value();
  EXPECT_EQ(b.title, "关于做好2026年防汛工作的通知");
  EXPECT_EQ(b.main_recipients, "各村民委员会，乡直各单位");
  ASSERT_EQ(b.body.size(), 4u);
  EXPECT_EQ(b.body[0].text, "为切实做好防汛工作，现通知如下：");
  EXPECT_EQ(b.body[1].kind, BlockKind::Heading1);
  EXPECT_EQ(b.body[1].text, "一、提高认识");
  EXPECT_EQ(b.body[2].kind, BlockKind::Heading2);
  EXPECT_EQ(b.body[3].kind, BlockKind::Heading3);
  EXPECT_EQ(b.body[3].text.find("删掉"), std::string::npos);
  ASSERT_EQ(b.tables.size(), 1u);
  ASSERT_EQ(b.tables[0].rows.size(), 2u);
  EXPECT_EQ(b.tables[0].rows[1][1], "张三");
  EXPECT_EQ(b.table_at[0].after_block, 3u);
  ASSERT_EQ(b.images.size(), 1u);
  EXPECT_EQ(b.images[0].bytes, png);
  EXPECT_EQ(b.images[0].type, "png");
  EXPECT_EQ(b.date, (Date{2026, 5, 6}));
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ImportDocx, OurOwnDocxImportsAndTheDraftRendersLikeAnyOther) {
  // A body in Word's own structure: the DOCX gongwen writes for a draft.
  const std::filesystem::path src = GONGWEN_SOURCE_DIR;
  auto templates = load_templates(src / "templates");
  ASSERT_TRUE(templates.ok());
  auto profile = parse_profile(slurp(src / "templates/profile.example.toml"), "profile");
  ASSERT_TRUE(profile.ok());
  Document d;
  d.title = "关于做好2026年秋季森林防火工作的通知";
  d.main_recipients = "各村民委员会";
  d.body = parse_body("为做好森林防火工作，现通知如下：\n一、提高认识\n各村要高度重视。\n（一）加强领导。各村要成立领导小组。");
  d.seal = SealMode::Unsealed;
  auto bytes = render_docx(d, {});
  ASSERT_TRUE(bytes.ok());
  Result<ImportedBody> r = import_docx(bytes.value().bytes, "ours.docx");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().title, d.title);
  EXPECT_EQ(r.value().main_recipients, "各村民委员会");
  ASSERT_EQ(r.value().body.size(), 4u);
  EXPECT_EQ(r.value().body[1].kind, BlockKind::Heading1);
  EXPECT_EQ(r.value().body[3].kind, BlockKind::Heading2);

  DraftFields f;
  f.drafter = "wangfang";
  f.organ = "government";
  ImportedBody b = r.value();
  b.date = Date{2026, 9, 1};
  const std::string toml = draft_toml(b, f);
  auto draft = read_draft(toml, "imported.toml", src, templates.value(), profile.value());
  ASSERT_TRUE(draft.ok()) << draft.error().message << "\n" << toml;
  EXPECT_EQ(draft.value().doc.title, d.title);
  EXPECT_EQ(draft.value().doc.body.size(), 4u);
  auto pdf = render_pdf(draft.value().doc, {});
  ASSERT_TRUE(pdf.ok());
  EXPECT_GE(pdf.value().pages, 1);
}

TEST(ImportDocx, DraftTomlEscapesQuotesAndBackslashes) {
  ImportedBody b;
  b.title = "关于\"三个\\代表\"的通知";
  b.body = parse_body("正文 \"\"\" 三个引号\\结尾");
  const std::string t = draft_toml(b, {});
  EXPECT_NE(t.find("title = \"关于\\\"三个\\\\代表\\\"的通知\""), std::string::npos) << t;
  EXPECT_EQ(t.find("\"\"\" 三个"), std::string::npos) << t;
}

}  // namespace
}  // namespace gongwen
