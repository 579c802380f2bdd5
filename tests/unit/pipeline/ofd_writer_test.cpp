// write_ofd checked the way an exchange system would: every XML part against the GB/T 33190
// schemas with xmllint, the text per page and every glyph's position against the PDF of the
// same layout (Poppler reads the PDF, libxml2 the OFD), the fonts (fc-scan reads the embedded
// subsets), the 公文 structure tags, and byte-identical output.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/template.hpp"
#include "zip_entries.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;
constexpr double kMm = 72.0 / 25.4;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  for (auto& [name, data] : test::zip_entries(bytes)) out[name] = std::move(data);
  return out;
}

std::string run(const std::string& cmd, int* status) {
  std::string out;
  *status = test::run_command(cmd, &out);
  return out;
}

std::string strip_spaces(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') { ++i; continue; }
    if (s.compare(i, 3, "\u3000") == 0) { i += 3; continue; }
    out += s[i++];
  }
  return out;
}

std::vector<char32_t> decode(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::vector<double> numbers(const std::string& s) {
  std::vector<double> v;
  std::istringstream in(s);
  std::string tok;
  while (in >> tok) v.push_back(std::stod(tok));
  return v;
}

// DeltaX as written (GB/T 33190 §11.3), with "g N v" expanded.
std::vector<double> expand_delta(const std::string& s) {
  std::vector<double> v;
  std::istringstream in(s);
  std::string tok;
  while (in >> tok) {
    if (tok == "g") {
      int n;
      double d;
      in >> n >> d;
      for (int k = 0; k < n; ++k) v.push_back(d);
    } else {
      v.push_back(std::stod(tok));
    }
  }
  return v;
}

std::string attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

std::string local(xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

// One glyph as the OFD places it: character, x of its origin and baseline y, in mm.
struct OfdGlyph {
  char32_t cp;
  double x, y;
};

void collect_glyphs(xmlNode* n, std::vector<OfdGlyph>& out, std::string& text) {
  for (xmlNode* c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (local(c) == "TextObject") {
      const std::vector<double> b = numbers(attr(c, "Boundary"));
      for (xmlNode* t = c->children; t; t = t->next) {
        if (t->type != XML_ELEMENT_NODE || local(t) != "TextCode") continue;
        xmlChar* content = xmlNodeGetContent(t);
        const std::string s = reinterpret_cast<const char*>(content);
        xmlFree(content);
        text += s;
        const std::vector<double> dx = expand_delta(attr(t, "DeltaX"));
        double x = b[0] + std::stod(attr(t, "X"));
        const double y = b[1] + std::stod(attr(t, "Y"));
        const std::vector<char32_t> cps = decode(s);
        for (std::size_t i = 0; i < cps.size(); ++i) {
          out.push_back({cps[i], x, y});
          if (i < dx.size()) x += dx[i];
        }
      }
    }
    collect_glyphs(c->children, out, text);
  }
}

class OfdWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path root = GONGWEN_SOURCE_DIR;
    templates = load_templates(root / "templates").take();
    profile = parse_profile(slurp(root / "templates" / "profile.example.toml"), "gongwen.toml").take();
    options.created = parse_instant("2026-11-20T09:00:00+08:00").value();
  }
  Document sample(const std::string& name, const std::string& number = "白政发〔2026〕7号") {
    const fs::path dir = fs::path(GONGWEN_SOURCE_DIR) / "samples";
    Document d = read_draft(slurp(dir / name), name, dir, templates, profile).take().doc;
    d.number = number;
    d.print_date = d.date;
    return d;
  }
  std::vector<Template> templates;
  Profile profile;
  RenderOptions options;
};

const char* kSamples[] = {"01-rules-notice.toml", "03-funds-request.toml", "05-letter.toml",
                          "06-weekly-minutes.toml", "08-secret-notice.toml", "09-forest-fire.toml"};

std::string schema_for(const std::string& part) {
  const fs::path dir = fs::path(GONGWEN_SOURCE_DIR) / "tests" / "ofd" / "schema";
  auto ends = [&](const char* tail) {
    const std::string t = tail;
    return part.size() >= t.size() && part.compare(part.size() - t.size(), t.size(), t) == 0;
  };
  if (part == "OFD.xml") return dir / "OFD.xsd";
  if (ends("/Document.xml")) return dir / "Document.xsd";
  if (ends("Res.xml")) return dir / "Res.xsd";
  if (ends("/Content.xml")) return dir / "Page.xsd";
  if (ends("/CustomTags.xml")) return dir / "CustomTags.xsd";
  if (ends("/Gongwen.xml")) return dir / "gongwen-tags.xsd";
  return {};
}

TEST_F(OfdWriter, EveryXmlPartValidatesAgainstTheSchemas) {
  const fs::path tmp = fs::temp_directory_path() / "gongwen-ofd-schema";
  fs::create_directories(tmp);
  int checked = 0;
  for (const char* name : kSamples) {
    SCOPED_TRACE(name);
    const RenderedFile ofd = render_ofd(sample(name), options).take();
    for (const auto& [part, bytes] : unzip(ofd.bytes)) {
      if (part.size() < 4 || part.compare(part.size() - 4, 4, ".xml") != 0) continue;
      const std::string xsd = schema_for(part);
      ASSERT_FALSE(xsd.empty()) << "no schema for " << part;
      const fs::path file = tmp / "part.xml";
      std::ofstream(file, std::ios::binary) << bytes;
      int status = -1;
      const std::string out =
          run("xmllint --noout --nonet --schema '" + xsd + "' '" + file.string() + "'", &status);
      EXPECT_EQ(status, 0) << part << ":\n" << out;
      ++checked;
    }
  }
  EXPECT_GE(checked, 6 * 7);
  fs::remove_all(tmp);
}

TEST_F(OfdWriter, TextAndGlyphPositionsEqualThePdfs) {
  for (const char* name : kSamples) {
    SCOPED_TRACE(name);
    const Document doc = sample(name);
    const LaidOutDocument laid = lay_out(doc, options).take();
    const RenderedFile pdf = write_pdf(laid).take();
    const RenderedFile ofd = write_ofd(laid).take();
    ASSERT_EQ(ofd.pages, pdf.pages);
    const auto parts = unzip(ofd.bytes);
    std::unique_ptr<poppler::document> pd(
        poppler::document::load_from_raw_data(pdf.bytes.data(), static_cast<int>(pdf.bytes.size())));
    ASSERT_TRUE(pd);
    std::size_t compared = 0;
    for (int p = 0; p < pdf.pages; ++p) {
      SCOPED_TRACE("page " + std::to_string(p + 1));
      const std::string xml = parts.at("Doc_0/Pages/Page_" + std::to_string(p) + "/Content.xml");
      xmlDoc* x = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "c.xml", nullptr, XML_PARSE_NONET);
      ASSERT_TRUE(x);
      std::vector<OfdGlyph> glyphs;
      std::string text;
      collect_glyphs(xmlDocGetRootElement(x), glyphs, text);
      xmlFreeDoc(x);
      std::unique_ptr<poppler::page> page(pd->create_page(p));
      // The same characters (Poppler's reading order may put two runs of one baseline, such
      // as 签发人 and 文号, the other way round, so the text is compared as a multiset here
      // and glyph by glyph, with positions, below).
      const poppler::byte_array raw = page->text().to_utf8();
      std::vector<char32_t> ofd_chars = decode(strip_spaces(text));
      std::vector<char32_t> pdf_chars = decode(strip_spaces(std::string(raw.begin(), raw.end())));
      std::sort(ofd_chars.begin(), ofd_chars.end());
      std::sort(pdf_chars.begin(), pdf_chars.end());
      EXPECT_EQ(ofd_chars, pdf_chars);

      // Every OFD glyph has a PDF glyph of the same character at its place: x within 0.1 mm,
      // the baseline inside Poppler's box (which spans the font's ascent and descent).
      std::multimap<char32_t, poppler::rectf> pdf_glyphs;
      for (const poppler::text_box& box : page->text_list()) {
        const poppler::byte_array b = box.text().to_utf8();
        const std::vector<char32_t> cps = decode(std::string(b.begin(), b.end()));
        for (std::size_t i = 0; i < cps.size(); ++i) pdf_glyphs.emplace(cps[i], box.char_bbox(i));
      }
      std::size_t ofd_count = 0;
      for (const OfdGlyph& g : glyphs) {
        if (g.cp == U' ' || g.cp == U'\u3000') continue;
        ++ofd_count;
        auto [lo, hi] = pdf_glyphs.equal_range(g.cp);
        auto best = hi;
        double best_dx = 1e9;
        for (auto it = lo; it != hi; ++it) {
          const poppler::rectf& r = it->second;
          if (g.y < r.top() / kMm || g.y > r.bottom() / kMm) continue;
          const double dx = std::fabs(g.x - r.left() / kMm);
          if (dx < best_dx) best_dx = dx, best = it;
        }
        ASSERT_NE(best, hi) << "no PDF glyph for U+" << std::hex << static_cast<unsigned>(g.cp)
                            << " on its baseline at " << g.x << " mm";
        EXPECT_LT(best_dx, 0.1) << "U+" << std::hex << static_cast<unsigned>(g.cp) << " at x " << g.x;
        pdf_glyphs.erase(best);
        ++compared;
      }
      EXPECT_GT(ofd_count, 0u);
      for (const auto& [cp, r] : pdf_glyphs)
        EXPECT_TRUE(cp == U' ' || cp == U'\u3000') << "PDF glyph U+" << std::hex << static_cast<unsigned>(cp)
                                                    << " not in the OFD";
    }
    EXPECT_GT(compared, 100u);
  }
}

TEST_F(OfdWriter, FontsAreEmbeddedSubsetsNamedAsTheOfficeNamesThem) {
  const RenderedFile ofd = render_ofd(sample("08-secret-notice.toml"), options).take();
  const auto parts = unzip(ofd.bytes);
  const std::string& res = parts.at("Doc_0/PublicRes.xml");
  EXPECT_NE(res.find("FontName=\"仿宋_GB2312\""), std::string::npos) << res;
  EXPECT_NE(res.find("FontName=\"方正小标宋简体\""), std::string::npos) << res;
  EXPECT_NE(res.find("FontName=\"黑体\""), std::string::npos) << res;
  int fonts = 0;
  const fs::path tmp = fs::temp_directory_path() / "gongwen-ofd-font";
  for (const auto& [part, bytes] : parts) {
    if (part.rfind("Doc_0/Res/font_", 0) != 0) continue;
    ++fonts;
    EXPECT_LT(bytes.size(), 400u * 1024) << part << " is not a subset";
    std::ofstream(tmp, std::ios::binary) << bytes;
    int status = -1;
    const std::string family = run("fc-scan --format '%{family}' '" + tmp.string() + "'", &status);
    EXPECT_EQ(status, 0);
    EXPECT_FALSE(family.empty()) << part << " is not a font fc-scan reads";
  }
  fs::remove(tmp);
  EXPECT_GE(fonts, 3);
}

TEST_F(OfdWriter, DocInfoAndStructureTagsCarryThe公文sElements) {
  Document doc = sample("08-secret-notice.toml");
  doc.copy_number = "000003";
  const auto parts = unzip(render_ofd(doc, options).take().bytes);
  const std::string& info = parts.at("OFD.xml");
  EXPECT_NE(info.find("<ofd:CustomData Name=\"文号\">白政发〔2026〕7号</ofd:CustomData>"), std::string::npos) << info;
  EXPECT_NE(info.find("<ofd:CustomData Name=\"密级\">" + std::string(to_chinese(doc.secrecy))), std::string::npos);
  EXPECT_NE(info.find("<ofd:CustomData Name=\"成文日期\">" + doc.date.iso()), std::string::npos);
  EXPECT_NE(info.find("<ofd:Title>" + doc.title + "</ofd:Title>"), std::string::npos);
  const std::string& tags = parts.at("Doc_0/Tags/Gongwen.xml");
  for (const char* e : {"份号", "密级和保密期限", "发文机关标志", "发文字号", "标题", "主送机关", "正文",
                        "成文日期", "印发机关", "印发日期"})
    EXPECT_NE(tags.find(std::string("<gw:") + e), std::string::npos) << e << "\n" << tags;
  EXPECT_NE(tags.find("<gw:份号 值=\"000003\">"), std::string::npos) << tags;
  EXPECT_NE(tags.find("<gw:发文字号 值=\"白政发〔2026〕7号\">"), std::string::npos);
}

TEST_F(OfdWriter, SameDocumentSameBytesWhateverWasRenderedBefore) {
  const Document a = sample("01-rules-notice.toml");
  const std::string first = render_ofd(a, options).take().bytes;
  // Another document brings other characters into the process's shared font subsets.
  (void)render_ofd(sample("06-weekly-minutes.toml"), options).take();
  EXPECT_EQ(render_ofd(a, options).take().bytes, first);
}

}  // namespace
}  // namespace gongwen
