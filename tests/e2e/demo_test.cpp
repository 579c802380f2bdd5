// The main job end to end: `gongwen demo` on the samples, checked with real tools
// (Poppler's pdftotext/pdffonts, LibreOffice headless) and repeated for determinism.
#include <gtest/gtest.h>

#include <set>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

// One demo run shared by the tests of this file (it takes a few seconds).
class Demo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = fresh_dir("demo");
    result = gongwen({"--json", "demo", dir.string()});
  }
  static void TearDownTestSuite() { fs::remove_all(dir); }
  static nlohmann::json report() { return nlohmann::json::parse(result.out); }
  static inline fs::path dir;
  static inline Outcome result;
};

std::map<std::string, std::string> tree_bytes(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const char* sub : {"documents", "archive"})
    for (const auto& e : fs::recursive_directory_iterator(root / sub))
      if (e.is_regular_file()) out[fs::relative(e.path(), root).string()] = slurp(e.path());
  return out;
}

std::string without_space(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\f'; }),
          s.end());
  return s;
}

TEST_F(Demo, RunsTheWholePipeline) {
  ASSERT_EQ(result.code, 0) << result.err;
  const auto j = report();
  EXPECT_GE(j["issued"].size(), 16u);
  EXPECT_EQ(j["filed"]["year"], 2025);
  EXPECT_GE(j["filed"]["items"].get<int>(), 6);
  EXPECT_TRUE(fs::exists(dir / "gongwen.toml"));
  EXPECT_TRUE(fs::exists(dir / "registry.sqlite3"));
  // The catalogue sits in the year's folder, or in its BagIt payload (data/) once bagged.
  EXPECT_TRUE(fs::exists(dir / "archive" / "2025" / "归档文件目录.csv") ||
              fs::exists(dir / "archive" / "2025" / "data" / "归档文件目录.csv"));
  for (const auto& d : j["issued"]) {
    EXPECT_TRUE(fs::exists(dir / d["pdf"].get<std::string>())) << d["pdf"];
    EXPECT_TRUE(fs::exists(dir / d["docx"].get<std::string>())) << d["docx"];
  }
}

// Issue 15: a sample of each of the 15 文种, the nine added ones by their 代字.
TEST_F(Demo, IssuesASampleOfEveryKind) {
  ASSERT_EQ(result.code, 0) << result.err;
  std::set<std::string> numbers;
  const auto j = report();  // a named copy: ranging over a temporary's member would dangle
  for (const auto& d : j["issued"]) numbers.insert(d["number"].get<std::string>());
  for (const char* n : {"白党决〔2026〕1号", "白政令〔2026〕1号", "白政告〔2026〕1号", "白政通〔2026〕1号",
                        "白政复〔2026〕1号", "白政议〔2026〕1号"})
    EXPECT_TRUE(numbers.count(n)) << n;
  EXPECT_GE(j["issued"].size(), 25u);
}

TEST_F(Demo, RunTwiceGivesTheSameNumbersAndFiles) {
  ASSERT_EQ(result.code, 0) << result.err;
  const fs::path again = fresh_dir("demo-again");
  const Outcome second = gongwen({"--json", "demo", again.string()});
  ASSERT_EQ(second.code, 0) << second.err;
  const auto a = report(), b = nlohmann::json::parse(second.out);
  ASSERT_EQ(a["issued"].size(), b["issued"].size());
  for (std::size_t i = 0; i < a["issued"].size(); ++i)
    EXPECT_EQ(a["issued"][i]["number"], b["issued"][i]["number"]);
  const auto x = tree_bytes(dir), y = tree_bytes(again);
  ASSERT_EQ(x.size(), y.size());
  for (const auto& [name, bytes] : x) {
    ASSERT_TRUE(y.count(name)) << name;
    EXPECT_TRUE(y.at(name) == bytes) << name << " differs between two demo runs";
  }
  // Running it again in the same folder replaces the demo's own workspace.
  const Outcome third = gongwen({"demo", again.string()});
  EXPECT_EQ(third.code, 0) << third.err;
  fs::remove_all(again);
}

TEST_F(Demo, RefusesToDeleteAFolderItDidNotMake) {
  const fs::path mine = fresh_dir("not-demo");
  fs::create_directories(mine);
  { std::ofstream(mine / "keep.txt") << "important"; }
  const Outcome r = gongwen({"demo", mine.string()});
  EXPECT_EQ(r.code, 6) << r.err;
  EXPECT_TRUE(fs::exists(mine / "keep.txt"));
  fs::remove_all(mine);
}

TEST_F(Demo, PdfsOpenInPopplerWithTheirTextAndEmbeddedChineseFonts) {
  ASSERT_EQ(result.code, 0) << result.err;
  const auto j = report();  // a named copy: ranging over a temporary's member would dangle
  int checked = 0;
  for (const auto& d : j["issued"]) {
    ++checked;
    const std::string pdf = (dir / d["pdf"].get<std::string>()).string();
    SCOPED_TRACE(pdf);
    const Outcome text = run("pdftotext", {"-enc", "UTF-8", pdf, "-"});
    ASSERT_EQ(text.code, 0) << text.err;
    const std::string flat = without_space(text.out);
    // A 令 prints no title (命令格式: 令号 under the 标志, then the 正文).
    const bool order = d["number"].get<std::string>().find("令〔") != std::string::npos;
    if (!order) EXPECT_NE(flat.find(without_space(d["title"].get<std::string>())), std::string::npos);
    // A 令 prints its 令号 (第N号), not the 文号 it is registered under.
    EXPECT_NE(flat.find(order ? std::string("第1号") : d["number"].get<std::string>()), std::string::npos);
    // 信函格式 carries no page number on its first page (GB/T 9704 §10.1).
    const bool letter = d["number"].get<std::string>().find("函") != std::string::npos;
    if (!letter) EXPECT_NE(text.out.find("— 1 —"), std::string::npos);
    if (letter) EXPECT_EQ(text.out.find("— 1 —"), std::string::npos);
    // Page 2 is numbered unless it is the 版记 page alone (封四), as for a one-page 令.
    if (d["pages"].get<int>() >= 3) EXPECT_NE(text.out.find("— 2 —"), std::string::npos);

    const Outcome fonts = run("pdffonts", {pdf});
    ASSERT_EQ(fonts.code, 0) << fonts.err;
    std::istringstream lines(fonts.out);
    std::string line;
    int rows = 0;
    std::getline(lines, line);
    std::getline(lines, line);  // the two header lines
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      ++rows;
      // Every font is a CJK face (Fandol, Noto CJK, AR PL), embedded and subset.
      const bool cjk = line.find("Fandol") != std::string::npos || line.find("CJK") != std::string::npos ||
                       line.find("AR") != std::string::npos || line.find("GB") != std::string::npos;
      EXPECT_TRUE(cjk) << "non-CJK font: " << line;
      EXPECT_NE(line.find(" yes yes yes "), std::string::npos) << "not embedded: " << line;
    }
    EXPECT_GE(rows, 2);
  }
  EXPECT_GE(checked, 16);
}

TEST_F(Demo, DocxFilesOpenInLibreOfficeHeadless) {
  ASSERT_EQ(result.code, 0) << result.err;
  // run.sh installs LibreOffice: missing, it is a failure, not a skip.
  ASSERT_EQ(run("sh", {"-c", "command -v soffice"}).code, 0) << "soffice is not installed";
  const fs::path out = fresh_dir("lo");
  fs::create_directories(out);
  std::vector<std::string> args = {"--headless", "--norestore", "-env:UserInstallation=file://" + (out / "profile").string(),
                                   "--convert-to", "pdf", "--outdir", out.string()};
  const auto issued = report()["issued"];
  for (const auto& d : issued) args.push_back((dir / d["docx"].get<std::string>()).string());
  const Outcome lo = run("soffice", args);
  ASSERT_EQ(lo.code, 0) << lo.err;
  for (const auto& d : issued) {
    const fs::path pdf = out / (fs::path(d["docx"].get<std::string>()).stem().string() + ".pdf");
    SCOPED_TRACE(pdf.string());
    ASSERT_TRUE(fs::exists(pdf)) << lo.out << lo.err;
    const Outcome text = run("pdftotext", {"-enc", "UTF-8", pdf.string(), "-"});
    const std::string expected = d["number"].get<std::string>().find("令〔") != std::string::npos
                                     ? std::string("第1号")  // a 令 prints its 令号, no title
                                     : d["title"].get<std::string>();
    EXPECT_NE(without_space(text.out).find(without_space(expected)), std::string::npos);
  }
  fs::remove_all(out);
}

TEST_F(Demo, SearchFindsTheForestFireNoticeAndHidesTheSecretOne) {
  ASSERT_EQ(result.code, 0) << result.err;
  const Outcome fire = gongwen({"-w", dir.string(), "--json", "--as", "wangfang", "search", "森林防火"});
  ASSERT_EQ(fire.code, 0) << fire.err;
  const auto j = nlohmann::json::parse(fire.out);
  ASSERT_GE(j["hits"].size(), 1u);
  EXPECT_NE(j["hits"][0]["title"].get<std::string>().find("森林防火"), std::string::npos);

  const Outcome hidden = gongwen({"-w", dir.string(), "--json", "--as", "wangfang", "search", "征兵政治考核"});
  ASSERT_EQ(hidden.code, 0) << hidden.err;
  EXPECT_EQ(nlohmann::json::parse(hidden.out)["total"], 0);
  EXPECT_EQ(hidden.out.find("征兵政治考核工作的通知"), std::string::npos);

  const Outcome cleared = gongwen({"-w", dir.string(), "--json", "--as", "chenzhiyong", "search", "征兵政治考核"});
  ASSERT_EQ(cleared.code, 0) << cleared.err;
  EXPECT_EQ(nlohmann::json::parse(cleared.out)["total"], 1);

  const Outcome unknown = gongwen({"-w", dir.string(), "--as", "nobody", "search", "森林防火"});
  EXPECT_EQ(unknown.code, 4);
  EXPECT_NE(unknown.err.find("unknown user 'nobody'"), std::string::npos);
}

TEST_F(Demo, AuditLogAndSealRegisterAreComplete) {
  ASSERT_EQ(result.code, 0) << result.err;
  const Outcome verify = gongwen({"-w", dir.string(), "audit", "verify"});
  EXPECT_EQ(verify.code, 0) << verify.err;
  const Outcome seals = gongwen({"-w", dir.string(), "--json", "seal", "log"});
  ASSERT_EQ(seals.code, 0);
  const auto s = nlohmann::json::parse(seals.out);
  // Every sealed document has its seal use registered (纪要 are not sealed).
  EXPECT_GE(s.size(), 12u);
  for (const auto& row : s) {
    EXPECT_EQ(row["keeper"], "sunxiuying");
    EXPECT_FALSE(row["approver"].get<std::string>().empty());
  }
}

// Every XML part of every OFD the demo issues (the documents and the secret ones' numbered
// copies, sealed as issued) validates against the GB/T 33190 schemas, read with xmllint as an
// exchange system would (issue 16). A part with no schema to check it against fails too.
TEST_F(Demo, EveryXmlPartOfEveryIssuedOfdValidatesAgainstItsSchema) {
  ASSERT_EQ(result.code, 0) << result.err;
  const fs::path schemas = fs::path(GONGWEN_SOURCE_DIR) / "tests" / "ofd" / "schema";
  const auto schema_for = [&](const std::string& part) -> fs::path {
    const auto ends = [&](std::string_view tail) { return part.ends_with(tail); };
    if (part == "OFD.xml") return schemas / "OFD.xsd";
    if (ends("/Document.xml")) return schemas / "Document.xsd";
    if (ends("Res.xml")) return schemas / "Res.xsd";
    if (ends("/Content.xml")) return schemas / "Page.xsd";
    if (ends("/CustomTags.xml")) return schemas / "CustomTags.xsd";
    if (ends("/Gongwen.xml")) return schemas / "gongwen-tags.xsd";
    if (ends("/Signatures.xml")) return schemas / "Signatures.xsd";
    if (ends("/Signature.xml")) return schemas / "Signature-sm3.xsd";  // SM3 CheckValues
    return {};
  };
  int ofds = 0, parts = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "documents")) {
    if (e.path().extension() != ".ofd") continue;
    ++ofds;
    const fs::path out = fresh_dir("ofd-parts-" + std::to_string(ofds));
    ASSERT_EQ(run("unzip", {"-q", "-o", e.path().string(), "-d", out.string()}).code, 0) << e.path();
    for (const auto& f : fs::recursive_directory_iterator(out)) {
      if (f.path().extension() != ".xml") continue;
      const std::string part = f.path().lexically_relative(out).generic_string();
      const fs::path xsd = schema_for(part);
      ASSERT_FALSE(xsd.empty()) << e.path() << ": no schema for " << part;
      const Outcome v = run("xmllint", {"--noout", "--nonet", "--schema", xsd.string(), f.path().string()});
      EXPECT_EQ(v.code, 0) << e.path() << " " << part << "\n" << v.err;
      ++parts;
    }
  }
  EXPECT_GE(ofds, 25);  // every issued document, and the numbered copies beside the secret ones
  EXPECT_GE(parts, ofds * 6);
}

}  // namespace
}  // namespace gongwen::e2e

namespace gongwen::e2e {
namespace {

// The demo signs documents dated in 2025: its certificate must be valid from before then,
// and every 2025 document comes with its 发文稿纸.
TEST_F(Demo, CertificateCoversThe2025DocumentsAndSheetsAreWritten) {
  ASSERT_EQ(result.code, 0) << result.err;
  const Outcome o = run("openssl", {"x509", "-in", (dir / "keys" / "signing-cert.pem").string(), "-noout",
                                    "-startdate", "-dateopt", "iso_8601"});
  ASSERT_NE(o.code, 127) << "openssl CLI missing (run.sh installs it)";
  ASSERT_EQ(o.code, 0) << o.err;
  // notBefore=2024-01-01 00:00:00Z
  ASSERT_GE(o.out.size(), 19u);
  EXPECT_LT(o.out.substr(o.out.find('=') + 1, 10), "2025-01-01") << o.out;
  std::size_t sheets = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "documents" / "2025"))
    sheets += e.path().filename().string().find(".发文稿纸.pdf") != std::string::npos;
  EXPECT_GE(sheets, 6u);
}

}  // namespace
}  // namespace gongwen::e2e
