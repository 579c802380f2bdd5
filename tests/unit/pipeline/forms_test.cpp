// The office's printed forms drawn by the pipeline (forms.hpp): pages, sizes and text read
// back through Poppler, and the same bytes for the same input.
#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>
#include <zip.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "gongwen/pipeline/forms.hpp"

namespace gongwen::forms {
namespace {

struct Read {
  int pages = 0;
  double width_mm = 0, height_mm = 0;
  std::string text;  // all pages
};

Read read(const std::string& bytes) {
  Read r;
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d) return r;
  r.pages = d->pages();
  for (int i = 0; i < r.pages; ++i) {
    std::unique_ptr<poppler::page> p(d->create_page(i));
    if (i == 0) {
      r.width_mm = p->page_rect().width() / 72 * 25.4;
      r.height_mm = p->page_rect().height() / 72 * 25.4;
    }
    const auto t = p->text().to_utf8();
    r.text.append(t.begin(), t.end());
  }
  return r;
}

TEST(Forms, BoxSpinesOnePagePerBox) {
  const std::vector<LabelledRows> boxes{{{"全宗号", "Z109"}, {"盒号", "0001"}},
                                        {{"全宗号", "Z109"}, {"盒号", ""}}};
  const std::string pdf = box_spines_pdf(boxes);
  const Read r = read(pdf);
  EXPECT_EQ(r.pages, 2);
  EXPECT_NEAR(r.width_mm, 50, 0.1);
  EXPECT_NEAR(r.height_mm, 310, 0.1);
  EXPECT_NE(r.text.find("Z109"), std::string::npos);
  EXPECT_NE(r.text.find("—"), std::string::npos);  // the empty 盒号
  EXPECT_EQ(box_spines_pdf(boxes), pdf);
}

TEST(Forms, CatalogueRepeatsItsHeadingOnEveryPage) {
  std::vector<CatalogueCells> rows;
  for (int i = 1; i <= 60; ++i)
    rows.push_back({std::to_string(i), "Z109-WS·2025-Y-BGS-" + std::to_string(1000 + i), "白政发〔2025〕" + std::to_string(i) + "号",
                    "白路乡人民政府", "关于做好森林防火工作的通知", "20250301", "", "2", ""});
  const Read r = read(catalogue_pdf(rows, "2025年归档文件目录"));
  ASSERT_GE(r.pages, 2);
  EXPECT_NEAR(r.width_mm, 297, 0.1);  // A4 landscape
  std::size_t headings = 0;
  for (std::size_t at = r.text.find("2025年归档文件目录"); at != std::string::npos;
       at = r.text.find("2025年归档文件目录", at + 1))
    ++headings;
  EXPECT_EQ(headings, static_cast<std::size_t>(r.pages));
}

// Every text box Poppler finds on the first page, with its rectangle (points, y down).
std::vector<poppler::text_box> boxes(const std::string& bytes) {
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d || d->pages() == 0) return {};
  return std::unique_ptr<poppler::page>(d->create_page(0))->text_list();
}

std::string utf8(const poppler::ustring& u) {
  const auto b = u.to_utf8();
  return std::string(b.begin(), b.end());
}

// A 标题 too long for one line wraps inside its own box: every line of it ends above the
// 拟办意见 row below (it used to be measured at 8 pt and drawn at 11 pt, overprinting that row).
TEST(Forms, SlipWrapsALongTitleInsideItsBox) {
  const std::string title = "关于做好二〇二六年冬春季森林草原防灭火和安全生产隐患排查整治工作的紧急通知";
  const auto found = boxes(processing_slip_pdf("白路乡", {{"标题", title}, {"拟办意见", "请张乡长阅示"}}, {}));
  double title_bottom = 0, title_lines = 0, proposal_top = 1e9;
  for (const auto& b : found) {
    const std::string t = utf8(b.text());
    if (t.empty()) continue;
    if (title.find(t) != std::string::npos && t != "标题") {
      title_bottom = std::max(title_bottom, b.bbox().bottom());
      ++title_lines;
    }
    if (t == "拟办意见") proposal_top = std::min(proposal_top, b.bbox().top());
  }
  ASSERT_GE(title_lines, 2) << "the title should take two lines";
  ASSERT_LT(proposal_top, 1e9);
  EXPECT_LT(title_bottom, proposal_top);
}

// The 日期 column holds a date on one line in either spelling, and 备注 a short note.
TEST(Forms, CatalogueDateNeverWrapsAndRemarksGetRoom) {
  const std::vector<CatalogueCells> rows{
      {"1", "Z109-WS·2026-Y-ZF-0001", "白政发〔2026〕12号", "白路乡人民政府", "关于做好森林防火工作的通知",
       "20261120", "", "2", "原件存县档案馆"},
      {"2", "Z109-WS·2026-Y-ZF-0002", "白政发〔2026〕13号", "白路乡人民政府", "关于做好森林防火工作的通知",
       "2026-11-20", "", "2", ""}};
  std::set<std::string> whole;
  for (const auto& b : boxes(catalogue_pdf(rows, "2026年归档文件目录"))) whole.insert(utf8(b.text()));
  EXPECT_TRUE(whole.count("20261120"));
  EXPECT_TRUE(whole.count("2026-11-20"));
  EXPECT_TRUE(whole.count("原件存县档案馆"));
}

TEST(Forms, NotesSlipAndStamp) {
  const Read notes = read(notes_pdf({{"Z109", "2025", "Z109-WS·2025-Y-BGS-盒0001", "0001", "0020", 20, {},
                                      "李四", "2026年1月5日", "王五", ""}}));
  EXPECT_EQ(notes.pages, 1);
  EXPECT_NE(notes.text.find("无缺损"), std::string::npos);

  const Read slip = read(processing_slip_pdf("白路乡", {{"收文号", "收〔2026〕1号"}, {"拟办意见", ""}},
                                             {"张三　送阅 2026-01-02　阅毕 —　退回 —"}));
  EXPECT_EQ(slip.pages, 1);
  EXPECT_NE(slip.text.find("白路乡文件处理签"), std::string::npos);
  EXPECT_NE(slip.text.find("张三"), std::string::npos);

  const Read stamp = read(archive_stamp_pdf({"Z109", "2025", "0001", "", "永久", "2"}));
  EXPECT_EQ(stamp.pages, 1);
  EXPECT_NEAR(stamp.width_mm, kArchiveStampWidthMm, 0.1);
  EXPECT_NEAR(stamp.height_mm, kArchiveStampHeightMm, 0.1);
  EXPECT_NE(stamp.text.find("永久"), std::string::npos);
}

// One part of a zip package, "" if it is missing.
std::string zip_part(const std::string& bytes, const char* name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (z == nullptr) {
    zip_source_free(src);
    return "";
  }
  std::string out;
  zip_stat_t st;
  if (zip_stat(z, name, 0, &st) == 0) {
    out.resize(st.size);
    zip_file_t* f = zip_fopen(z, name, 0);
    zip_fread(f, out.data(), st.size);
    zip_fclose(f);
  }
  zip_close(z);
  return out;
}

// The 归档文件目录 DOCX goes through libxml2's writer: markup in a title or the heading is
// text, never XML, and the same rows give the same bytes.
TEST(Forms, CatalogueDocxEscapesTextAndIsStable) {
  const std::vector<CatalogueCells> rows{
      {"1", "Z109-WS·2025-Y-ZF-0001", "白政发〔2025〕1号", "白沙县人民政府", "关于<b>“A&B”</b>的\"通知\"",
       "20250825", "", "3", ""}};
  const Instant at{1768006800, 8 * 60};  // 2026-01-10T09:00:00+08:00
  const std::string docx = catalogue_docx(rows, "归档文件目录 <2025> & 永久", at);
  EXPECT_EQ(docx, catalogue_docx(rows, "归档文件目录 <2025> & 永久", at));
  const std::string xml = zip_part(docx, "word/document.xml");
  ASSERT_FALSE(xml.empty());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n", 0), 0u);
  EXPECT_NE(xml.find("关于&lt;b&gt;“A&amp;B”&lt;/b&gt;的&quot;通知&quot;"), std::string::npos);
  EXPECT_NE(xml.find("归档文件目录 &lt;2025&gt; &amp; 永久"), std::string::npos);
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
  EXPECT_NE(xml.find("<w:t xml:space=\"preserve\"></w:t>"), std::string::npos);  // an empty cell
  EXPECT_FALSE(zip_part(docx, "[Content_Types].xml").empty());
  EXPECT_FALSE(zip_part(docx, "_rels/.rels").empty());
}

}  // namespace
}  // namespace gongwen::forms
