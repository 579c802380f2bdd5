// 签名章 (issue 15): a leader's signature picture, registered by an administrator or the seal
// keeper and pressed at issue on the 令 that leader signs off (GB/T 9704 7.3.5.3): the 职务
// beside it, the date under it, in the PDF, the DOCX and the OFD; each use in the 用印登记 and
// the audit log. A 令 without one, a picture swapped on disk, a picture that is no PNG, an
// owner who is no leader and a clerk who may not register are each refused, changing nothing.
#include <gtest/gtest.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include "office_fixture.hpp"
#include "gongwen/archive/registry.hpp"

namespace gongwen::archive::test {
namespace {

std::string order_toml() {
  return "template = \"order\"\norgan = \"government\"\n"
         "title = \"白路乡人民政府令（公布《白路乡森林防火管理办法》）\"\ndate = 2025-12-20\ndrafter = \"wangfang\"\n"
         "body = \"\"\"\n《白路乡森林防火管理办法》已经2025年12月18日乡人民政府第12次常务会议通过，现予公布，"
         "自2026年1月1日起施行。\n\"\"\"\n";
}

std::string sample_stamp() { return read_file(fs::path(GONGWEN_SAMPLES_DIR) / "stamps" / "zhangjianguo.png"); }

class StampTest : public OfficeTest {
 protected:
  std::string message_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const Failure& e) {
      return e.error().message;
    }
    return "";
  }
};

TEST_F(StampTest, AnOrderWithoutARegisteredStampIsRefusedAndNothingChanges) {
  const DraftRecord d = signed_draft("order.toml", order_toml());
  const std::string before = books();
  const std::string m = message_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_NE(m.find("签名章"), std::string::npos) << m;  // the unit tests read the English texts
  EXPECT_NE(m.find("张建国"), std::string::npos) << m;
  EXPECT_EQ(books(), before);
}

TEST_F(StampTest, TheRegisteredStampIsPressedBesideThePostAndLogged) {
  const StampRecord r = office->register_stamp("zhangjianguo", sample_stamp(), "zhangjianguo.png", "huanglei");
  EXPECT_EQ(r.sha256, sha256_hex(sample_stamp()));
  EXPECT_TRUE(fs::exists(ws->root() / r.path));
  const DraftRecord d = signed_draft("order.toml", order_toml());
  const IssueOutcome out = office->issue(ref(d), "sunxiuying");

  // The 用印登记 names the 签名章, approved by the sign-off, applied by the seal keeper.
  const auto uses = reg().seal_uses();
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].number, out.issued.number);
  EXPECT_EQ(uses[0].seal_text, "张建国签名章");
  EXPECT_EQ(uses[0].approver, "zhangjianguo");
  EXPECT_EQ(uses[0].keeper, "sunxiuying");
  bool logged = false;
  for (const auto& e : reg().audit_log())
    logged = logged || (e.action == "stamp" && e.detail.find(r.sha256) != std::string::npos);
  EXPECT_TRUE(logged);

  // The PDF: 乡长 on the 署名 row, the picture two 字 right of it, the date under them.
  const std::string pdf = read_file(ws->root() / out.issued.pdf_path);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  ASSERT_TRUE(doc);
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  auto utf8 = [](const poppler::ustring& u) {
    const poppler::byte_array b = u.to_utf8();
    return std::string(b.data(), b.size());
  };
  poppler::rectf post, date;
  for (const auto& box : page->text_list()) {
    const std::string t = utf8(box.text());
    if (t.find("乡长") != std::string::npos) post = box.bbox();
    if (t.find("2025年12月20日") != std::string::npos) date = box.bbox();
  }
  ASSERT_GT(post.width(), 0) << "no 职务 on page 1";
  ASSERT_GT(date.width(), 0) << "no date on page 1";
  // 签名章下空一行: the date two rows (2 × 28.95 pt) under the 职务.
  EXPECT_NEAR(date.y() - post.y(), 2 * 28.95, 1.0);
  // The 签发人's name is a picture now, not text; the picture is on the page.
  const std::string text = utf8(page->text());
  EXPECT_EQ(text.find("张建国"), std::string::npos) << text;
  EXPECT_NE(pdf.find("/Subtype /Image"), std::string::npos);

  // The DOCX and the OFD carry the same picture.
  const std::string docx = read_file(ws->root() / out.issued.docx_path);
  EXPECT_NE(docx.find("word/media/stamp.png"), std::string::npos);
  const std::string ofd = read_file(ws->root() / out.issued.ofd_path);
  EXPECT_NE(ofd.find(".png"), std::string::npos);
}

TEST_F(StampTest, AStampSwappedOnDiskIsRefusedNotPressed) {
  const StampRecord r = office->register_stamp("zhangjianguo", sample_stamp(), "zhangjianguo.png", "huanglei");
  // Someone with file access puts another picture in its place.
  write_file_atomic(ws->root() / r.path, read_file(fs::path(GONGWEN_SAMPLES_DIR) / "stamps" / "zhangjianguo.png") + "x");
  const DraftRecord d = signed_draft("order.toml", order_toml());
  const std::string before = books();
  const std::string m = message_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_NE(m.find("differs from the one registered"), std::string::npos) << m;
  EXPECT_EQ(books(), before);
}

TEST_F(StampTest, BadRegistrationsAreRefusedAndRecordNothing) {
  // A clerk may not register; an owner who signs nothing off has no 签名章; a picture must be
  // a whole PNG.
  EXPECT_NE(message_of([&] { office->register_stamp("zhangjianguo", sample_stamp(), "a.png", "wangfang"); }).find("wangfang"),
            std::string::npos);
  EXPECT_NE(message_of([&] { office->register_stamp("wangfang", sample_stamp(), "a.png", "huanglei"); }).find("is not a signer"),
            std::string::npos);
  EXPECT_NE(message_of([&] { office->register_stamp("zhangjianguo", "not a picture", "a.png", "huanglei"); }).find("a.png"),
            std::string::npos);
  const std::string png = sample_stamp();
  EXPECT_NE(message_of([&] { office->register_stamp("zhangjianguo", png.substr(0, png.size() / 2), "half.png", "huanglei"); })
                .find("half.png"),
            std::string::npos);
  EXPECT_TRUE(reg().stamps().empty());
  EXPECT_FALSE(fs::exists(ws->keys_dir() / "stamps"));
}

TEST_F(StampTest, ANewerRegistrationReplacesTheOlderForLaterDocuments) {
  office->register_stamp("zhangjianguo", sample_stamp(), "old.png", "huanglei");
  // Any other whole PNG serves as the new picture.
  const std::string newer = read_file(fs::path(GONGWEN_SOURCE_DIR) / "tests" / "golden" / "expected" / "order.png");
  const StampRecord r = office->register_stamp("zhangjianguo", newer, "new.png", "sunxiuying");
  EXPECT_EQ(reg().stamps().size(), 2u);
  ASSERT_TRUE(reg().current_stamp("zhangjianguo"));
  EXPECT_EQ(reg().current_stamp("zhangjianguo")->sha256, r.sha256);
  EXPECT_FALSE(reg().current_stamp("wangfang"));
  const IssueOutcome out = office->issue(ref(signed_draft("order.toml", order_toml())), "sunxiuying");
  bool newest = false;
  for (const auto& e : reg().audit_log()) newest = newest || (e.action == "stamp" && e.detail.find(r.sha256) != std::string::npos);
  EXPECT_TRUE(newest) << out.issued.number;
}

}  // namespace
}  // namespace gongwen::archive::test
