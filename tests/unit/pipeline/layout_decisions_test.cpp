// The layout's decisions (layout_decisions.hpp) as it records them, and one layout serving
// both writers: render() gives the bytes render_pdf and render_docx give.
#include <gtest/gtest.h>

#include <string>

#include "gongwen/pipeline/render.hpp"

namespace gongwen {
namespace {

Document notice(int paragraphs = 1) {
  Document d;
  d.template_id = "notice";
  d.kind = "通知";
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府文件";
  d.number = "白政发〔2026〕7号";
  d.title = "白路乡人民政府关于做好2026年秋季森林防火工作和冬季农田水利基本建设工作的通知";
  d.main_recipients = "各村民委员会，乡直各单位";
  for (int i = 0; i < paragraphs; ++i)
    d.body.push_back({BlockKind::Paragraph,
                      "各村、各单位要充分认识森林防火工作的重要性和紧迫性，克服麻痹思想和侥幸心理，"
                      "把森林防火工作摆上重要议事日程，层层落实责任。",
                      0});
  d.signature = "白路乡人民政府";
  d.seal_text = "白路乡人民政府";
  d.date = {2026, 9, 1};
  d.copies_to = "各村民委员会";
  d.printer = "白路乡党政综合办公室";
  d.print_date = {2026, 9, 4};
  return d;
}

RenderOptions options() {
  RenderOptions o;
  o.created = Instant{1788220800, 8 * 60};  // 2026-09-01
  return o;
}

TEST(LayoutDecisions, OneLayoutGivesBothWritersTheirBytes) {
  const Document d = notice(3);
  RenderedFiles both = render(d, options()).take();
  EXPECT_EQ(both.pdf.bytes, render_pdf(d, options()).take().bytes);
  EXPECT_EQ(both.docx.bytes, render_docx(d, options()).take().bytes);
  EXPECT_GE(both.pdf.pages, 1);
  LaidOutDocument laid = lay_out(d, options()).take();
  EXPECT_EQ(laid.pages(), both.pdf.pages);
  EXPECT_EQ(write_pdf(laid).take().bytes, both.pdf.bytes);
  EXPECT_EQ(write_docx(laid).take().bytes, both.docx.bytes);
}

TEST(LayoutDecisions, OneOrgansMarkNumberAndTitleAsLaidOut) {
  const Document d = notice();
  const LayoutDecisions k = lay_out(d, options()).take().decisions();
  EXPECT_FALSE(k.mark.stacked);
  ASSERT_EQ(k.mark.names.size(), 1u);
  EXPECT_EQ(k.mark.names[0], "白路乡人民政府文件");
  EXPECT_TRUE(k.mark.suffix.empty());
  // 9 characters in 150 mm: 150 / 9 mm each, under the 58 pt cap; 35 mm below the 版心 top.
  EXPECT_NEAR(k.mark.size, 150.0 / 9 * 72 / 25.4, 1e-6);
  EXPECT_NEAR(k.mark.top, 35.0 * 72 / 25.4, 1e-6);
  EXPECT_GT(k.number_row, 0);
  // A long title is balanced over lines that together are the title; 38 characters fill
  // two lines only with a break inside a word, so it takes three (issue 14, 词意完整).
  ASSERT_EQ(k.title_lines.size(), 3u);
  EXPECT_EQ(k.title_lines[0] + k.title_lines[1] + k.title_lines[2], d.title);
  EXPECT_EQ(k.seal_page, 0);
  EXPECT_GT(k.seal_diameter, 0);
  // One page of text: the 版记 goes alone on the back of the sheet, no blank page between.
  EXPECT_TRUE(k.has_colophon);
  EXPECT_TRUE(k.colophon_own_page);
  EXPECT_FALSE(k.blank_before_colophon);
}

TEST(LayoutDecisions, JointIssueStacksTheNamesBesideTheSuffix) {
  Document d = notice();
  d.issuers = {"白路乡人民政府", "中共白路乡委员会"};
  d.issuer_mark = "白路乡人民政府中共白路乡委员会文件";
  const LayoutDecisions k = lay_out(d, options()).take().decisions();
  EXPECT_TRUE(k.mark.stacked);
  EXPECT_EQ(k.mark.names, d.issuers);
  EXPECT_EQ(k.mark.suffix, "文件");
  // The longest name, 8 characters, sets the stack's measure.
  EXPECT_NEAR(k.mark.names_width, 8 * k.mark.size, 1e-6);

  // Without a suffix the names still stack, and no name is taken for one.
  d.issuer_mark = "白路乡人民政府中共白路乡委员会";
  const LayoutDecisions bare = lay_out(d, options()).take().decisions();
  EXPECT_TRUE(bare.mark.stacked);
  EXPECT_EQ(bare.mark.names, d.issuers);
  EXPECT_TRUE(bare.mark.suffix.empty());
}

TEST(LayoutDecisions, ColophonPagesAgreeWithThePages) {
  bool own = false, blank = false, below_text = false;
  for (int n = 1; n <= 24; ++n) {
    LaidOutDocument laid = lay_out(notice(n), options()).take();
    const LayoutDecisions& k = laid.decisions();
    ASSERT_TRUE(k.has_colophon);
    EXPECT_EQ(laid.pages() % 2, 0) << n;  // the 版记 is on the back of the last sheet
    if (k.blank_before_colophon) EXPECT_TRUE(k.colophon_own_page) << n;
    own |= k.colophon_own_page;
    blank |= k.blank_before_colophon;
    below_text |= !k.colophon_own_page;
    if (k.seal_page >= 0) {
      EXPECT_LT(k.seal_page, laid.pages());
      if (k.colophon_own_page) EXPECT_LT(k.seal_page, laid.pages() - 1) << n;
    }
  }
  EXPECT_TRUE(own);    // some length pushed the 版记 onto a page of its own
  EXPECT_TRUE(blank);  // and some left a blank page before it
  EXPECT_TRUE(below_text);  // and some ended the text on an even page with room for it
}

}  // namespace
}  // namespace gongwen
