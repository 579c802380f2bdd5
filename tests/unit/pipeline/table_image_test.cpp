// Tables and pictures as blocks (issue 3): the draft syntax and its errors, their places on
// the grid (rows on whole grid lines, a table split between rows with its header repeated,
// pictures fitted to the 版心 and never split), the PDF, the DOCX (w:tbl, w:drawing, media
// parts) and 一键排版 keeping Word's tables and pictures.
#include <gtest/gtest.h>
#include <zip.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "../../../pipeline/src/draft/image_info.hpp"
#include "../../../pipeline/src/layout/blocks.hpp"
#include "../../../pipeline/src/layout/geometry.hpp"
#include "../../../pipeline/src/layout/page.hpp"
#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/import.hpp"
#include "gongwen/pipeline/render.hpp"

namespace gongwen {
namespace {
namespace fs = std::filesystem;
using namespace layout;

const fs::path kCases = fs::path(GONGWEN_SOURCE_DIR) / "tests/golden/cases";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

BodySource source(const fs::path& dir = kCases) { return BodySource{"d.toml", 10, "body", dir}; }

std::vector<Block> body_ok(std::string_view text) {
  auto r = read_body(text, source());
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().render());
  return r.ok() ? r.value() : std::vector<Block>{};
}

// ---- draft syntax -------------------------------------------------------------------

TEST(TableImageDraft, PipeTableWithHeaderAndWidths) {
  const auto b = body_ok("前言。\n| 序号 | 村 | 说明 |\n|--|----|--|\n| 1 | 白路村 | 甲\\|乙 |\n|2|新街村||\n后记。");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].kind, BlockKind::Paragraph);
  ASSERT_EQ(b[1].kind, BlockKind::Table);
  const Table& t = b[1].table;
  EXPECT_EQ(t.header_rows, 1);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"序号", "村", "说明"}));
  EXPECT_EQ(t.rows[1][2], "甲|乙");  // \| is a literal bar
  EXPECT_EQ(t.rows[2], (std::vector<std::string>{"2", "新街村", ""}));
  EXPECT_EQ(t.column_weights, (std::vector<double>{2, 4, 2}));
  EXPECT_EQ(b[2].text, "后记。");
  // Without a separator: no header row, equal columns.
  const auto c = body_ok("| a | b |\n| c | d |");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].table.header_rows, 0);
  EXPECT_TRUE(c[0].table.column_weights.empty());
  EXPECT_EQ(c[0].table.rows.size(), 2u);
}

TEST(TableImageDraft, PictureLinesReadTheFileBesideTheDraft) {
  const auto b = body_ok("![火情对比](chart.png)\n![](photo.jpg){width=100mm}");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].kind, BlockKind::Image);
  EXPECT_EQ(b[0].image.format, ImageFormat::Png);
  EXPECT_EQ(b[0].image.pixel_width, 600);
  EXPECT_EQ(b[0].image.pixel_height, 300);
  EXPECT_EQ(b[0].image.alt, "火情对比");
  EXPECT_EQ(b[0].image.bytes, slurp(kCases / "chart.png"));
  EXPECT_EQ(b[1].image.format, ImageFormat::Jpeg);
  EXPECT_EQ(b[1].image.pixel_width, 480);
  EXPECT_EQ(b[1].image.pixel_height, 361);
  EXPECT_DOUBLE_EQ(b[1].image.width_mm, 100);
}

TEST(TableImageDraft, BadInputNamesLineAndField) {
  struct Bad {
    const char* text;
    int line;      // body line; the file line is 10 + line - 1
    const char* words;
  };
  const Bad cases[] = {
      {"段落。\n| a | b |\n| c |", 3, "table row 2 has 1 cells, the first row 2"},
      {"| a | b |\n| c | d |\n|---|---|", 3, "may only follow the table's first row"},
      {"| a | b |\n|---|", 2, "separator has 1 columns"},
      {"|---|---|\n| a | b |", 1, "may only follow"},
      {"| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 |", 1, "at most 14 columns"},
      {"甲\n![图](missing.png)", 2, "'missing.png' cannot be read"},
      {"![图](../cases/chart.png)", 1, "must be a file beside the draft"},
      {"![图](/etc/passwd)", 1, "must be a file beside the draft"},
      {"![图](tables-images.toml)", 1, "is not a PNG or JPEG picture"},
      {"![图](chart.png){width=200mm}", 1, "outside 10–156 mm"},
      {"![图](chart.png", 1, "a picture line must read"},
  };
  for (const Bad& c : cases) {
    auto r = read_body(c.text, source());
    ASSERT_FALSE(r.ok()) << c.text;
    const Error& e = r.error();
    EXPECT_EQ(e.code, Code::BadInput);
    EXPECT_EQ(e.field, "body");
    ASSERT_TRUE(e.at.has_value());
    EXPECT_EQ(e.at->file, "d.toml");
    EXPECT_EQ(e.at->line, 10 + c.line - 1) << c.text;
    EXPECT_NE(e.message.find("body line " + std::to_string(c.line) + ":"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find(c.words), std::string::npos) << e.message;
  }
}

TEST(TableImageDraft, SniffRefusesDamagedHeaders) {
  const std::string png = slurp(kCases / "chart.png");
  const std::string jpg = slurp(kCases / "photo.jpg");
  ASSERT_TRUE(sniff_image(png));
  ASSERT_TRUE(sniff_image(jpg));
  EXPECT_FALSE(sniff_image(png.substr(0, 20)));
  EXPECT_FALSE(sniff_image(jpg.substr(0, 30)));  // cut before the frame header
  std::string huge = png;
  huge[16] = 0x7F;  // width 2 billion pixels
  EXPECT_FALSE(sniff_image(huge));
  EXPECT_FALSE(sniff_image("GIF89a"));
}

// ---- layout -------------------------------------------------------------------------

// No 版头 and no 署名: the flow starts on grid row 0 and ends with the body.
Document doc_with(std::vector<Block> body) {
  Document d;
  d.title = "关于落实森林防火包村责任的通知";
  d.main_recipients = "各村民委员会";
  d.body = std::move(body);
  d.seal = SealMode::Unsealed;
  return d;
}

Block table_block(int data_rows) {
  Block b;
  b.kind = BlockKind::Table;
  b.table.header_rows = 1;
  b.table.rows.push_back({"序号", "村（社区）", "包村领导", "巡查重点"});
  for (int i = 1; i <= data_rows; ++i)
    b.table.rows.push_back({std::to_string(i), "第" + std::to_string(i) + "村", "张三",
                            i == 3 ? "大坪梁子至老鹰岩一线的集体林和退耕还林地块以及周边" : "后山林区"});
  b.table.column_weights = {1, 2, 2, 4};
  return b;
}

Block para(const std::string& text) { return Block{BlockKind::Paragraph, text, 0}; }

bool on_grid(double y) {
  const double k = (y - kBodyTop) / kLinePitch;
  return std::abs(k - std::round(k)) < 1e-6;
}

const TextRun* run_with(const Page& p, const std::string& text) {
  for (const TextRun& r : p.runs)
    if (r.text == text) return &r;
  return nullptr;
}

TEST(TableImageLayout, RowsOnWholeGridLinesAndTextBackOnTheGrid) {
  Document d = doc_with({para("前言。"), table_block(3), para("表后的段落。")});
  const std::vector<Page> pages = layout_document(d, {});
  ASSERT_EQ(pages.size(), 1u);
  const Page& p = pages[0];
  // 4 rows: 5 column edges each, ruled top and bottom.
  EXPECT_EQ(p.vrules.size(), 4u * 5u);
  for (const Rule& r : p.rules) {
    if (r.width != kTableRuleWidth) continue;
    EXPECT_TRUE(on_grid(r.y)) << r.y;
    EXPECT_NEAR(r.x0, kBodyLeft, 1e-9);
    EXPECT_NEAR(r.x1, kBodyRight, 1e-9);
  }
  // Column edges from the weights 1:2:2:4 across 156 mm.
  std::vector<double> xs;
  for (const VRule& v : p.vrules) xs.push_back(v.x);
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end(), [](double a, double b) { return std::abs(a - b) < 1e-6; }), xs.end());
  ASSERT_EQ(xs.size(), 5u);
  EXPECT_NEAR(xs[1] - xs[0], kBodyWidth / 9, 1e-6);
  EXPECT_NEAR(xs[4] - xs[3], kBodyWidth * 4 / 9, 1e-6);
  // Row 3's long cell wraps to two lines (its column holds 16 four-号 characters), so that
  // row takes two grid rows; table text is 14 pt, the header 黑体 and centred.
  const std::vector<int> lines = table_row_lines(d.body[1].table);
  EXPECT_EQ(lines, (std::vector<int>{1, 1, 1, 2}));
  const TextRun* head = run_with(p, "序号");
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->role, FontRole::HeiTi);
  EXPECT_DOUBLE_EQ(head->size, kTableTextSize);
  EXPECT_GT(head->x.front(), kBodyLeft + kTableCellPad);  // centred in its cell
  const TextRun* cell = run_with(p, "张三");
  ASSERT_NE(cell, nullptr);
  EXPECT_EQ(cell->role, FontRole::FangSong);
  EXPECT_NEAR(cell->x.front(), xs[2] + kTableCellPad, 1e-6);  // flush left, padded
  // The paragraph after the table: its 16 pt line sits on the grid, 5 rows below the table top.
  const TextRun* before = run_with(p, "前言。");
  const TextRun* after = run_with(p, "表后的段落。");
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_NEAR(after->baseline - before->baseline, 6 * kLinePitch, 1e-6);
}

TEST(TableImageLayout, LongTableSplitsBetweenRowsWithTheHeaderRepeated) {
  Document d = doc_with({para("前言。"), table_block(40), para("表后的段落。")});
  const std::vector<Page> pages = layout_document(d, {});
  ASSERT_GE(pages.size(), 3u);
  int headers = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const TextRun* h = run_with(pages[i], "序号");
    if (h == nullptr) continue;
    ++headers;
    if (i > 0) {
      // On a continuation page the header is the first grid row.
      EXPECT_NEAR(h->baseline, kBodyTop + row_baseline_offset(kTableTextSize), 1e-6) << "page " << i + 1;
    }
    // No row is cut: every table rule of the page lies within the 22 rows.
    for (const VRule& v : pages[i].vrules) {
      EXPECT_GE(v.y0, kBodyTop - 1e-6);
      EXPECT_LE(v.y1, kBodyTop + kLinesPerPage * kLinePitch + 1e-6);
    }
  }
  // Title, blank, 主送, 前言 take rows 0–3; the header and 16 data rows (row 3 has two
  // lines) fill page 1, the header and 21 rows page 2, the header and 3 rows page 3.
  EXPECT_EQ(pages.size(), 3u);
  EXPECT_EQ(headers, 3);
  // Every data row appears exactly once.
  for (int i = 1; i <= 40; ++i) {
    int seen = 0;
    for (const Page& p : pages) seen += run_with(p, "第" + std::to_string(i) + "村") != nullptr;
    EXPECT_EQ(seen, 1) << i;
  }
}

Block image_block(int w, int h, double width_mm = 0) {
  Block b;
  b.kind = BlockKind::Image;
  b.image.file = "x.png";
  b.image.pixel_width = w;
  b.image.pixel_height = h;
  b.image.width_mm = width_mm;
  return b;
}

TEST(TableImageLayout, PicturesFitTheTypeAreaAndTakeWholeRows) {
  // 600 × 300 px at 96 dpi = 450 × 225 pt: wider than the 版心, scaled to 156 mm.
  ImageBox a = image_box(image_block(600, 300).image);
  EXPECT_NEAR(a.width, kBodyWidth, 1e-9);
  EXPECT_NEAR(a.height, kBodyWidth / 2, 1e-9);
  EXPECT_EQ(a.rows, static_cast<int>(std::ceil((a.height + 4.0) / kLinePitch)));
  // A requested width; a very tall picture is capped at 20 rows.
  ImageBox b = image_box(image_block(480, 361, 100).image);
  EXPECT_NEAR(b.width, mm(100), 1e-9);
  ImageBox c = image_box(image_block(100, 5000).image);
  EXPECT_LE(c.rows, 20);
  EXPECT_NEAR(c.height / c.width, 50.0, 1e-6);

  Document d = doc_with({para("前言。"), image_block(600, 300), para("图后的段落。")});
  const std::vector<Page> pages = layout_document(d, {});
  ASSERT_EQ(pages[0].images.size(), 1u);
  const ImagePlacement& im = pages[0].images[0];
  EXPECT_NEAR(im.x, kBodyLeft, 1e-9);
  const TextRun* before = run_with(pages[0], "前言。");
  const TextRun* after = run_with(pages[0], "图后的段落。");
  ASSERT_NE(after, nullptr);
  EXPECT_NEAR(after->baseline - before->baseline, (a.rows + 1) * kLinePitch, 1e-6);
  // The picture lies inside its rows, between the two lines.
  EXPECT_GT(im.y, before->baseline);
  EXPECT_LT(im.y + im.height, after->baseline - kSize3);
}

TEST(TableImageLayout, APictureIsNeverSplitAcrossPages) {
  std::vector<Block> body;
  for (int i = 0; i < 16; ++i) body.push_back(para("第" + std::to_string(i) + "段。"));
  body.push_back(image_block(600, 300));  // 8 rows: do not fit below row 18 on page 1
  body.push_back(para("图后的段落。"));
  Document d = doc_with(body);
  const std::vector<Page> pages = layout_document(d, {});
  ASSERT_GE(pages.size(), 2u);
  EXPECT_TRUE(pages[0].images.empty());
  ASSERT_EQ(pages[1].images.size(), 1u);
  const ImageBox box = image_box(d.body[16].image);
  EXPECT_NEAR(pages[1].images[0].y + pages[1].images[0].height,
              kBodyTop + box.rows * kLinePitch - 4.0, 1e-6);
}

// ---- PDF and DOCX -------------------------------------------------------------------

Document rich_doc() {
  auto blocks = read_body("前言。\n| 序号 | 村 | 领导 |\n|--|----|----|\n| 1 | 白路村 | 张建国 |\n"
                              "![火情](chart.png)\n![示意](photo.jpg){width=100mm}\n结尾。",
                          source());
  EXPECT_TRUE(blocks.ok());
  Document d = doc_with(blocks.value());
  return d;
}

RenderOptions options() {
  RenderOptions o;
  o.created = Instant{1788224400, 8 * 60};
  return o;
}

TEST(TableImageRender, PdfEmbedsPicturesAndRulesTheTable) {
  const Document d = rich_doc();
  auto pdf = render_pdf(d, options());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string& bytes = pdf.value().bytes;
  // The JPEG goes in as it is (DCTDecode), the PNG as a Flate image; two image XObjects.
  EXPECT_NE(bytes.find("/DCTDecode"), std::string::npos);
  const std::regex image_re("/Subtype\\s*/Image");
  const auto n = std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), image_re),
                               std::sregex_iterator());
  EXPECT_EQ(n, 2);
  EXPECT_NE(bytes.find(slurp(kCases / "photo.jpg").substr(0, 200)), std::string::npos);
  // Same input, same bytes.
  EXPECT_EQ(render_pdf(d, options()).value().bytes, bytes);
}

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (za == nullptr) {
    zip_source_free(src);
    return parts;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(za, i, 0, &st);
    zip_file_t* f = zip_fopen_index(za, i, 0);
    std::string data(st.size, '\0');
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    parts[st.name] = std::move(data);
  }
  zip_close(za);
  return parts;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(TableImageRender, DocxHasARealTableAndInlinePictures) {
  const Document d = rich_doc();
  auto docx = render_docx(d, options());
  ASSERT_TRUE(docx.ok());
  const auto parts = unzip(docx.value().bytes);
  ASSERT_TRUE(parts.count("word/media/image1.png"));
  ASSERT_TRUE(parts.count("word/media/image2.jpeg"));
  EXPECT_EQ(parts.at("word/media/image1.png"), slurp(kCases / "chart.png"));
  EXPECT_EQ(parts.at("word/media/image2.jpeg"), slurp(kCases / "photo.jpg"));
  const std::string& ct = parts.at("[Content_Types].xml");
  EXPECT_NE(ct.find(R"(Extension="jpeg" ContentType="image/jpeg")"), std::string::npos);
  EXPECT_NE(ct.find(R"(Extension="png" ContentType="image/png")"), std::string::npos);
  const std::string& rels = parts.at("word/_rels/document.xml.rels");
  EXPECT_NE(rels.find(R"(Id="rIdImg1")"), std::string::npos);
  EXPECT_NE(rels.find(R"(Target="media/image2.jpeg")"), std::string::npos);
  const std::string& doc = parts.at("word/document.xml");
  EXPECT_EQ(count(doc, "<w:tbl>"), 1u);
  EXPECT_EQ(count(doc, "<w:gridCol "), 3u);
  // Widths 2:4:4 of 8844 twips, the last column taking the rounding.
  const double col = 8844.0 * 2 / 10;
  EXPECT_NE(doc.find("<w:gridCol w:w=\"" + std::to_string(std::lround(col)) + "\"/>"), std::string::npos);
  EXPECT_EQ(count(doc, "<w:tblHeader/>"), 1u);
  EXPECT_EQ(count(doc, "<w:cantSplit/>"), 2u);
  // Exact heights on the grid; the first row gives back the 0.5 pt top border LibreOffice adds.
  EXPECT_EQ(count(doc, R"(<w:trHeight w:val="569" w:hRule="exact"/>)"), 1u);
  EXPECT_EQ(count(doc, R"(<w:trHeight w:val="579" w:hRule="exact"/>)"), 1u);
  EXPECT_EQ(count(doc, "<w:insideV "), 1u);
  EXPECT_EQ(count(doc, "<wp:inline "), 2u);
  EXPECT_NE(doc.find(R"(r:embed="rIdImg2")"), std::string::npos);
  // 100 mm wide in EMU.
  EXPECT_NE(doc.find(R"(<wp:extent cx="3600000")"), std::string::npos);
  EXPECT_EQ(render_docx(d, options()).value().bytes, docx.value().bytes);
}

// ---- import -------------------------------------------------------------------------

std::string make_docx(const std::map<std::string, std::string>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(za);
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

std::string word_body(const std::string& inner) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>)" +
         inner + "</w:body></w:document>";
}

std::string p(const std::string& t) { return "<w:p><w:r><w:t>" + t + "</w:t></w:r></w:p>"; }
std::string tc(const std::string& t, int span = 1) {
  return "<w:tc>" + (span > 1 ? "<w:tcPr><w:gridSpan w:val=\"" + std::to_string(span) + "\"/></w:tcPr>" : std::string()) +
         p(t) + "</w:tc>";
}

TEST(TableImageImport, WordTablesAndPicturesStayTablesAndPictures) {
  const std::string xml = word_body(
      p("关于防火的通知") + p("为做好防火工作，通知如下。") +
      "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid>"
      "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + tc("序号") + tc("村") + tc("说明") + "</w:tr>"
      "<w:tr>" + tc("1") + tc("白路村|东") + tc("后山") + "</w:tr>"
      "<w:tr>" + tc("合计", 2) + tc("两处") + "</w:tr></w:tbl>" +
      "<w:p><w:r><w:drawing><a:blip r:embed=\"rId9\"/></w:drawing></w:r></w:p>" +
      p("请遵照执行。"));
  const std::string rels = R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="image" Target="media/image1.png"/><Relationship Id="rId8" Type="image" Target="media/fake.png"/></Relationships>)";
  const std::string bytes = make_docx({{"word/document.xml", xml},
                                       {"word/_rels/document.xml.rels", rels},
                                       {"word/media/image1.png", slurp(kCases / "chart.png")}});
  auto r = import_docx(bytes, "in.docx");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const ImportedBody& b = r.value();
  ASSERT_EQ(b.tables.size(), 1u);
  EXPECT_TRUE(b.tables[0].header);
  EXPECT_EQ(b.tables[0].widths, (std::vector<double>{1000, 3000, 4000}));
  EXPECT_EQ(b.tables[0].rows[2], (std::vector<std::string>{"合计", "", "两处"}));  // span kept as an empty cell
  ASSERT_EQ(b.images.size(), 1u);

  DraftFields f;
  f.image_prefix = "in-";
  const std::string toml = draft_toml(b, f);
  EXPECT_NE(toml.find("| 序号 | 村 | 说明 |\n|-----|---------------|--------------------|"), std::string::npos) << toml;
  EXPECT_NE(toml.find("| 1 | 白路村\\\\|东 | 后山 |"), std::string::npos) << toml;
  EXPECT_NE(toml.find("![](in-image1.png)"), std::string::npos) << toml;

  // The body written back reads as the same table and picture (the picture saved beside it).
  const fs::path dir = fs::temp_directory_path() / "gongwen-table-import-test";
  fs::create_directories(dir);
  std::ofstream(dir / "in-image1.png", std::ios::binary) << b.images[0].bytes;
  const std::size_t s = toml.find("body = \"\"\"\n") + 11;
  std::string body = toml.substr(s, toml.find("\"\"\"", s) - s);
  body = std::regex_replace(body, std::regex(R"(\\\\)"), "\\");  // TOML unescaping of \\|
  auto blocks = read_body(body, source(dir));
  ASSERT_TRUE(blocks.ok()) << blocks.error().render();
  std::vector<BlockKind> kinds;
  for (const Block& x : blocks.value()) kinds.push_back(x.kind);
  EXPECT_EQ(kinds, (std::vector<BlockKind>{BlockKind::Paragraph, BlockKind::Table, BlockKind::Image,
                                           BlockKind::Paragraph}));
  EXPECT_EQ(blocks.value()[1].table.rows[1][1], "白路村|东");
  EXPECT_EQ(blocks.value()[1].table.header_rows, 1);
  fs::remove_all(dir);
}

// The body alone (what the web desk's import returns to the form): the same lines as the
// draft's body, unescaped, the picture named by the caller or left out.
TEST(TableImageImport, DraftBodyPlacesTablesAndNamedPictures) {
  const std::string xml = word_body(
      p("正文。") + "<w:tbl><w:tr>" + tc("甲|乙") + tc("丙") + "</w:tr><w:tr>" + tc("1") + tc("2") + "</w:tr></w:tbl>" +
      "<w:p><w:r><w:drawing><a:blip r:embed=\"rId9\"/></w:drawing></w:r></w:p>" + p("结尾。"));
  const std::string rels = R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="image" Target="media/image1.png"/></Relationships>)";
  auto r = import_docx(make_docx({{"word/document.xml", xml}, {"word/_rels/document.xml.rels", rels},
                                  {"word/media/image1.png", slurp(kCases / "chart.png")}}),
                       "in.docx");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(draft_body(r.value(), {"img-1.png"}), "正文。\n| 甲\\|乙 | 丙 |\n| 1 | 2 |\n![](img-1.png)\n结尾。\n");
  EXPECT_EQ(draft_body(r.value(), {}), "正文。\n| 甲\\|乙 | 丙 |\n| 1 | 2 |\n结尾。\n");
  // The draft TOML carries the same body, escaped for a TOML string.
  DraftFields f;
  f.image_prefix = "in-";
  EXPECT_NE(draft_toml(r.value(), f).find("body = \"\"\"\n正文。\n| 甲\\\\|乙 | 丙 |\n| 1 | 2 |\n![](in-image1.png)\n结尾。\n\"\"\"\n"),
            std::string::npos)
      << draft_toml(r.value(), f);
}

TEST(TableImageImport, APictureThatIsNotOneIsLeftOutWithAWarning) {
  const std::string xml = word_body(p("正文。") + "<w:p><w:r><w:drawing><a:blip r:embed=\"rId8\"/></w:drawing></w:r></w:p>");
  const std::string rels = R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="image" Target="media/fake.png"/></Relationships>)";
  auto r = import_docx(make_docx({{"word/document.xml", xml},
                                  {"word/_rels/document.xml.rels", rels},
                                  {"word/media/fake.png", "<html>not a picture</html>"}}),
                       "in.docx");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().images.empty());
  ASSERT_FALSE(r.value().warnings.empty());
  EXPECT_NE(r.value().warnings.back().find("fake.png is not a readable PNG or JPEG"), std::string::npos);
}

TEST(TableImageImport, MergedCellBombsAreRefused) {
  // 4000 rows of one cell spanning 64 columns: 256,000 empty cells from 300 kB of XML.
  std::string rows;
  for (int i = 0; i < 4000; ++i)
    rows += "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"9999\"/></w:tcPr><w:p/></w:tc></w:tr>";
  auto r = import_docx(make_docx({{"word/document.xml", word_body(p("正文。") + "<w:tbl>" + rows + "</w:tbl>")}}),
                       "bomb.docx");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  EXPECT_NE(r.error().message.find(msg("import.docx.cells", {{"file", "bomb.docx"}, {"max", "200000"}})), std::string::npos)
      << r.error().message;
  // 100 rows of the same are fine: spans end at 64 cells, a table that wide becomes text.
  rows.clear();
  for (int i = 0; i < 100; ++i)
    rows += "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"9999\"/></w:tcPr>" + p("格") + "</w:tc></w:tr>";
  auto ok = import_docx(make_docx({{"word/document.xml", word_body(p("正文。") + "<w:tbl>" + rows + "</w:tbl>")}}),
                        "wide.docx");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok.value().tables.size(), 1u);
  EXPECT_EQ(ok.value().tables[0].rows[0], (std::vector<std::string>{"格"}));
  ASSERT_FALSE(ok.value().warnings.empty());
  EXPECT_NE(ok.value().warnings.front().find("64 columns"), std::string::npos);
}

}  // namespace
}  // namespace gongwen
