// render_pdf measured through Poppler: page count and size, text per page in reading order,
// embedded Chinese fonts, the 版心 box, the 28 × 22 grid, 避头尾, 版记 and page numbers.
#include <gtest/gtest.h>

#include <poppler-document.h>
#include <poppler-font.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/render.hpp"

namespace gongwen {
namespace {

constexpr double kMm = 72.0 / 25.4;

Document notice() {
  Document d;
  d.template_id = "notice";
  d.kind = "通知";
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府文件";
  d.number = "白政发〔2026〕7号";
  d.title = "白路乡人民政府关于做好2026年秋季森林防火工作的通知";
  d.main_recipients = "各村民委员会，乡直各单位";
  d.body = {
      {BlockKind::Paragraph,
       "为切实做好今年秋季森林防火工作，确保人民群众生命财产安全，根据《中华人民共和国森林法》和"
       "GB/T 9704-2012的有关要求，经乡政府研究，现就有关事项通知如下。",
       0},
      {BlockKind::Heading1, "一、提高思想认识", 0},
      {BlockKind::Paragraph,
       "各村、各单位要充分认识森林防火工作的重要性和紧迫性，克服麻痹思想和侥幸心理，把森林防火工作"
       "摆上重要议事日程，层层落实责任，确保不发生重大森林火灾。",
       0},
      {BlockKind::Heading2, "（一）加强领导。各村要成立森林防火领导小组，主要负责同志亲自抓，分管"
                            "负责同志具体抓，做到组织到位、人员到位、措施到位。",
       0},
      {BlockKind::Heading1, "二、强化火源管理", 0},
      {BlockKind::Paragraph,
       "严禁在林区野外用火，严禁在林区吸烟、烧荒、烧纸、燃放烟花爆竹。对违反规定用火的，依法从严"
       "查处；构成犯罪的，移交司法机关依法追究刑事责任。",
       0},
  };
  d.body[1].heading_bytes = d.body[1].text.size();
  d.body[3].heading_bytes = std::string("（一）加强领导。").size();
  d.body[4].heading_bytes = d.body[4].text.size();
  d.attachment_notes = {"白路乡森林防火责任分工表"};
  d.signature = "白路乡人民政府";
  d.date = {2026, 9, 1};
  d.seal = SealMode::Sealed;
  d.seal_text = "白路乡人民政府";
  d.note = "此件公开发布";
  d.attachments = {{"白路乡森林防火责任分工表",
                    {{BlockKind::Paragraph, "一、乡长负责全乡森林防火工作的统一领导。", 0}}}};
  d.copies_to = "县林业局，县应急管理局";
  d.printer = "白路乡党政综合办公室";
  d.print_date = {2026, 9, 2};
  return d;
}

Document request() {
  Document d = notice();
  d.kind = "请示";
  d.direction = Direction::Upward;
  d.signers = {"张三", "李四"};
  d.number = "白政〔2026〕12号";
  d.title = "白路乡人民政府关于申请森林防火专项经费的请示";
  d.main_recipients = "县人民政府";
  d.attachments.clear();
  d.attachment_notes.clear();
  d.note = "联系人：王五，电话：12345678";
  return d;
}

Document secret() {
  Document d = notice();
  d.copy_number = "000123";
  d.secrecy = Secrecy::Confidential;
  d.secrecy_term = "3年";
  d.urgency = Urgency::VeryUrgent;
  return d;
}

// About five pages of plain 正文.
Document long_doc(int paragraphs = 12) {
  Document d = notice();
  d.attachments.clear();
  d.attachment_notes.clear();
  d.body.clear();
  for (int i = 0; i < paragraphs; ++i) {
    std::string t = "第" + std::to_string(i + 1) + "段。";
    for (int k = 0; k < 9; ++k)
      t += "各村要组织专门力量，对辖区内林区开展拉网式排查，发现隐患及时整改，";
    t += "确保万无一失。";
    d.body.push_back({BlockKind::Paragraph, t, 0});
  }
  return d;
}

Document minutes() {
  Document d;
  d.kind = "纪要";
  d.format = Format::Minutes;
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府纪要";
  d.number = "〔2026〕3号";
  d.title = "乡长办公会议纪要";
  d.present = {"王乡长", "李副乡长", "赵副乡长", "孙主任"};
  d.absent = {"周委员"};
  d.attending = {"林业站站长"};
  d.body = {{BlockKind::Paragraph, "2026年9月3日，王乡长主持召开乡长办公会议，研究秋季森林防火工作。"
                                   "会议议定事项纪要如下。", 0}};
  d.seal = SealMode::Unsealed;
  d.signature = "白路乡人民政府办公室";
  d.date = {2026, 9, 3};
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

struct Rendered {
  RenderedFile file;
  std::unique_ptr<poppler::document> pdf;
};

Rendered render(const Document& d, const char* dump_name = nullptr) {
  Result<RenderedFile> r = render_pdf(d, options());
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  Rendered out;
  if (!r.ok()) return out;
  out.file = std::move(r).value();
  if (const char* dir = std::getenv("GONGWEN_PDF_DUMP"); dir && dump_name)
    std::ofstream(std::string(dir) + "/" + dump_name + ".pdf", std::ios::binary)
        << out.file.bytes;
  out.pdf.reset(poppler::document::load_from_raw_data(out.file.bytes.data(),
                                                      static_cast<int>(out.file.bytes.size())));
  EXPECT_NE(out.pdf, nullptr);
  return out;
}

std::string page_text(const poppler::document& pdf, int page) {
  std::unique_ptr<poppler::page> p(pdf.create_page(page));
  poppler::byte_array b =
      p->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
  return std::string(b.begin(), b.end());
}

// Each glyph's box on a page, with its character.
struct GlyphBox {
  std::string ch;
  poppler::rectf box;
};

std::vector<GlyphBox> glyphs(const poppler::document& pdf, int page) {
  std::unique_ptr<poppler::page> p(pdf.create_page(page));
  std::vector<GlyphBox> out;
  for (poppler::text_box& tb : p->text_list()) {
    std::u32string u;  // poppler's ustring is UTF-16; one box per code unit in BMP text
    poppler::byte_array b = tb.text().to_utf8();
    std::string s(b.begin(), b.end());
    // Split the word's UTF-8 into characters.
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < s.size();) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      chars.push_back(s.substr(i, n));
      i += n;
    }
    for (std::size_t i = 0; i < chars.size(); ++i)
      out.push_back({chars[i], tb.char_bbox(static_cast<int>(i))});
  }
  return out;
}

// Full-width: Han characters and CJK punctuation (U+3000 and above, 3-byte UTF-8).
bool is_full_width(const std::string& ch) {
  return ch.size() == 3 && static_cast<unsigned char>(ch[0]) >= 0xE3;
}

bool is_han(const std::string& ch) {
  if (ch.size() != 3) return false;
  unsigned cp = ((ch[0] & 0x0F) << 12) | ((ch[1] & 0x3F) << 6) | (ch[2] & 0x3F);
  return cp >= 0x4E00 && cp <= 0x9FFF;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find('\n', i);
    if (j == std::string::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// Glyphs grouped into text lines by baseline (box bottom), top to bottom; the page number
// line (below the 版心) is left out unless asked for.
std::vector<std::vector<GlyphBox>> lines_of(const std::vector<GlyphBox>& gs,
                                            bool with_page_number = false) {
  std::map<long, std::vector<GlyphBox>> by_y;
  for (const GlyphBox& g : gs) {
    if (!with_page_number && g.box.bottom() > 262 * kMm + 3) continue;
    by_y[std::lround(g.box.bottom())].push_back(g);
  }
  std::vector<std::vector<GlyphBox>> out;
  for (auto& [y, v] : by_y) {
    std::sort(v.begin(), v.end(),
              [](const GlyphBox& a, const GlyphBox& b) { return a.box.left() < b.box.left(); });
    out.push_back(v);
  }
  return out;
}

std::string all_text(const poppler::document& pdf) {
  std::string s;
  for (int i = 0; i < pdf.pages(); ++i) s += page_text(pdf, i);
  return s;
}

const GlyphBox* find_glyph(const std::vector<GlyphBox>& gs, const std::string& ch) {
  for (const GlyphBox& g : gs)
    if (g.ch == ch) return &g;
  return nullptr;
}

}  // namespace

TEST(PdfRender, NoticePagesSizeAndTextPerPage) {
  Rendered r = render(notice(), "notice");
  ASSERT_TRUE(r.pdf);
  EXPECT_EQ(r.file.pages, r.pdf->pages());
  // 8 body lines fit under the 版头 on page 1; the sealed block goes to page 2 with the
  // last text lines; the attachment starts page 3 (odd), so the 版记 goes to page 4, the
  // back of the sheet, without a page number.
  ASSERT_EQ(r.pdf->pages(), 4);
  for (int i = 0; i < r.pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> p(r.pdf->create_page(i));
    EXPECT_NEAR(p->page_rect().width(), 595.276, 0.5);
    EXPECT_NEAR(p->page_rect().height(), 841.89, 0.5);
  }
  const std::string p1 = page_text(*r.pdf, 0);
  for (const char* s : {"白路乡人民政府文件", "白政发〔2026〕7号", "白路乡人民政府关于做好",
                        "各村民委员会，乡直各单位：", "一、提高思想认识",
                        "GB/T 9704-2012", "— 1 —"})
    EXPECT_TRUE(contains(p1, s)) << "page 1 lacks " << s << "\n" << p1;
  const std::string p2 = page_text(*r.pdf, 1);
  for (const char* s : {"二、强化火源管理", "附件：白路乡森林防火责任分工表", "白路乡人民政府",
                        "2026年9月1日", "（此件公开发布）", "— 2 —"})
    EXPECT_TRUE(contains(p2, s)) << "page 2 lacks " << s << "\n" << p2;
  const std::string p3 = page_text(*r.pdf, 2);
  for (const char* s : {"附件", "白路乡森林防火责任分工表", "一、乡长负责全乡森林防火工作",
                        "— 3 —"})
    EXPECT_TRUE(contains(p3, s)) << "page 3 lacks " << s << "\n" << p3;
  const std::string p4 = page_text(*r.pdf, 3);
  for (const char* s : {"抄送：县林业局，县应急管理局。", "白路乡党政综合办公室", "2026年9月2日印发"})
    EXPECT_TRUE(contains(p4, s)) << "page 4 lacks " << s << "\n" << p4;
  EXPECT_FALSE(contains(p4, "— 4 —"));
  // The title was broken without splitting "2026年".
  EXPECT_TRUE(contains(all_text(*r.pdf), "做好2026年")) << all_text(*r.pdf);
}

TEST(PdfRender, NoSpacesBetweenHanCharacters) {
  // (Not the 请示: its two 签发人 names are separated by a space on purpose.)
  for (const Document& d : {notice(), secret(), long_doc(6), minutes()}) {
    Rendered r = render(d);
    ASSERT_TRUE(r.pdf);
    for (int i = 0; i < r.pdf->pages(); ++i) {
      // pdftotext's reading order, via poppler-cpp.
      std::vector<std::string> cs;
      const std::string t = page_text(*r.pdf, i);
      for (std::size_t k = 0; k < t.size();) {
        unsigned char c = static_cast<unsigned char>(t[k]);
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cs.push_back(t.substr(k, n));
        k += n;
      }
      for (std::size_t k = 1; k + 1 < cs.size(); ++k)
        EXPECT_FALSE(cs[k] == " " && is_han(cs[k - 1]) && is_han(cs[k + 1]))
            << "space between " << cs[k - 1] << " and " << cs[k + 1] << " on page " << i + 1;
    }
  }
}

TEST(PdfRender, FontsAreEmbeddedChineseFontsAndStandInsReported) {
  Result<RenderedFile> rf = render_pdf(notice(), options());
  ASSERT_TRUE(rf.ok());
  Rendered r = render(notice());
  ASSERT_TRUE(r.pdf);
  std::vector<poppler::font_info> fonts = r.pdf->fonts();
  ASSERT_GE(fonts.size(), 4u);  // 仿宋, 黑体, 楷体, 小标宋 (+ 宋体 page numbers)
  std::set<std::string> names;
  for (const poppler::font_info& f : fonts) {
    EXPECT_TRUE(f.is_embedded()) << f.name();
    EXPECT_TRUE(contains(f.name(), "Fandol") || contains(f.name(), "NotoSerifCJKsc") ||
                contains(f.name(), "NotoSansCJKsc"))
        << "not a Simplified Chinese font: " << f.name();
    std::string base = f.name().substr(f.name().find('+') + 1);
    EXPECT_TRUE(names.insert(base).second) << base << " embedded twice";
  }
  // No 仿宋_GB2312 on this machine: the writer must say what stood in.
  bool fangsong_reported = false;
  for (const std::string& w : rf.value().warnings)
    if (contains(w, "仿宋 → ") && contains(w, "仿宋_GB2312")) fangsong_reported = true;
  EXPECT_TRUE(fangsong_reported);
}

TEST(PdfRender, TextStaysInsideTheTypeArea) {
  for (const Document& d : {notice(), secret(), request(), long_doc(6)}) {
    Rendered r = render(d);
    ASSERT_TRUE(r.pdf);
    for (int i = 0; i < r.pdf->pages(); ++i)
      for (const GlyphBox& g : glyphs(*r.pdf, i)) {
        if (g.box.top() > 262 * kMm + 3) continue;  // the page number line
        EXPECT_GE(g.box.left(), 28 * kMm - 1 * kMm) << g.ch << " page " << i + 1;
        EXPECT_LE(g.box.right(), 184 * kMm + 1 * kMm) << g.ch << " page " << i + 1;
        EXPECT_GE(g.box.top(), 37 * kMm - 1 * kMm) << g.ch << " page " << i + 1;
        EXPECT_LE(g.box.bottom(), 262 * kMm + 1 * kMm) << g.ch << " page " << i + 1;
      }
  }
}

TEST(PdfRender, FullPageHas22LinesOf28CharactersFillingTheTypeArea) {
  Rendered r = render(long_doc(), "long");
  ASSERT_TRUE(r.pdf);
  ASSERT_GE(r.pdf->pages(), 5);
  const auto lines = lines_of(glyphs(*r.pdf, 1));  // page 2: body only
  ASSERT_EQ(lines.size(), 22u);
  const double pitch = (lines.back()[0].box.bottom() - lines.front()[0].box.bottom()) / 21;
  EXPECT_NEAR(pitch, 225.0 / 22 * kMm, 0.05);
  // First text in the first line's em box near the 版心 top, last line's near the bottom.
  EXPECT_NEAR(lines.front()[0].box.top(), 37 * kMm, 3 * kMm);
  EXPECT_NEAR(lines.back()[0].box.bottom(), 262 * kMm, 3 * kMm);
  int full = 0;
  for (const auto& line : lines) {
    if (std::abs(line.front().box.left() - 28 * kMm) > 0.5) continue;  // indented
    if (line.size() < 27) continue;                                    // a paragraph's end
    ++full;
    EXPECT_NEAR(line.front().box.left(), 28 * kMm, 1 * kMm);
    EXPECT_NEAR(line.back().box.right(), 184 * kMm, 1 * kMm);
  }
  EXPECT_GE(full, 10);
  // A full line of full-width characters holds exactly 28 of them.
  bool found28 = false;
  for (const auto& line : lines) {
    bool all_han = true;
    for (const GlyphBox& g : line) all_han = all_han && is_full_width(g.ch);
    if (all_han && line.size() == 28) found28 = true;
    EXPECT_LE(line.size(), 30u);
  }
  EXPECT_TRUE(found28);
}

TEST(PdfRender, NoLineStartsWithClosingOrEndsWithOpeningPunctuation) {
  const std::set<std::string> closing = {"，", "。", "、", "；", "：", "？", "！", "）",
                                         "》", "」", "』", "”", "’", "〕", "】", "…"};
  const std::set<std::string> opening = {"（", "《", "「", "『", "“", "‘", "〔", "【"};
  Document d = long_doc(4);
  // Punctuation at every column so some lands on a line boundary.
  std::string t;
  for (int i = 0; i < 40; ++i) t += "各村要（认真）落实，“严防”《死守》。";
  d.body.push_back({BlockKind::Paragraph, t, 0});
  d.body.push_back({BlockKind::Paragraph, "二" + t, 0});
  d.body.push_back({BlockKind::Paragraph, "三、" + t, 0});
  Rendered r = render(d, "kinsoku");
  ASSERT_TRUE(r.pdf);
  int checked = 0;
  for (int i = 0; i < r.pdf->pages(); ++i)
    for (const auto& line : lines_of(glyphs(*r.pdf, i))) {
      ++checked;
      EXPECT_FALSE(closing.count(line.front().ch)) << "line starts with " << line.front().ch;
      EXPECT_FALSE(opening.count(line.back().ch)) << "line ends with " << line.back().ch;
      // A closing mark squeezed to half a cell keeps its ink in the left half of its box.
      const double ink_right = closing.count(line.back().ch)
                                   ? line.back().box.left() + line.back().box.width() / 2
                                   : line.back().box.right();
      EXPECT_LE(ink_right, 184 * kMm + 1 * kMm) << line.back().ch;
    }
  EXPECT_GT(checked, 60);
}

TEST(PdfRender, ColophonSitsOnTheLastPageBottom) {
  Rendered r = render(notice());
  ASSERT_TRUE(r.pdf);
  const int last = r.pdf->pages() - 1;
  const auto gs = glyphs(*r.pdf, last);
  const GlyphBox* fa = nullptr;  // the 发 of 印发
  for (const GlyphBox& g : gs)
    if (g.ch == "发" && g.box.left() > 150 * kMm) fa = &g;
  ASSERT_NE(fa, nullptr);
  EXPECT_GT(fa->box.bottom(), 252 * kMm);
  EXPECT_LE(fa->box.bottom(), 262 * kMm);
  // 右空一字 of 4号: the 印发 ends one 14 pt character before the right edge.
  EXPECT_NEAR(fa->box.right(), 184 * kMm - 14, 1 * kMm);
  // 抄送 one line above, 左空一字.
  const GlyphBox* chao = find_glyph(gs, "抄");
  ASSERT_NE(chao, nullptr);
  EXPECT_NEAR(chao->box.left(), 28 * kMm + 14, 1 * kMm);
  EXPECT_LT(chao->box.bottom(), fa->box.bottom());
  for (int i = 0; i < last; ++i) EXPECT_FALSE(contains(page_text(*r.pdf, i), "抄送"));
}

TEST(PdfRender, PageNumbersAlternateSides) {
  Rendered r = render(long_doc());
  ASSERT_TRUE(r.pdf);
  for (int i = 0; i < r.pdf->pages(); ++i) {
    const std::string n = std::to_string(i + 1);
    const GlyphBox* num = nullptr;
    for (const GlyphBox& g : glyphs(*r.pdf, i))
      if (g.box.top() > 262 * kMm + 3 && g.ch == n) num = &g;
    ASSERT_NE(num, nullptr) << "page " << n;
    EXPECT_NEAR(num->box.top(), 269 * kMm, 2 * kMm);
    if (i % 2 == 0)
      EXPECT_GT(num->box.left(), 160 * kMm) << "odd page number not on the right";
    else
      EXPECT_LT(num->box.right(), 50 * kMm) << "even page number not on the left";
    EXPECT_TRUE(contains(page_text(*r.pdf, i), "— " + n + " —"));
  }
}

TEST(PdfRender, UpwardRequestPutsSignerRightAndNumberLeftOnOneLine) {
  Rendered r = render(request(), "request");
  ASSERT_TRUE(r.pdf);
  const std::string p1 = page_text(*r.pdf, 0);
  EXPECT_TRUE(contains(p1, "签发人：")) << p1;
  EXPECT_TRUE(contains(p1, "张三")) << p1;
  EXPECT_TRUE(contains(p1, "白政〔2026〕12号")) << p1;
  const auto gs = glyphs(*r.pdf, 0);
  const GlyphBox* bai = nullptr;  // first glyph of the 文号
  for (const GlyphBox& g : gs)
    if (g.ch == "白" && std::abs(g.box.left() - (28 * kMm + 15.79)) < 1 * kMm) bai = &g;
  ASSERT_NE(bai, nullptr) << "文号 not 左空一字";
  const GlyphBox* si = find_glyph(gs, "四");  // last 签发人 character
  ASSERT_NE(si, nullptr);
  EXPECT_NEAR(si->box.bottom(), bai->box.bottom(), 0.5);
  EXPECT_NEAR(si->box.right(), 184 * kMm - 15.79, 1 * kMm);
}

TEST(PdfRender, SecretDocumentHeaderLinesInOrder) {
  Rendered r = render(secret(), "secret");
  ASSERT_TRUE(r.pdf);
  const std::string p1 = page_text(*r.pdf, 0);
  for (const char* s : {"000123", "机密★3年", "特急"})
    EXPECT_TRUE(contains(p1, s)) << p1;
  const auto gs = glyphs(*r.pdf, 0);
  const GlyphBox* copy = find_glyph(gs, "0");
  const GlyphBox* secret_g = find_glyph(gs, "机");
  const GlyphBox* urgent = find_glyph(gs, "特");
  ASSERT_TRUE(copy && secret_g && urgent);
  EXPECT_NEAR(copy->box.left(), 28 * kMm, 1 * kMm);
  EXPECT_NEAR(secret_g->box.left(), 28 * kMm, 1 * kMm);
  EXPECT_LT(copy->box.bottom(), secret_g->box.bottom());
  EXPECT_NEAR(secret_g->box.bottom() - copy->box.bottom(), 225.0 / 22 * kMm, 0.5);
  EXPECT_LT(secret_g->box.bottom(), urgent->box.bottom());
  // The 标志 stays at 35 mm below the 版心 top.
  const GlyphBox* mark = nullptr;
  for (const GlyphBox& g : gs)
    if (g.ch == "件" && g.box.height() > 30) mark = &g;
  ASSERT_NE(mark, nullptr);
  // A glyph box spans the font's ascent and descent, not the em box: compare centres (the
  // box is one em wide).
  const double em = mark->box.width();
  EXPECT_NEAR((mark->box.top() + mark->box.bottom()) / 2, 72 * kMm + em / 2, 3 * kMm);
}

TEST(PdfRender, MinutesListAttendeesAndNeedNoRecipient) {
  Rendered r = render(minutes(), "minutes");
  ASSERT_TRUE(r.pdf);
  ASSERT_GE(r.pdf->pages(), 1);
  const std::string t = page_text(*r.pdf, 0);
  // GB/T 9704 §10.3: the attendance list comes after the 正文, one blank line below it.
  EXPECT_LT(t.find("会议议定事项纪要如下。"), t.find("出席："));
  for (const char* s : {"白路乡人民政府纪要", "出席：王乡长、李副乡长、赵副乡长、孙主任",
                        "请假：周委员", "列席：林业站站长", "会议议定事项纪要如下。",
                        "白路乡人民政府办公室", "2026年9月3日"})
    EXPECT_TRUE(contains(t, s)) << "lacks " << s << "\n" << t;
  // Unsealed: 署名 右空二字, the date on the next line two 字 further right.
  const auto lines = lines_of(glyphs(*r.pdf, 0));
  std::size_t sig = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].back().ch == "室" && lines[i].size() == 10) sig = i;
  ASSERT_LT(sig + 1, lines.size());
  EXPECT_NEAR(lines[sig].back().box.right(), 184 * kMm - 2 * 15.79, 1 * kMm);
  EXPECT_EQ(lines[sig + 1].back().ch, "日");
  EXPECT_NEAR(lines[sig + 1].front().box.left(), lines[sig].front().box.left() + 2 * 15.79,
              1 * kMm);
}

TEST(PdfRender, MetadataAndDeterministicBytes) {
  Rendered a = render(notice());
  Rendered b = render(notice());
  ASSERT_TRUE(a.pdf && b.pdf);
  EXPECT_EQ(a.file.bytes, b.file.bytes);
  auto key = [&](const char* k) {
    poppler::byte_array v = a.pdf->info_key(k).to_utf8();
    return std::string(v.begin(), v.end());
  };
  EXPECT_EQ(key("Title"), notice().title);
  EXPECT_EQ(key("Author"), "白路乡人民政府");
  EXPECT_EQ(key("Subject"), "白政发〔2026〕7号");
  EXPECT_EQ(key("Creator"), "gongwen");
  EXPECT_EQ(a.pdf->info_date("CreationDate"), 1788220800);
}

// The fonts are subset once per process and grow as documents bring new characters
// (pdf/subset.hpp): a document's bytes must not depend on what the process rendered before.
TEST(PdfRender, BytesDoNotDependOnWhatWasRenderedBefore) {
  Document other = notice();
  other.title = "白路乡人民政府关于鼓励农户种植猕猴桃和蓝莓的意见";
  other.body = parse_body("一、鼓励范围\n凡在本乡登记的农户，新种植猕猴桃、蓝莓、杨梅满一亩的，给予补贴。\n");
  const std::string first = render_pdf(notice(), options()).take().bytes;
  const std::string between = render_pdf(other, options()).take().bytes;
  const std::string again = render_pdf(notice(), options()).take().bytes;
  EXPECT_EQ(first, again);
  // and the other document drew characters the first did not have
  auto text = [](const std::string& bytes) {
    auto doc = std::unique_ptr<poppler::document>(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    auto page = std::unique_ptr<poppler::page>(doc->create_page(0));
    poppler::byte_array u = page->text().to_utf8();
    return std::string(u.begin(), u.end());
  };
  EXPECT_NE(text(between).find("猕猴桃"), std::string::npos);
  EXPECT_NE(text(again).find("森林防火"), std::string::npos);
}

TEST(PdfRender, SealIsRedAndPressesSignatureAndDate) {
  Rendered r = render(notice());
  ASSERT_TRUE(r.pdf);
  // The seal page (page 2) rendered at 36 dpi: red pixels around the date.
  std::unique_ptr<poppler::page> p(r.pdf->create_page(1));
  poppler::page_renderer pr;
  poppler::image img = pr.render_page(p.get(), 36, 36);
  ASSERT_TRUE(img.is_valid());
  const auto gs = glyphs(*r.pdf, 1);
  const GlyphBox* ri = nullptr;  // 日 of the date
  for (const GlyphBox& g : gs)
    if (g.ch == "日" && g.box.left() > 120 * kMm) ri = &g;
  ASSERT_NE(ri, nullptr);
  // The date ends 右空四字.
  EXPECT_NEAR(ri->box.right(), 184 * kMm - 4 * 15.79, 1 * kMm);
  int red = 0, red_above_date = 0;
  const double s = 36.0 / 72.0;
  for (int y = 0; y < img.height(); ++y) {
    const unsigned char* row = reinterpret_cast<const unsigned char*>(img.const_data()) +
                               static_cast<std::ptrdiff_t>(y) * img.bytes_per_row();
    for (int x = 0; x < img.width(); ++x) {
      const unsigned char* px = row + 4 * x;  // BGRA
      if (px[2] > 180 && px[1] < 90 && px[0] < 90) {
        ++red;
        if (y / s < ri->box.top()) ++red_above_date;
      }
    }
  }
  EXPECT_GT(red, 200);
  EXPECT_GT(red_above_date, red / 2);  // the seal's centre lies above the date
}

// Speed is measured in bench/layout_bench.cpp, not here; these check that long and short
// documents come out whole.
TEST(PdfRender, LongDocumentRendersAllPages) {
  Document d = long_doc(110);  // ≈ 50 pages
  Result<RenderedFile> r = render_pdf(d, options());
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r.value().pages, 40);
  EXPECT_EQ(r.value().pages % 2, 0) << "the 版记 ends on an even page";
}

TEST(PdfRender, OnePageMinutesPutsTheColophonOnTheBack) {
  Result<RenderedFile> r = render_pdf(minutes(), options());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().pages, 2);
}

}  // namespace gongwen
