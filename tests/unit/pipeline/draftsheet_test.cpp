// render_draft_sheet: one A4 page whatever the length of its fields, every field readable
// by pdftotext (poppler), same input → same bytes.
#include "gongwen/pipeline/draftsheet.hpp"

#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <memory>

namespace gongwen {
namespace {

DraftSheet sample() {
  DraftSheet s;
  s.organ = "白路乡人民政府";
  s.title = "关于开展环境整治的通知";
  s.number = "白政发〔2026〕3号";
  s.kind = "通知";
  s.drafter = "王芳";
  s.drafter_unit = "白路乡党政办公室";
  s.drafted_on = "2026年3月2日";
  s.reviews = {{"赵丽", "副主任", "同意", "2026年3月2日 10:00"}, {"陈志勇", "主任", "同意", "2026年3月2日 10:30"}};
  s.signoff = {"张建国", "乡长", "同意印发", "2026年3月2日 14:00"};
  s.main_recipients = "各村民委员会，乡属各单位";
  s.copies_to = "县生态环境局";
  s.copies = 10;
  s.issued_on = "2026年3月2日";
  return s;
}

RenderOptions options() {
  RenderOptions o;
  o.created = *parse_instant("2026-03-02T16:00:00+08:00");
  return o;
}

struct Text {
  int pages = 0;
  std::string text;
};

Text extract(const std::string& bytes) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  Text t;
  if (!doc) return t;
  t.pages = doc->pages();
  for (int i = 0; i < t.pages; ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    const auto b = p->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    t.text += std::string(b.begin(), b.end());
  }
  return t;
}

TEST(DraftSheet, EveryFieldExtractsFromOnePage) {
  const auto r = render_draft_sheet(sample(), options());
  ASSERT_TRUE(r.ok()) << r.error().render();
  const Text t = extract(r.value().bytes);
  EXPECT_EQ(t.pages, 1);
  EXPECT_EQ(r.value().pages, 1);
  for (const char* want : {"白路乡人民政府发文稿纸", "关于开展环境整治的通知", "白政发〔2026〕3号", "王芳", "赵丽",
                           "副主任", "陈志勇", "张建国", "同意印发", "各村民委员会", "县生态环境局", "10份",
                           "2026年3月2日", "拟", "审", "签", "印", "无"})
    EXPECT_NE(t.text.find(want), std::string::npos) << want << "\n" << t.text;
}

TEST(DraftSheet, LongFieldsStillFitOnOnePage) {
  DraftSheet s = sample();
  std::string many;
  for (int i = 0; i < 60; ++i) many += "第" + std::to_string(i + 1) + "村民委员会，";
  s.main_recipients = many + "末尾单位";
  for (int i = 0; i < 8; ++i) s.reviews.push_back({"审核人" + std::to_string(i), "", std::string(150, 'x'), ""});
  const auto r = render_draft_sheet(s, options());
  ASSERT_TRUE(r.ok());
  const Text t = extract(r.value().bytes);
  EXPECT_EQ(t.pages, 1);
  EXPECT_NE(t.text.find("末尾单位"), std::string::npos);
}

TEST(DraftSheet, SameInputSameBytes) {
  const auto a = render_draft_sheet(sample(), options());
  const auto b = render_draft_sheet(sample(), options());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value().bytes, b.value().bytes);
  DraftSheet other = sample();
  other.signoff.opinion = "同意";
  EXPECT_NE(render_draft_sheet(other, options()).value().bytes, a.value().bytes);
}

}  // namespace
}  // namespace gongwen
