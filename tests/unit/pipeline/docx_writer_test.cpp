// render_docx: open the package the way a reader would (libzip + libxml2) and check each
// part against GB/T 9704 and the WordprocessingML facts in shared/spec/pdf-docx.md.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gongwen/pipeline/render.hpp"

namespace gongwen {
namespace {

// ---- reading the package back -------------------------------------------------------

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src == nullptr) return parts;
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (za == nullptr) {
    zip_source_free(src);
    ADD_FAILURE() << "not a zip: " << zip_error_strerror(&err);
    return parts;
  }
  const zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
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

std::vector<std::string> entry_names(const std::string& bytes) {
  std::vector<std::string> names;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (za == nullptr) {
    zip_source_free(src);
    return names;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) names.push_back(zip_get_name(za, i, 0));
  zip_close(za);
  return names;
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

// One parsed part with XPath over the OOXML namespaces.
class Xml {
 public:
  explicit Xml(const std::string& text)
      : m_doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "part.xml", nullptr,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) {}
  bool ok() const { return m_doc != nullptr; }

  std::vector<std::string> strings(const std::string& xpath) const {
    std::vector<std::string> out;
    if (!m_doc) return out;
    xmlXPathContextPtr ctx = xmlXPathNewContext(m_doc.get());
    const std::pair<const char*, const char*> ns[] = {
        {"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
        {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
        {"wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
        {"a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
        {"pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"},
        {"cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
        {"dc", "http://purl.org/dc/elements/1.1/"},
        {"dcterms", "http://purl.org/dc/terms/"},
        {"rel", "http://schemas.openxmlformats.org/package/2006/relationships"},
        {"ct", "http://schemas.openxmlformats.org/package/2006/content-types"},
        {"ep", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}};
    for (const auto& [p, uri] : ns)
      xmlXPathRegisterNs(ctx, reinterpret_cast<const xmlChar*>(p), reinterpret_cast<const xmlChar*>(uri));
    xmlXPathObjectPtr res = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx);
    if (res == nullptr) {
      ADD_FAILURE() << "bad xpath " << xpath;
    } else if (res->type == XPATH_NODESET && res->nodesetval != nullptr) {
      for (int i = 0; i < res->nodesetval->nodeNr; ++i) {
        xmlChar* s = xmlNodeGetContent(res->nodesetval->nodeTab[i]);
        out.emplace_back(s != nullptr ? reinterpret_cast<const char*>(s) : "");
        xmlFree(s);
      }
    } else if (res->type == XPATH_NUMBER) {
      out.push_back(std::to_string(static_cast<long long>(res->floatval)));
    } else if (res->type == XPATH_STRING) {
      out.emplace_back(reinterpret_cast<const char*>(res->stringval));
    } else if (res->type == XPATH_BOOLEAN) {
      out.emplace_back(res->boolval ? "true" : "false");
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return out;
  }
  std::string one(const std::string& xpath) const {
    auto v = strings(xpath);
    return v.empty() ? std::string("<none>") : v.front();
  }
  std::size_t count(const std::string& xpath) const { return strings(xpath).size(); }

 private:
  std::unique_ptr<xmlDoc, DocFree> m_doc;
};

// ---- documents ----------------------------------------------------------------------

Document notice() {
  Document d;
  d.template_id = "notice";
  d.kind = "通知";
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府文件";
  d.number = "白政发〔2026〕7号";
  d.title = "白路乡人民政府关于做好2026年秋季防火工作的通知";
  d.main_recipients = "各村民委员会，乡直各单位";
  d.body = {
      {BlockKind::Paragraph, "为切实做好今冬明春森林防火工作，现将有关事项通知如下。", 0},
      {BlockKind::Heading1, "一、提高认识", std::string("一、提高认识").size()},
      {BlockKind::Paragraph, "各村要充分认识“防火”工作的重要性……", 0},
      {BlockKind::Heading2, "（一）加强领导。全乡各村成立防火领导小组。",
       std::string("（一）加强领导。").size()},
      {BlockKind::Heading3, "1.落实责任。", std::string("1.落实责任。").size()},
  };
  d.attachment_notes = {"防火责任人名单", "值班安排表"};
  d.signature = "白路乡人民政府";
  d.date = Date{2026, 9, 1};
  d.seal = SealMode::Sealed;
  d.seal_text = "白路乡人民政府";
  d.note = "联系人：张三，电话：1234567";
  d.attachments = {{"防火责任人名单", {{BlockKind::Paragraph, "张三，李四。", 0}}},
                   {"值班安排表", {{BlockKind::Paragraph, "每日两人值班。", 0}}}};
  d.copies_to = "县应急管理局";
  d.printer = "白路乡党政办公室";
  d.print_date = Date{2026, 9, 1};
  return d;
}

// The DOCX names the office's fonts, the first family of each of the profile's lists (the
// defaults here), never this server's stand-ins (docs/docx.md, "Fonts"; issue 14 #7).
constexpr const char* kFang = "仿宋_GB2312";
constexpr const char* kKai = "楷体_GB2312";
constexpr const char* kHei = "黑体";
constexpr const char* kXbs = "方正小标宋简体";

RenderOptions options() {
  RenderOptions o;
  o.created = Instant{1788224400, 8 * 60};  // 2026-09-01T09:00:00+08:00
  return o;
}

RenderedFile docx_of(const Document& d, const RenderOptions& o = options()) {
  auto r = render_docx(d, o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : RenderedFile{};
}

const char* const kParts[] = {
    "[Content_Types].xml", "_rels/.rels",       "word/document.xml",
    "word/styles.xml",     "word/settings.xml", "word/fontTable.xml",
    "word/footer1.xml",    "word/footer2.xml",  "word/_rels/document.xml.rels",
    "docProps/core.xml",   "docProps/app.xml"};

// Paragraph texts of document.xml in order.
std::vector<std::string> paragraphs(const Xml& doc) { return doc.strings("//w:body/w:p"); }

std::size_t index_of(const std::vector<std::string>& paras, const std::string& text) {
  for (std::size_t i = 0; i < paras.size(); ++i)
    if (paras[i].find(text) != std::string::npos) return i;
  return std::string::npos;
}

// ---- tests --------------------------------------------------------------------------

TEST(DocxWriter, AllPartsPresentAndWellFormed) {
  const auto parts = unzip(docx_of(notice()).bytes);
  for (const char* name : kParts) {
    ASSERT_TRUE(parts.count(name)) << name;
    EXPECT_TRUE(Xml(parts.at(name)).ok()) << name << " is not well-formed";
  }
  EXPECT_EQ(entry_names(docx_of(notice()).bytes).front(), "[Content_Types].xml");
}

TEST(DocxWriter, ContentTypesAndRelationshipsPointAtParts) {
  const auto parts = unzip(docx_of(notice()).bytes);
  const Xml types(parts.at("[Content_Types].xml"));
  for (const char* p : {"/word/document.xml", "/word/styles.xml", "/word/settings.xml",
                        "/word/fontTable.xml", "/word/footer1.xml", "/word/footer2.xml",
                        "/docProps/core.xml", "/docProps/app.xml"})
    EXPECT_EQ(types.count(std::string("//ct:Override[@PartName='") + p + "']"), 1u) << p;
  const Xml rels(parts.at("word/_rels/document.xml.rels"));
  for (const auto& target : rels.strings("//rel:Relationship/@Target"))
    EXPECT_TRUE(parts.count("word/" + target)) << target;
  const Xml root(parts.at("_rels/.rels"));
  for (const auto& target : root.strings("//rel:Relationship/@Target"))
    EXPECT_TRUE(parts.count(target)) << target;
}

TEST(DocxWriter, DocumentHoldsTheElementsInOrder) {
  const Document d = notice();
  const Xml doc(unzip(docx_of(d).bytes).at("word/document.xml"));
  const auto paras = paragraphs(doc);
  const std::vector<std::string> order = {
      "白路乡人民政府文件", d.number, d.title, "各村民委员会，乡直各单位：",
      "为切实做好", "一、提高认识", "（一）加强领导", "1.落实责任",
      "附件：1.防火责任人名单", "2.值班安排表", "2026年9月1日", "（联系人：张三",
      "附件1", "附件2", "抄送：县应急管理局。", "2026年9月1日印发"};
  std::size_t last = 0;
  for (const auto& text : order) {
    const std::size_t at = index_of(paras, text);
    ASSERT_NE(at, std::string::npos) << text;
    EXPECT_GE(at, last) << text << " out of order";
    last = at;
  }
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Title']"), d.title);
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='DocNumber']"), d.number);
}

// Issue 14: the spaces the layout does not set (layout/text.hpp drop_stray_spaces) are not
// in the DOCX either, so a reader sets the same characters on each line; a heading's
// typeface still ends where it did.
TEST(DocxWriter, StraySpacesAreLeftOutAsInThePdf) {
  Document d = notice();
  d.body[2].text = "各村要充分认识“ 防火”工作的重要性……";
  d.body[3].text = "（一） 加强领导。全乡各村 成立防火领导小组。";
  d.body[3].heading_bytes = std::string("（一） 加强领导。").size();
  const Xml doc(unzip(docx_of(d).bytes).at("word/document.xml"));
  const auto paras = paragraphs(doc);
  EXPECT_NE(index_of(paras, "各村要充分认识“防火”工作的重要性"), std::string::npos);
  EXPECT_NE(index_of(paras, "（一）加强领导。全乡各村成立防火领导小组。"), std::string::npos);
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Heading2']/w:r[1]/w:t"), "（一）加强领导。");
}

TEST(DocxWriter, HeadingRunsUseTheHeadingTypeface) {
  const Document d = notice();
  const FontChoices fonts;
  const Xml doc(unzip(docx_of(d).bytes).at("word/document.xml"));
  // Standalone 一级标题: the whole text in 黑体.
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Heading1']/w:r[1]/w:rPr/w:rFonts/@w:eastAsia"),
            kHei);
  // Run-in 二级标题: marker + first sentence in 楷体, the rest in 仿宋.
  const std::string h2 = "//w:p[w:pPr/w:pStyle/@w:val='Heading2']";
  EXPECT_EQ(doc.one(h2 + "/w:r[1]/w:t"), "（一）加强领导。");
  EXPECT_EQ(doc.one(h2 + "/w:r[1]/w:rPr/w:rFonts/@w:eastAsia"), kKai);
  EXPECT_EQ(doc.one(h2 + "/w:r[2]/w:rPr/w:rFonts/@w:eastAsia"), kFang);
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='GongwenBody'][1]/w:r/w:rPr/w:rFonts/@w:eastAsia"),
            kFang);
}

TEST(DocxWriter, EveryRunNamesItsFontsAndNoThemeFont) {
  const auto parts = unzip(docx_of(notice()).bytes);
  for (const char* name : {"word/document.xml", "word/footer1.xml", "word/footer2.xml"}) {
    const Xml xml(parts.at(name));
    EXPECT_GT(xml.count("//w:r"), 0u) << name;
    EXPECT_EQ(xml.count("//w:r[not(w:rPr/w:rFonts/@w:eastAsia)]"), 0u) << name;
    EXPECT_EQ(xml.count("//w:r[not(w:rPr/w:rFonts/@w:ascii) or not(w:rPr/w:rFonts/@w:hAnsi)]"), 0u)
        << name;
  }
  for (const auto& [name, text] : parts) {
    if (!name.ends_with(".xml") && !name.ends_with(".rels")) continue;
    const Xml xml(text);
    EXPECT_EQ(xml.count("//@*[contains(local-name(), 'Theme')]"), 0u) << name;
  }
}

TEST(DocxWriter, AmbiguousPunctuationCarriesTheEastAsianHint) {
  const Xml doc(unzip(docx_of(notice()).bytes).at("word/document.xml"));
  const auto hinted = doc.strings("//w:r[w:rPr/w:rFonts/@w:hint='eastAsia']/w:t");
  bool quote = false;
  for (const auto& t : hinted) quote = quote || t.find("“防火”") != std::string::npos;
  EXPECT_TRUE(quote);
  // and not on plain runs
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Title']/w:r/w:rPr/w:rFonts/@w:hint"), "<none>");
}

TEST(DocxWriter, SectionFollowsTheGrid) {
  const Xml doc(unzip(docx_of(notice()).bytes).at("word/document.xml"));
  const std::string s = "/w:document/w:body/w:sectPr";
  EXPECT_EQ(doc.one(s + "/w:pgSz/@w:w"), "11906");
  EXPECT_EQ(doc.one(s + "/w:pgSz/@w:h"), "16838");
  EXPECT_EQ(doc.one(s + "/w:pgMar/@w:top"), "2098");
  EXPECT_EQ(doc.one(s + "/w:pgMar/@w:bottom"), "1984");
  EXPECT_EQ(doc.one(s + "/w:pgMar/@w:left"), "1588");
  EXPECT_EQ(doc.one(s + "/w:pgMar/@w:right"), "1474");
  // A line grid; the 28 characters come from −0.25 pt letter spacing in the defaults
  // (a character grid makes LibreOffice give each 16 pt glyph two cells).
  EXPECT_EQ(doc.one(s + "/w:docGrid/@w:type"), "lines");
  EXPECT_EQ(doc.one(s + "/w:docGrid/@w:linePitch"), "579");
  const Xml styles(unzip(docx_of(notice()).bytes).at("word/styles.xml"));
  const int spacing = std::stoi(styles.one("//w:docDefaults/w:rPrDefault/w:rPr/w:spacing/@w:val"));
  EXPECT_EQ(spacing, -5);
  EXPECT_LE(28 * (16.0 + spacing / 20.0), 8844 / 20.0);
  EXPECT_GT(29 * (16.0 + spacing / 20.0), 8844 / 20.0);
  EXPECT_EQ(styles.one("//w:docDefaults/w:pPrDefault/w:pPr/w:widowControl/@w:val"), "0");
  // Page number line 7 mm below the 版心: footer distance + one 14 pt line = 28 mm.
  const int footer = std::stoi(doc.one(s + "/w:pgMar/@w:footer"));
  EXPECT_NEAR((footer + 280) / 1440.0 * 25.4, 28.0, 0.1);
  EXPECT_EQ(doc.one(s + "/w:footerReference[@w:type='default']/@r:id") != "<none>", true);
  EXPECT_EQ(doc.one(s + "/w:footerReference[@w:type='even']/@r:id") != "<none>", true);
}

TEST(DocxWriter, OddAndEvenFootersCarryThePageField) {
  const auto parts = unzip(docx_of(notice()).bytes);
  EXPECT_EQ(Xml(parts.at("word/settings.xml")).count("//w:evenAndOddHeaders"), 1u);
  const Xml odd(parts.at("word/footer1.xml")), even(parts.at("word/footer2.xml"));
  for (const Xml* f : {&odd, &even}) {
    EXPECT_EQ(f->one("//w:instrText"), " PAGE ");
    EXPECT_EQ(f->count("//w:fldChar[@w:fldCharType='begin']"), 1u);
    EXPECT_EQ(f->count("//w:fldChar[@w:fldCharType='end']"), 1u);
    std::string shown;
    for (const auto& t : f->strings("//w:t")) shown += t;
    EXPECT_EQ(shown, "\u2014 1 \u2014");
    EXPECT_EQ(f->one("//w:r[1]/w:rPr/w:sz/@w:val"), "28");
  }
  EXPECT_EQ(odd.one("//w:jc/@w:val"), "right");
  EXPECT_EQ(odd.one("//w:ind/@w:right"), "280");
  EXPECT_EQ(even.one("//w:jc/@w:val"), "left");
  EXPECT_EQ(even.one("//w:ind/@w:left"), "280");
  // The document's rels map default → footer1 (odd) and even → footer2.
  const Xml doc(parts.at("word/document.xml"));
  const Xml rels(parts.at("word/_rels/document.xml.rels"));
  const auto target = [&](const char* type) {
    const std::string id = doc.one(std::string("//w:sectPr/w:footerReference[@w:type='") + type + "']/@r:id");
    return rels.one("//rel:Relationship[@Id='" + id + "']/@Target");
  };
  EXPECT_EQ(target("default"), "footer1.xml");
  EXPECT_EQ(target("even"), "footer2.xml");
}

TEST(DocxWriter, CorePropertiesComeFromTheModelAndOptions) {
  const Document d = notice();
  const Xml core(unzip(docx_of(d).bytes).at("docProps/core.xml"));
  EXPECT_EQ(core.one("//dc:title"), d.title);
  EXPECT_EQ(core.one("//dc:creator"), "白路乡人民政府");
  EXPECT_EQ(core.one("//dc:subject"), d.number);
  EXPECT_EQ(core.one("//dcterms:created"), "2026-09-01T01:00:00Z");
}

TEST(DocxWriter, TwoRendersAreByteIdentical) {
  const auto a = docx_of(notice()).bytes;
  const auto b = docx_of(notice()).bytes;
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  // The timezone of the machine does not leak into the zip timestamps.
  const char* old = std::getenv("TZ");
  const std::string saved = old != nullptr ? old : "";
  setenv("TZ", "America/New_York", 1);
  tzset();
  const auto c = docx_of(notice()).bytes;
  if (old != nullptr) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
  EXPECT_EQ(a, c);
}

TEST(DocxWriter, XmlSpecialCharactersSurvive) {
  Document d = notice();
  d.title = "关于<机构>调整 & \"合并\" 的'通知'";
  d.body.push_back({BlockKind::Paragraph, "a<b && c>d ]]> 结束", 0});
  const auto parts = unzip(docx_of(d).bytes);
  const Xml doc(parts.at("word/document.xml"));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Title']"), d.title);
  EXPECT_NE(index_of(paragraphs(doc), "a<b && c>d ]]> 结束"), std::string::npos);
  EXPECT_EQ(Xml(parts.at("docProps/core.xml")).one("//dc:title"), d.title);
}

TEST(DocxWriter, ControlCharactersAndBrokenUtf8StillGiveWellFormedXml) {
  Document d = notice();
  d.title = std::string("坏\x01字\xff符");
  const Xml doc(unzip(docx_of(d).bytes).at("word/document.xml"));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Title']"), "坏字\uFFFD符");
}

TEST(DocxWriter, StylesAreNamedForTheElements) {
  const Xml styles(unzip(docx_of(notice()).bytes).at("word/styles.xml"));
  for (const char* name : {"公文正文", "公文标题", "发文机关标志", "发文字号", "主送机关", "一级标题",
                           "二级标题", "三级标题", "附件说明", "署名", "成文日期", "附注", "版记"})
    EXPECT_EQ(styles.count(std::string("//w:style/w:name[@w:val='") + name + "']"), 1u) << name;
  const std::string body = "//w:style[w:name/@w:val='公文正文']";
  EXPECT_EQ(styles.one(body + "/w:pPr/w:ind/@w:firstLineChars"), "200");
  EXPECT_EQ(styles.one("//w:style[@w:styleId='Normal']/w:rPr/w:sz/@w:val"), "32");
  EXPECT_EQ(styles.one("//w:style[@w:styleId='Normal']/w:rPr/w:rFonts/@w:eastAsia"), kFang);
  EXPECT_EQ(styles.one("//w:style[@w:styleId='Normal']/w:pPr/w:spacing/@w:line"), "579");
  EXPECT_EQ(styles.one("//w:style[@w:styleId='Normal']/w:pPr/w:spacing/@w:lineRule"), "exact");
  EXPECT_EQ(styles.one("//w:style[w:name/@w:val='一级标题']/w:rPr/w:rFonts/@w:eastAsia"), kHei);
  EXPECT_EQ(styles.one("//w:style[w:name/@w:val='二级标题']/w:rPr/w:rFonts/@w:eastAsia"), kKai);
  EXPECT_EQ(styles.one("//w:style[w:name/@w:val='公文标题']/w:rPr/w:sz/@w:val"), "44");
  EXPECT_EQ(styles.one("//w:style[w:name/@w:val='版记']/w:rPr/w:sz/@w:val"), "28");
  EXPECT_EQ(styles.one("//w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:eastAsia"), kFang);
}

TEST(DocxWriter, NamesTheOfficeFontsNeverTheServersStandIns) {
  const auto parts = unzip(docx_of(notice()).bytes);
  const Xml table(parts.at("word/fontTable.xml"));
  for (const char* name : {kFang, kKai, kHei, kXbs})
    EXPECT_EQ(table.count(std::string("//w:font[@w:name='") + name + "']"), 1u) << name;
  // Windows has 仿宋 and 楷体 rather than the GB2312 faces: offered as the alternate.
  EXPECT_EQ(table.one(std::string("//w:font[@w:name='") + kFang + "']/w:altName/@w:val"), "仿宋");
  EXPECT_EQ(table.one(std::string("//w:font[@w:name='") + kKai + "']/w:altName/@w:val"), "楷体");
  // No stand-in anywhere in the package, and no bold: a 小标宋 has one weight.
  for (const auto& [name, xml] : parts)
    if (name.ends_with(".xml")) {
      for (const char* standin : {"Fandol", "Noto"}) EXPECT_EQ(xml.find(standin), std::string::npos) << name;
      EXPECT_EQ(xml.find("<w:b/>"), std::string::npos) << name;
    }
  // The profile's choice comes first, whatever is installed.
  RenderOptions o = options();
  o.fonts.fangsong = " 仿宋 , FandolFang";
  const Xml doc(unzip(docx_of(notice(), o).bytes).at("word/document.xml"));
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='GongwenBody'][1]/w:r/w:rPr/w:rFonts/@w:eastAsia"), "仿宋");
}

// The project's fontconfig file maps each office name to the face the PDF is set in: what
// LibreOffice finds for the DOCX is what our PDF embeds (fc-match, as LibreOffice asks).
TEST(DocxWriter, FontconfigFileMapsTheOfficeNamesToThePdfsFaces) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "gongwen_docx_fc_test";
  fs::create_directories(dir);
  std::ofstream(dir / "fonts.conf")
      << "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
         "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
         "<include>" GONGWEN_SOURCE_DIR "/fonts/60-gongwen-office-fonts.conf</include>"
         "<cachedir>" << (dir / "cache").string() << "</cachedir></fontconfig>\n";
  const auto match = [&](const std::string& pattern) {
    const std::string cmd = "FONTCONFIG_FILE='" + (dir / "fonts.conf").string() + "' fc-match '" +
                            pattern + ":lang=zh-cn:weight=regular' family style 2>&1";
    std::string out;
    if (FILE* f = popen(cmd.c_str(), "r")) {
      char buf[512];
      while (fgets(buf, sizeof buf, f)) out += buf;
      pclose(f);
    }
    return out;
  };
  EXPECT_THAT(match("仿宋_GB2312"), ::testing::StartsWith("FandolFang"));
  EXPECT_THAT(match("楷体_GB2312"), ::testing::StartsWith("FandolKai"));
  EXPECT_THAT(match("黑体"), ::testing::AllOf(::testing::StartsWith("FandolHei"), ::testing::HasSubstr("Regular")));
  EXPECT_THAT(match("方正小标宋简体"),
              ::testing::AllOf(::testing::StartsWith("Noto Serif CJK SC"), ::testing::HasSubstr("Bold")));
  fs::remove_all(dir);
}

TEST(DocxWriter, SealedDocumentCarriesTheSealInFrontOfText) {
  const Document d = notice();
  const RenderOptions o = options();
  const auto parts = unzip(docx_of(d, o).bytes);
  ASSERT_TRUE(parts.count("word/media/seal.png"));
  EXPECT_EQ(parts.at("word/media/seal.png").substr(1, 3), "PNG");
  EXPECT_EQ(Xml(parts.at("[Content_Types].xml")).count("//ct:Default[@Extension='png']"), 1u);
  const Xml doc(parts.at("word/document.xml"));
  const std::string anchor = "//w:p[w:pPr/w:pStyle/@w:val='Signature']//wp:anchor";
  ASSERT_EQ(doc.count(anchor), 1u);
  EXPECT_EQ(doc.one(anchor + "/@behindDoc"), "0");
  EXPECT_EQ(doc.count(anchor + "/wp:wrapNone"), 1u);
  const long long size = std::stoll(doc.one(anchor + "/wp:extent/@cx"));
  EXPECT_EQ(size, std::llround(o.seal_diameter_mm * 36000));
  // Centred over the date (右空四字), with the 署名 and the date below its centre.
  const long long x = std::stoll(doc.one(anchor + "/wp:positionH/wp:posOffset"));
  const long long y = std::stoll(doc.one(anchor + "/wp:positionV/wp:posOffset"));
  const double centre_mm = (x + size / 2.0) / 36000.0;
  const double date_right_mm = 156.0 - 4 * 156.0 / 28;
  EXPECT_LT(centre_mm, date_right_mm);
  EXPECT_GT(centre_mm, date_right_mm - 6 * 156.0 / 28);
  EXPECT_LT(y, 0);
  EXPECT_GT(y + size / 2.0, 0);  // centre below the 署名 line's top
  // The image relationship the blip names exists and points at the PNG.
  const std::string id = doc.one(anchor + "//a:blip/@r:embed");
  EXPECT_EQ(Xml(parts.at("word/_rels/document.xml.rels")).one("//rel:Relationship[@Id='" + id + "']/@Target"),
            "media/seal.png");
  // The date is 右空四字 (4 × 8844 / 28 twips).
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='SignDate']/w:pPr/w:ind/@w:right"), "1263");
}

// 联合行文: one seal image per organ, each drawn from that organ's seal text and anchored in
// the 署名 paragraph at the layout's place (centred on its own name); the names on the
// layout's centre tabs.
TEST(DocxWriter, JointIssueHasOneSealPerOrganOverItsOwnName) {
  Document d = notice();
  d.issuers = {"中共白路乡委员会", "白路乡人民政府"};
  d.joint_signers = {{"中共白路乡委员会", "中共白路乡委员会"}, {"白路乡人民政府", "白路乡人民政府"}};
  d.signature = "中共白路乡委员会　白路乡人民政府";
  const auto parts = unzip(docx_of(d).bytes);
  ASSERT_TRUE(parts.count("word/media/seal.png"));
  ASSERT_TRUE(parts.count("word/media/seal2.png"));
  EXPECT_NE(parts.at("word/media/seal.png"), parts.at("word/media/seal2.png")) << "each organ's own seal";
  const Xml doc(parts.at("word/document.xml"));
  const std::string p = "//w:p[w:pPr/w:pStyle/@w:val='Signature']";
  ASSERT_EQ(doc.count(p), 1u) << "two names on one row";
  ASSERT_EQ(doc.count(p + "//wp:anchor"), 2u);
  EXPECT_EQ(doc.one("(" + p + "//wp:anchor)[1]/wp:docPr/@descr"), "中共白路乡委员会");
  EXPECT_EQ(doc.one("(" + p + "//wp:anchor)[2]/wp:docPr/@descr"), "白路乡人民政府");
  const Xml rels(parts.at("word/_rels/document.xml.rels"));
  const std::string id2 = doc.one("(" + p + "//wp:anchor)[2]//a:blip/@r:embed");
  EXPECT_EQ(rels.one("//rel:Relationship[@Id='" + id2 + "']/@Target"), "media/seal2.png");
  // Each seal centred on its name's centre tab; seals apart (never touching).
  std::vector<double> centres;
  for (int k = 1; k <= 2; ++k) {
    const std::string a = "(" + p + "//wp:anchor)[" + std::to_string(k) + "]";
    const long long x = std::stoll(doc.one(a + "/wp:positionH/wp:posOffset"));
    const long long size = std::stoll(doc.one(a + "/wp:extent/@cx"));
    const double centre_twips = (x + size / 2.0) / 635.0;
    const double tab = std::stod(doc.one(p + "/w:pPr/w:tabs/w:tab[" + std::to_string(k) + "]/@w:pos"));
    EXPECT_EQ(doc.one(p + "/w:pPr/w:tabs/w:tab[" + std::to_string(k) + "]/@w:val"), "center");
    EXPECT_NEAR(centre_twips, tab, 2);
    centres.push_back(centre_twips / 1440.0 * 25.4);
  }
  EXPECT_GT(centres[1] - centres[0], 42.0);
  EXPECT_EQ(doc.count("//w:p[w:pPr/w:pStyle/@w:val='SignDate']"), 1u);
}

TEST(DocxWriter, UnsealedJointIssueStacksTheNames) {
  Document d = notice();
  d.seal = SealMode::Unsealed;
  d.issuers = {"中共白路乡委员会", "白路乡人民政府"};
  d.joint_signers = {{"中共白路乡委员会", ""}, {"白路乡人民政府", ""}};
  const auto parts = unzip(docx_of(d).bytes);
  EXPECT_FALSE(parts.count("word/media/seal.png"));
  const Xml doc(parts.at("word/document.xml"));
  ASSERT_EQ(doc.count("//w:p[w:pPr/w:pStyle/@w:val='Signature']"), 2u) << "one name a row";
}

TEST(DocxWriter, UnsealedDocumentHasNoSealImage) {
  Document d = notice();
  d.seal = SealMode::Unsealed;
  const auto parts = unzip(docx_of(d).bytes);
  EXPECT_FALSE(parts.count("word/media/seal.png"));
  EXPECT_EQ(Xml(parts.at("[Content_Types].xml")).count("//ct:Default[@Extension='png']"), 0u);
  EXPECT_EQ(Xml(parts.at("word/_rels/document.xml.rels")).count("//rel:Relationship[contains(@Target,'media')]"), 0u);
  const Xml doc(parts.at("word/document.xml"));
  EXPECT_EQ(doc.count("//w:drawing"), 0u);
  // 署名 右空二字; the date starts two 字 right of the 署名's start.
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Signature']/w:pPr/w:ind/@w:right"), "632");
  const int sig_start = 8844 - 632 - 7 * 8844 / 28;
  const int date_left = std::stoi(doc.one("//w:p[w:pPr/w:pStyle/@w:val='SignDate']/w:pPr/w:ind/@w:left"));
  // Two 字 right, or less when the date as LibreOffice sets it (Latin digits at their
  // widths, Asian–Latin space) would not end inside the 版心 from there.
  EXPECT_LE(date_left - sig_start, 2 * 8844 / 28 + 2);
  EXPECT_GE(date_left - sig_start, 2 * 8844 / 28 - 80);
}

TEST(DocxWriter, HeadOfAnOrdinaryDocument) {
  Document d = notice();
  d.copy_number = "000001";
  d.secrecy = Secrecy::Confidential;
  d.secrecy_term = "3年";
  d.urgency = Urgency::VeryUrgent;
  const Xml doc(unzip(docx_of(d).bytes).at("word/document.xml"));
  const auto paras = paragraphs(doc);
  ASSERT_GE(paras.size(), 4u);
  EXPECT_EQ(paras[0], "000001");
  EXPECT_EQ(paras[1], "机密★3年");
  EXPECT_EQ(paras[2], "特急");
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Secrecy']/w:r/w:rPr/w:rFonts/@w:eastAsia"), kHei);
  const std::string mark = "//w:p[w:pPr/w:pStyle/@w:val='IssuerMark']";
  EXPECT_EQ(doc.one(mark + "/w:r/w:rPr/w:color/@w:val"), "FF0000");
  EXPECT_EQ(doc.one(mark + "/w:r/w:rPr/w:rFonts/@w:eastAsia"), kXbs);
  // Top edge 35 mm below the 版心 top: three 28.95 pt lines plus the spacing before.
  const int before = std::stoi(doc.one(mark + "/w:pPr/w:spacing/@w:before"));
  EXPECT_NEAR((before + 3 * 579) / 1440.0 * 25.4, 35.0, 0.2);
  // Red separator under the 发文字号.
  const std::string rule = "//w:p[w:pPr/w:pStyle/@w:val='DocNumber']/w:pPr/w:pBdr/w:bottom";
  EXPECT_EQ(doc.one(rule + "/@w:color"), "FF0000");
  EXPECT_EQ(doc.one(rule + "/@w:sz"), "8");
}

TEST(DocxWriter, UpwardNumberSharesTheLineWithTheSigner) {
  Document d = notice();
  d.direction = Direction::Upward;
  d.signers = {"王五"};
  const Xml doc(unzip(docx_of(d).bytes).at("word/document.xml"));
  const std::string p = "//w:p[w:pPr/w:pStyle/@w:val='DocNumber']";
  ASSERT_EQ(doc.count(p), 1u);
  EXPECT_EQ(doc.one(p + "/w:pPr/w:jc/@w:val"), "left");
  EXPECT_EQ(doc.one(p + "/w:pPr/w:tabs/w:tab/@w:val"), "right");
  EXPECT_EQ(doc.count(p + "//w:tab[not(@w:val)]"), 1u);
  EXPECT_EQ(doc.one(p), d.number + "签发人：王五");
  EXPECT_EQ(doc.one(p + "/w:r[last()]/w:rPr/w:rFonts/@w:eastAsia"), kKai);
  // Three signers: two names a line, the 文号 on the line of the last one.
  d.signers = {"王五", "赵六", "孙七"};
  const auto lines = Xml(unzip(docx_of(d).bytes).at("word/document.xml")).strings(p);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "签发人：王五\u3000赵六");
  EXPECT_EQ(lines[1], d.number + "孙七");
}

TEST(DocxWriter, AttachmentNotesHangSoItemsAlign) {
  const Xml doc(unzip(docx_of(notice()).bytes).at("word/document.xml"));
  const auto notes = doc.strings("//w:p[w:pPr/w:pStyle/@w:val='AttachmentNote']");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0], "附件：1.防火责任人名单");
  EXPECT_EQ(notes[1], "2.值班安排表");
  const auto left = doc.strings("//w:p[w:pPr/w:pStyle/@w:val='AttachmentNote']/w:pPr/w:ind/@w:left");
  const auto hang = doc.strings("//w:p[w:pPr/w:pStyle/@w:val='AttachmentNote']/w:pPr/w:ind/@w:hanging");
  ASSERT_EQ(left.size(), 2u);
  ASSERT_EQ(hang.size(), 2u);
  // First line starts at 2 字; the second item starts under the first name's "1.".
  const double pitch = 8844.0 / 28;
  EXPECT_NEAR(std::stoi(left[0]) - std::stoi(hang[0]), 2 * pitch, 2);
  EXPECT_NEAR(std::stoi(left[1]) - std::stoi(hang[1]), 5 * pitch, 2);
  EXPECT_EQ(left[0], left[1]);
}

TEST(DocxWriter, AttachmentsStartOnANewPage) {
  const Xml doc(unzip(docx_of(notice()).bytes).at("word/document.xml"));
  const auto labels = doc.strings("//w:p[w:pPr/w:pStyle/@w:val='AttachmentLabel']");
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0], "附件1");
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='AttachmentLabel']/w:r/w:rPr/w:rFonts/@w:eastAsia"), kHei);
  const Xml styles(unzip(docx_of(notice()).bytes).at("word/styles.xml"));
  EXPECT_EQ(styles.count("//w:style[@w:styleId='AttachmentLabel']/w:pPr/w:pageBreakBefore"), 1u);
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='AttachmentTitle']"), "防火责任人名单");
}

TEST(DocxWriter, ColophonHasRulesAndFourthSizeType) {
  const Xml doc(unzip(docx_of(notice()).bytes).at("word/document.xml"));
  const std::string cc = "//w:p[w:pPr/w:pStyle/@w:val='CopiesTo']";
  const std::string pr = "//w:p[w:pPr/w:pStyle/@w:val='PrintLine']";
  EXPECT_EQ(doc.one(cc), "抄送：县应急管理局。");
  EXPECT_EQ(doc.one(pr), "白路乡党政办公室2026年9月1日印发");
  EXPECT_EQ(doc.one(cc + "/w:r/w:rPr/w:sz/@w:val"), "28");
  EXPECT_EQ(doc.one(cc + "/w:pPr/w:pBdr/w:top/@w:sz"), "8");
  EXPECT_EQ(doc.one(cc + "/w:pPr/w:pBdr/w:bottom/@w:sz"), "6");
  EXPECT_EQ(doc.one(pr + "/w:pPr/w:pBdr/w:bottom/@w:sz"), "8");
  EXPECT_EQ(doc.one(pr + "/w:pPr/w:framePr/@w:yAlign"), "bottom");
  // The 版记 is the last content of the document.
  const auto paras = paragraphs(doc);
  EXPECT_EQ(paras.back(), "白路乡党政办公室2026年9月1日印发");
}

TEST(DocxWriter, MinutesListAttendanceWithHeiLabels) {
  Document d = notice();
  d.format = Format::Minutes;
  d.kind = "纪要";
  d.issuer_mark = "白路乡人民政府办公会议纪要";
  d.present = {"李乡长", "王副乡长"};
  d.absent = {"赵委员"};
  d.attending = {"党政办张主任"};
  const Xml doc(unzip(docx_of(d).bytes).at("word/document.xml"));
  const auto lines = doc.strings("//w:p[w:pPr/w:pStyle/@w:val='Attendance']");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "出席：李乡长、王副乡长");
  EXPECT_EQ(lines[1], "请假：赵委员");
  EXPECT_EQ(lines[2], "列席：党政办张主任");
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Attendance']/w:r[1]/w:rPr/w:rFonts/@w:eastAsia"), kHei);
  EXPECT_EQ(doc.one("//w:p[w:pPr/w:pStyle/@w:val='Attendance']/w:r[2]/w:rPr/w:rFonts/@w:eastAsia"),
            kFang);
}

TEST(DocxWriter, EmptyDocumentStillRenders) {
  Document d;
  d.seal = SealMode::Unsealed;
  const auto parts = unzip(docx_of(d).bytes);
  for (const char* name : kParts) EXPECT_TRUE(parts.count(name)) << name;
  EXPECT_TRUE(Xml(parts.at("word/document.xml")).ok());
  EXPECT_EQ(Xml(parts.at("docProps/core.xml")).count("//dc:title"), 0u);
}

// LibreOffice must open the file and find the text (run.sh installs it: missing is a failure).
TEST(DocxWriter, LibreOfficeConvertsIt) {
  ASSERT_EQ(std::system("command -v soffice >/dev/null 2>&1"), 0) << "soffice not installed";
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "gongwen_docx_soffice_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "notice.docx", std::ios::binary);
    const auto bytes = docx_of(notice()).bytes;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const std::string cmd = "cd '" + dir.string() +
                          "' && soffice --headless --convert-to txt:Text notice.docx >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir / "notice.txt");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("秋季防火工作"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongwen
