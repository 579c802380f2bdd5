// The pure grid layout: line breaking (避头尾, 标点挤压, Latin runs), heading fonts and
// element placement, without cairo.
#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <string>

#include "../../../pipeline/src/layout/geometry.hpp"
#include "../../../pipeline/src/layout/linebreak.hpp"
#include "../../../pipeline/src/layout/page.hpp"
#include "../../../pipeline/src/layout/text.hpp"

namespace gongwen::layout {
namespace {

std::u32string line_text(const std::vector<char32_t>& t, const PlacedLine& l) {
  return std::u32string(t.begin() + l.begin, t.begin() + l.end);
}

BreakParams body() { return {kCharPitch, kBodyWidth, 0, 0, Justify::Spread}; }

std::vector<char32_t> repeat(const std::u32string& s, int n) {
  std::vector<char32_t> v;
  for (int i = 0; i < n; ++i) v.insert(v.end(), s.begin(), s.end());
  return v;
}

TEST(LayoutGrid, GridNumbers) {
  // Word's grid unit 579 twips = 28.95 pt in both writers (docs/layout.md); 22 lines end
  // less than 1 pt above the 版心 bottom.
  EXPECT_DOUBLE_EQ(kLinePitch, 28.95);
  EXPECT_LT(kBodyBottom - (kBodyTop + 22 * kLinePitch), 1.0);
  EXPECT_GT(kBodyBottom - (kBodyTop + 22 * kLinePitch), 0.0);
  EXPECT_NEAR(kCharPitch, 156.0 / 28 * 72 / 25.4, 1e-9);
  EXPECT_NEAR(kPageWidth, 595.276, 0.001);
  EXPECT_NEAR(kPageHeight, 841.89, 0.001);
}

TEST(LayoutGrid, FullLineHolds28CharactersEdgeToEdge) {
  std::vector<char32_t> t = repeat(U"森林防火", 20);  // 80 characters
  auto lines = break_lines(t, body());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].end - lines[0].begin, 28u);
  EXPECT_NEAR(lines[0].x.front(), 0, 1e-9);
  EXPECT_NEAR(lines[0].x.back(), 27 * kCharPitch, 1e-6);
  EXPECT_NEAR(lines[0].used, kBodyWidth, 1e-6);
  EXPECT_TRUE(lines[2].last);
  // With a 2-字 indent the first line takes 26.
  BreakParams p = body();
  p.first_indent = 2 * kCharPitch;
  lines = break_lines(t, p);
  EXPECT_EQ(lines[0].end - lines[0].begin, 26u);
  EXPECT_NEAR(lines[0].x.front(), 2 * kCharPitch, 1e-9);
}

TEST(LayoutGrid, ClosingMarkIsSqueezedInRatherThanStartingALine) {
  // 28 full cells ("字字，" ×9 + "字"), then "。": it would start line 2. Squeezing the "。"
  // and the last "，" to half a cell each makes room for it on line 1.
  std::u32string s;
  for (int i = 0; i < 9; ++i) s += U"字字，";
  s += U"字。后文";
  std::vector<char32_t> t(s.begin(), s.end());
  auto lines = break_lines(t, body());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(line_text(t, lines[0]).size(), 29u);
  EXPECT_EQ(line_text(t, lines[0]).back(), U'。');
  EXPECT_EQ(line_text(t, lines[1]), U"后文");
  EXPECT_NEAR(lines[0].used, kBodyWidth, 1e-6);
  // The squeezed "，" (index 26) gives up its empty right half: the next glyph is half a
  // cell closer.
  EXPECT_NEAR(lines[0].x[27] - lines[0].x[26], kCharPitch / 2, 1e-6);
}

TEST(LayoutGrid, LineWithoutSqueezeRoomPullsACharacterDown) {
  // Two closing marks at the boundary: "”。" need more than one half-cell of squeeze; the line
  // has no other marks, so "字" moves to the next line and the line is spread.
  std::u32string s(28, U'字');
  s += U"！”后文";
  std::vector<char32_t> t(s.begin(), s.end());
  auto lines = break_lines(t, body());
  ASSERT_GE(lines.size(), 2u);
  const std::u32string l1 = line_text(t, lines[0]), l2 = line_text(t, lines[1]);
  EXPECT_EQ(l1.size(), 27u);
  EXPECT_EQ(l2.substr(0, 3), U"字！”");
  EXPECT_NEAR(lines[0].used, kBodyWidth, 1e-6);  // spread to fill the measure
}

TEST(LayoutGrid, OpeningMarkNeverEndsALine) {
  std::u32string s(27, U'字');
  s += U"《森林法》";
  std::vector<char32_t> t(s.begin(), s.end());
  auto lines = break_lines(t, body());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(line_text(t, lines[0]).back(), U'《');
  EXPECT_EQ(line_text(t, lines[1]).front(), U'《');
  EXPECT_NEAR(lines[0].used, kBodyWidth, 1e-6);
}

TEST(LayoutGrid, NoLineOfALongParagraphBreaksTheRules) {
  std::vector<char32_t> t = repeat(U"各村要（认真）落实，“严防”《死守》。", 60);
  auto lines = break_lines(t, body());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::u32string l = line_text(t, lines[i]);
    EXPECT_FALSE(no_line_start(l.front())) << "line " << i;
    EXPECT_FALSE(no_line_end(l.back())) << "line " << i;
    EXPECT_LE(lines[i].used, kBodyWidth + 1e-6) << "line " << i;
    if (!lines[i].last) EXPECT_NEAR(lines[i].used, kBodyWidth, kCharPitch / 2 + 1e-6);
  }
}

TEST(LayoutGrid, LatinRunsAndNumbersAreNotBroken) {
  std::u32string s(25, U'字');
  s += U"GB/T 9704-2012的要求";
  std::vector<char32_t> t(s.begin(), s.end());
  auto lines = break_lines(t, body());
  ASSERT_EQ(lines.size(), 2u);
  // "GB/T" fits (2 cells) but "9704-2012" (4.5 cells) does not: it moves down whole.
  EXPECT_EQ(line_text(t, lines[1]).substr(0, 9), U"9704-2012");
  // Half-width characters take half a cell each.
  const auto& l0 = lines[0];
  EXPECT_NEAR(l0.x[26] - l0.x[25], kCharPitch / 2, 1e-6 + kCharPitch);  // spread allowed
  EXPECT_NEAR(text_width(std::vector<char32_t>{U'A', U'1'}, kCharPitch), kCharPitch, 1e-9);
}

// With font metrics a Latin run takes its natural width, the reader's letter spacing and the
// Asian–Latin space where it touches Han characters, rounded up to half cells (docs/layout.md).
TEST(LayoutGrid, LatinRunsWithMetricsTakeTheRoomAReaderGivesThem) {
  const std::u32string s = U"年2026年，12号";
  const std::vector<char32_t> t(s.begin(), s.end());
  std::vector<double> adv(t.size(), 0.0);
  for (std::size_t i = 0; i < t.size(); ++i)
    if (is_half_width(t[i])) adv[i] = 8.0;  // digits: half an em of 16 pt
  BreakParams p = body();
  p.latin = &adv;
  p.script_space = 3.2;
  p.reader_cell = 15.75;
  p.tracking = -0.25;
  const auto spans = latin_spans(t, p);
  ASSERT_EQ(spans.size(), 2u);
  // "2026" between two Han: 32 − 3 × 0.25 + 2 × 3.2 + 0.25 = 37.9 pt → 5 halves of 7.875.
  EXPECT_EQ(spans[0].spaced_sides, 2);
  EXPECT_NEAR(spans[0].width, 5 * kCharPitch / 2, 1e-9);
  // "12" after a comma (no space there), before 号: 16 − 0.25 + 3.2 + 0.25 = 19.2 → 3 halves.
  EXPECT_EQ(spans[1].spaced_sides, 1);
  EXPECT_NEAR(spans[1].width, 3 * kCharPitch / 2, 1e-9);
  // Without metrics: half a cell per character, as before.
  EXPECT_NEAR(text_width(t, kCharPitch), 6 * kCharPitch / 2 + 4 * kCharPitch, 1e-9);
}

TEST(LayoutGrid, NeverBreaksAPhoneNumberAtItsHyphenNorAfterAClosingMark) {
  // Issue 14: "0878-|6212106" was broken at its hyphen; a hyphen between letters still may.
  const std::u32string s = U"电话：0878-6212106";
  const std::vector<char32_t> t(s.begin(), s.end());
  EXPECT_EQ(word_end(t, 3), t.size());
  const std::u32string m = U"用e-mail报送";
  const std::vector<char32_t> mt(m.begin(), m.end());
  EXPECT_EQ(word_end(mt, 1), 3u);  // "e-"
  // 27 Han, then "，2026": the comma cannot start a line and keeps the number with it, so
  // both go down together with the character before the comma.
  std::u32string u(27, U'字');
  u += U"，2026年";
  const std::vector<char32_t> v(u.begin(), u.end());
  const auto lines = break_lines(v, body());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(std::u32string(v.begin() + lines[1].begin, v.begin() + lines[1].end).substr(0, 6),
            U"字，2026");
}

// Issue 14: a number that does not fit moves down whole and the line before keeps the
// character pitch (it is not spread to 5.8–6.1 mm).
TEST(LayoutGrid, ANumberMovedDownLeavesTheLineOnTheGrid) {
  std::u32string s(25, U'字');
  s += U"6212106号";
  std::vector<char32_t> t(s.begin(), s.end());
  auto lines = break_lines(t, body());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(line_text(t, lines[1]).substr(0, 7), U"6212106");
  for (std::size_t i = 1; i < 25; ++i)
    EXPECT_NEAR(lines[0].x[i] - lines[0].x[i - 1], kCharPitch, 1e-6);
  EXPECT_LT(lines[0].used, kBodyWidth - kCharPitch);
}

// Issue 14: a space typed beside a full-width mark or between two Chinese characters would
// put the rest of the line half a cell (or a cell) off the grid; it is not set. Spaces beside
// Latin words stay, and so do the ideographic spaces between two Han characters.
TEST(LayoutGrid, StraySpacesAreNotSet) {
  EXPECT_EQ(drop_stray_spaces("“ 四人帮”"), "“四人帮”");
  EXPECT_EQ(drop_stray_spaces("要以 “三个有利于”"), "要以“三个有利于”");
  EXPECT_EQ(drop_stray_spaces("1.负责\u2003。"), "1.负责。");  // an em space before 。
  EXPECT_EQ(drop_stray_spaces("综合治理 ”的方针"), "综合治理”的方针");
  EXPECT_EQ(drop_stray_spaces("又有 2897万农村人口"), "又有 2897万农村人口");
  EXPECT_EQ(drop_stray_spaces("ISO 9001标准"), "ISO 9001标准");
  EXPECT_EQ(drop_stray_spaces("张三　李四"), "张三　李四");
  EXPECT_EQ(drop_stray_spaces("张　　三 　李四"), "张　　三 　李四");  // not narrow only: kept
  // Blanks to fill in after a colon stay.
  EXPECT_EQ(drop_stray_spaces("填报人：　　　　联系电话：    日期"), "填报人：　　　　联系电话：    日期");
  EXPECT_EQ(drop_stray_spaces("张 三"), "张三");
  EXPECT_EQ(drop_stray_spaces(" 开头和结尾 "), "开头和结尾");
  // A heading's byte count follows the text it counts.
  std::size_t head = std::string("（一） 加强领导。").size();
  EXPECT_EQ(drop_stray_spaces("（一） 加强领导。全乡 各村", &head), "（一）加强领导。全乡各村");
  EXPECT_EQ(head, std::string("（一）加强领导。").size());
}

TEST(LayoutGrid, BalancedTitleLinesAndNoSplitNumber) {
  std::u32string s = U"白路乡人民政府关于做好2026年秋季森林防火工作的通知";
  std::vector<char32_t> t(s.begin(), s.end());
  auto lines = break_balanced(t, kSize2, kBodyWidth);
  ASSERT_EQ(lines.size(), 2u);
  const std::u32string a = line_text(t, lines[0]), b = line_text(t, lines[1]);
  EXPECT_NE(b.front(), U'年');
  EXPECT_NE(a.back(), U'2');
  EXPECT_LT(std::abs(lines[0].used - lines[1].used), 5 * kSize2);
}

Document sample() {
  Document d;
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府文件";
  d.number = "白政发〔2026〕7号";
  d.title = "关于做好森林防火工作的通知";
  d.main_recipients = "各村民委员会";
  d.body = {{BlockKind::Heading1, "一、提高认识", 0},
            {BlockKind::Heading2, "（一）加强领导。各村要成立领导小组。", 0},
            {BlockKind::Paragraph, "正文内容。", 0}};
  d.body[0].heading_bytes = d.body[0].text.size();
  d.body[1].heading_bytes = std::string("（一）加强领导。").size();
  d.signature = "白路乡人民政府";
  d.date = {2026, 9, 1};
  d.copies_to = "县林业局";
  d.printer = "白路乡党政综合办公室";
  d.print_date = {2026, 9, 2};
  return d;
}

const TextRun* run_starting(const Page& p, const std::string& prefix) {
  for (const TextRun& r : p.runs)
    if (r.text.rfind(prefix, 0) == 0) return &r;
  return nullptr;
}

TEST(LayoutGrid, HeadingFontsAndRunInHeadings) {
  std::vector<Page> pages = layout_document(sample(), {});
  // One page of text; the 版记 goes to page 2, the back of the sheet.
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_FALSE(pages[1].page_number.has_value());
  const TextRun* h1 = run_starting(pages[0], "一、提高认识");
  ASSERT_NE(h1, nullptr);
  EXPECT_EQ(h1->role, FontRole::HeiTi);
  const TextRun* h2 = run_starting(pages[0], "（一）加强领导。");
  ASSERT_NE(h2, nullptr);
  EXPECT_EQ(h2->role, FontRole::KaiTi);
  EXPECT_EQ(h2->text, "（一）加强领导。");  // run-in: the rest is 仿宋
  const TextRun* rest = run_starting(pages[0], "各村要成立");
  ASSERT_NE(rest, nullptr);
  EXPECT_EQ(rest->role, FontRole::FangSong);
  // Paragraphs indented 2 字.
  EXPECT_NEAR(h1->x.front(), kBodyLeft + 2 * kCharPitch, 1e-6);
  const TextRun* title = run_starting(pages[0], "关于做好");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->role, FontRole::XiaoBiaoSong);
  EXPECT_EQ(title->size, kSize2);
  const TextRun* mark = run_starting(pages[0], "白路乡人民政府文件");
  ASSERT_NE(mark, nullptr);
  EXPECT_EQ(mark->color, kRed);
  EXPECT_LT(mark->x.back() + mark->size - mark->x.front(), kBodyWidth);
}

TEST(LayoutGrid, SealedSignatureBlockGeometry) {
  std::vector<Page> pages = layout_document(sample(), {});
  const Page& p = pages.front();
  ASSERT_EQ(p.seals.size(), 1u);
  const SealPlacement* seal = &p.seals.front();
  const TextRun* date = run_starting(p, "2026年9月1日");
  const TextRun* sig = nullptr;
  for (const TextRun& r : p.runs)
    if (r.text == "白路乡人民政府") sig = &r;
  ASSERT_TRUE(date && sig);
  // Date 右空四字; its right edge is the em box of its last character.
  EXPECT_NEAR(date->x.back() + kCharPitch, kBodyRight - 4 * kCharPitch, 1e-6);
  const double date_mid = (date->x.front() + date->x.back() + kCharPitch) / 2;
  const double sig_mid = (sig->x.front() + sig->x.back() + kCharPitch) / 2;
  EXPECT_NEAR(sig_mid, date_mid, 1e-6);
  EXPECT_NEAR(seal->cx, date_mid, 1e-6);
  // Both lines below the seal centre, the date inside the seal.
  EXPECT_GT(sig->baseline - kAscent * kSize3, seal->cy);
  EXPECT_LT(date->baseline, seal->cy + seal->diameter / 2);
  // Seal top within one line below the last text line ("正文内容。").
  const TextRun* last = run_starting(p, "正文内容");
  ASSERT_NE(last, nullptr);
  const double seal_top = seal->cy - seal->diameter / 2;
  EXPECT_GT(seal_top, last->baseline);
  EXPECT_LT(seal_top - last->baseline, kLinePitch);
}

// 联合行文 with three organs: two seals a row fit the 版心, so the third starts a second row
// under the first, aligned on the right column; each name under its own seal's centre.
TEST(LayoutGrid, JointSealsInAlignedRowsInsideTheTypeArea) {
  Document d = sample();
  d.joint_signers = {{"中共白路乡委员会", "中共白路乡委员会"},
                     {"白路乡人民政府", "白路乡人民政府"},
                     {"白路乡人民武装部", "白路乡人民武装部"}};
  LayoutOptions o;
  const LaidOut laid = lay_out(d, o);
  // The page of the seals (the block is 9 rows: it may move with the last line).
  const auto it = std::find_if(laid.pages.begin(), laid.pages.end(),
                               [](const Page& pg) { return !pg.seals.empty(); });
  ASSERT_NE(it, laid.pages.end());
  const Page& p = *it;
  ASSERT_EQ(p.seals.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const SealPlacement& s = p.seals[i];
    EXPECT_EQ(s.organ, static_cast<int>(i));
    EXPECT_GE(s.cx - s.diameter / 2, kBodyLeft);
    EXPECT_LE(s.cx + s.diameter / 2, kBodyRight);
    const TextRun* name = nullptr;
    for (const TextRun& r : p.runs)
      if (r.text == d.joint_signers[i].name) name = &r;
    ASSERT_NE(name, nullptr) << d.joint_signers[i].name;
    EXPECT_NEAR((name->x.front() + name->x.back() + kCharPitch) / 2, s.cx, 1e-6);
    EXPECT_GT(name->baseline - kAscent * kSize3, s.cy) << "name below its seal's centre";
    EXPECT_LT(name->baseline, s.cy + s.diameter / 2) << "the seal presses its name";
  }
  // Two a row, far enough apart never to touch; the third under the second.
  EXPECT_DOUBLE_EQ(p.seals[0].cy, p.seals[1].cy);
  EXPECT_GT(p.seals[1].cx - p.seals[0].cx, p.seals[0].diameter);
  EXPECT_DOUBLE_EQ(p.seals[2].cx, p.seals[1].cx);
  EXPECT_GT(p.seals[2].cy - p.seals[1].cy, p.seals[1].diameter);
  ASSERT_EQ(laid.decisions.joint_names.size(), 3u);
  EXPECT_EQ(laid.decisions.seals.size(), 3u);
  // The last seal is centred on the date.
  const TextRun* date = run_starting(p, "2026年9月1日");
  ASSERT_NE(date, nullptr);
  EXPECT_NEAR((date->x.front() + date->x.back() + kCharPitch) / 2, p.seals[2].cx, 1e-6);
}

TEST(LayoutGrid, SealNeverStandsAloneOnAPage) {
  Document d = sample();
  // Fill page 1 so the signature block cannot fit under the last line.
  d.body.clear();
  for (int i = 0; i < 13; ++i) d.body.push_back({BlockKind::Paragraph, "这是一行正文。", 0});
  std::vector<Page> pages = layout_document(d, {});
  ASSERT_GE(pages.size(), 2u);
  for (const Page& p : pages) {
    if (p.seals.empty()) continue;
    int text_lines = 0;
    for (const TextRun& r : p.runs)
      if (r.text.rfind("这是", 0) == 0 && r.baseline < p.seals.front().cy) ++text_lines;
    EXPECT_GE(text_lines, 1) << "the seal page carries no 正文";
  }
}

TEST(LayoutGrid, ColophonOnLastRowsWithRules) {
  std::vector<Page> pages = layout_document(sample(), {});
  const Page& p = pages.back();
  ASSERT_GE(p.rules.size(), 3u);
  double lowest = 0;
  for (const Rule& r : p.rules) lowest = std::max(lowest, r.y + r.width / 2);
  EXPECT_NEAR(lowest, kBodyBottom, 1e-6);
  const TextRun* cc = run_starting(p, "抄送：县林业局。");
  ASSERT_NE(cc, nullptr);
  EXPECT_EQ(cc->size, kSize4);
  EXPECT_NEAR(cc->x.front(), kBodyLeft + kSize4, 1e-6);
  // The text ends on page 1 (odd): the 版记 stands alone on page 2, without a number.
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_FALSE(p.page_number.has_value());
  ASSERT_TRUE(pages[0].page_number.has_value());
  EXPECT_EQ(pages[0].page_number->text, "— 1 —");
}

TEST(LayoutGrid, ColophonShareAnEvenPageWithTheText) {
  Document d = sample();
  d.attachment_notes = {"名单"};
  d.attachments = {{"名单", {{BlockKind::Paragraph, "张三", 0}}}};
  std::vector<Page> pages = layout_document(d, {});
  ASSERT_EQ(pages.size(), 2u);  // 附件 on page 2 leaves room for the 版记 below it
  EXPECT_TRUE(pages[1].page_number.has_value());
  EXPECT_NE(run_starting(pages[1], "抄送："), nullptr);
}

TEST(LayoutGrid, BlankOddPageBeforeAColophonThatDoesNotFit) {
  Document d = sample();
  d.attachment_notes = {"名单"};
  Attachment a{"名单", {}};
  for (int i = 0; i < 17; ++i) a.body.push_back({BlockKind::Paragraph, "张三", 0});
  d.attachments = {a};
  std::vector<Page> pages = layout_document(d, {});
  // Text on pages 1–2, no room under it: page 3 blank, 版记 on page 4; neither numbered.
  ASSERT_EQ(pages.size(), 4u);
  EXPECT_TRUE(pages[2].runs.empty());
  EXPECT_FALSE(pages[2].page_number.has_value());
  EXPECT_FALSE(pages[3].page_number.has_value());
  EXPECT_NE(run_starting(pages[3], "抄送："), nullptr);
}

TEST(LayoutGrid, AttachmentStartsANewPage) {
  Document d = sample();
  d.attachment_notes = {"名单"};
  d.attachments = {{"名单", {{BlockKind::Paragraph, "张三", 0}}}};
  std::vector<Page> pages = layout_document(d, {});
  ASSERT_EQ(pages.size(), 2u);
  const TextRun* label = run_starting(pages[1], "附件");
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->role, FontRole::HeiTi);
  EXPECT_NEAR(label->baseline, row_top(0) + row_baseline_offset(kSize3), 1e-6);
  EXPECT_NEAR(label->x.front(), kBodyLeft, 1e-6);
  const TextRun* title = nullptr;
  for (const TextRun& r : pages[1].runs)
    if (r.text == "名单") title = &r;
  ASSERT_NE(title, nullptr);
  EXPECT_NEAR(title->baseline, row_top(2) + row_baseline_offset(kSize2), 1e-6);  // line 3
  const TextRun* note = run_starting(pages[0], "附件：名单");
  EXPECT_NE(note, nullptr);  // one attachment: no "1."
}

}  // namespace
}  // namespace gongwen::layout
