// The annual archive end to end with the real binary: the demo's office files its sample
// year through `gongwen archive file`, then the package is checked with outside tools
// (Poppler for the 归档章 position, pdfsig for the issued signature, sha256sum for the BagIt
// manifests, SQLite for the catalogue against the register); 四性检测 catches a changed byte,
// a deleted file and an added one, each named; receiving, circulation, 清退 and lending run
// through the CLI with their refusals.
#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <sqlite3.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
constexpr double kPt = 72.0 / 25.4;

std::vector<std::vector<std::string>> query(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.string().c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  std::vector<std::vector<std::string>> rows;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr) == SQLITE_OK)
    while (sqlite3_step(s) == SQLITE_ROW) {
      rows.emplace_back();
      for (int i = 0; i < sqlite3_column_count(s); ++i) {
        const auto* t = sqlite3_column_text(s, i);
        rows.back().push_back(t ? reinterpret_cast<const char*>(t) : "");
      }
    }
  sqlite3_finalize(s);
  sqlite3_close(h);
  return rows;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// One demo workspace shared by this file; 2026 is filed here through the CLI.
class Archive : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = fresh_dir("archive");
    const Outcome demo = gongwen({"demo", dir.string()});
    ASSERT_EQ(demo.code, 0) << demo.err;
    filing = gongwen({"-w", dir.string(), "--clock", "2027-01-15T09:00:00+08:00", "--as", "zhouhong", "--json",
                      "archive", "file", "--year", "2026"});
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::remove(dir.parent_path() / (dir.filename().string() + "-incoming.pdf"), ec);
  }
  static Outcome as(const std::string& user, std::vector<std::string> args,
                    const std::string& clock = "2027-01-15T09:00:00+08:00") {
    std::vector<std::string> all = {"-w", dir.string(), "--clock", clock, "--as", user};
    all.insert(all.end(), args.begin(), args.end());
    return gongwen(all);
  }
  static fs::path bag() { return dir / "archive" / "2026"; }
  static inline fs::path dir;
  static inline Outcome filing;
};

TEST_F(Archive, SampleYearIsFiledWithGaplessArchiveCodes) {
  ASSERT_EQ(filing.code, 0) << filing.err;
  const json j = json::parse(filing.out);
  const auto& items = j.at("items");
  ASSERT_GE(items.size(), 5u);
  const std::regex code_re("Z109-WS·2026-(Y|D30|D10)-(ZF|DW)-(\\d{4})");
  std::map<std::string, std::vector<int>> classes;
  for (const auto& it : items) {
    std::smatch m;
    const std::string code = it.at("archive_code");
    ASSERT_TRUE(std::regex_match(code, m, code_re)) << code;
    classes[m[1].str() + m[2].str()].push_back(std::stoi(m[3]));
  }
  for (auto& [cls, nos] : classes) {
    std::sort(nos.begin(), nos.end());
    for (std::size_t i = 0; i < nos.size(); ++i) EXPECT_EQ(nos[i], static_cast<int>(i + 1)) << cls;
  }
  // The year is locked: a second filing is a conflict (exit 6).
  EXPECT_EQ(as("zhouhong", {"archive", "file", "--year", "2026"}).code, 6);
}

TEST_F(Archive, StampIsOnPageOneOfEveryArchivalPdfAboveTheText) {
  ASSERT_EQ(filing.code, 0);
  int checked = 0;
  for (const auto& e : fs::directory_iterator(bag() / "data" / "documents")) {
    // Archival copies only: the 发文稿纸 filed beside each is not stamped.
    if (e.path().extension() != ".pdf" || e.path().string().find(".发文稿纸") != std::string::npos) continue;
    const std::string bytes = slurp(e.path());
    std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(bytes.data(), bytes.size()));
    ASSERT_TRUE(d) << e.path();
    std::unique_ptr<poppler::page> p(d->create_page(0));
    const std::string code = e.path().stem().string();
    const std::string item = code.substr(code.size() - 4);
    const std::string unit = code.substr(code.size() - 7, 2);
    const std::string ret = code.find("-Y-") != std::string::npos ? "永久"
                            : code.find("-D30-") != std::string::npos ? "30年" : "10年";
    // The topmost box of each expected cell value is the stamp's; everything else is text.
    struct Box { double left, top, right, bottom; };
    std::map<std::string, Box> cell;
    std::vector<std::pair<std::string, Box>> all;
    for (const auto& t : p->text_list()) {
      const auto u = t.text().to_utf8();
      const auto b = t.bbox();
      all.push_back({std::string(u.begin(), u.end()), Box{b.left(), b.top(), b.right(), b.bottom()}});
    }
    for (const std::string& want : std::vector<std::string>{"Z109", "2026", item, unit, ret})
      for (const auto& [s, b] : all)
        if (s == want && (!cell.count(want) || b.top < cell[want].top)) cell[want] = b;
    ASSERT_EQ(cell.size(), 5u) << code;
    double stamp_bottom = 0, other_top = 1e9;
    for (const auto& [k, b] : cell) stamp_bottom = std::max(stamp_bottom, b.bottom);
    for (const auto& [s, b] : all) {
      bool is_cell = false;
      for (const auto& [k, c] : cell) is_cell |= (c.top == b.top && c.left == b.left);
      // the 页数 cell: digits in the second row under the 件号
      is_cell |= std::abs(b.top - cell[unit].top) < 1 && std::abs((b.left + b.right) / 2 - (cell[item].left + cell[item].right) / 2) < 3;
      if (!is_cell) other_top = std::min(other_top, b.top);
    }
    EXPECT_LT(stamp_bottom, other_top) << code << ": the stamp must not cover text";
    EXPECT_NEAR((cell["2026"].left + cell["2026"].right) / 2 / kPt, 105.0, 1.5) << code << ": centred";
    EXPECT_LT(cell["Z109"].top, cell[unit].top) << "two rows";
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST_F(Archive, IssuedSignatureStillValidatesWithPdfsigAndPdfaMarkersArePresent) {
  ASSERT_EQ(filing.code, 0);
  int sheets = 0, ofds = 0;
  for (const auto& e : fs::directory_iterator(bag() / "data" / "documents")) {
    if (e.path().extension() == ".ofd") {
      ++ofds;  // the OFD as issued, beside the PDF/A copy: a sealed one's seal still verifies
      const Outcome v = gongwen({"-w", dir.string(), "verify", e.path().string()});
      const bool unsealed = v.code == 6 && v.err.find("文件没有电子签章") != std::string::npos;
      EXPECT_TRUE(v.code == 0 || unsealed) << e.path() << v.out << v.err;
      continue;
    }
    if (e.path().string().find(".发文稿纸.pdf") != std::string::npos ||
        e.path().string().find(".文件处理签.pdf") != std::string::npos) {
      ++sheets;  // the handling record filed with the original: PDF/A markers, no stamp
      EXPECT_EQ(run("qpdf", {"--check", e.path().string()}).code, 0) << e.path();
      const std::string bytes = slurp(e.path());
      EXPECT_NE(bytes.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos) << e.path();
      EXPECT_NE(bytes.find("/OutputIntents"), std::string::npos) << e.path();
      EXPECT_EQ(bytes.find("/GWArchiveStamp"), std::string::npos) << e.path();
      continue;
    }
    const Outcome sig = run("pdfsig", {e.path().string()});
    EXPECT_NE(sig.out.find("Signature is Valid"), std::string::npos) << e.path() << sig.out << sig.err;
    const std::string bytes = slurp(e.path());
    EXPECT_NE(bytes.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
    EXPECT_NE(bytes.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
    EXPECT_NE(bytes.find("/OutputIntents"), std::string::npos);
    EXPECT_NE(bytes.find("/ID [", bytes.rfind("trailer")), std::string::npos);
    EXPECT_EQ(run("qpdf", {"--check", e.path().string()}).code, 0) << e.path();
  }
  EXPECT_GE(sheets, 5) << "every issued 件 is filed with its 发文稿纸";
  EXPECT_GE(ofds, 5) << "every issued 件 is filed with its OFD";
}

TEST_F(Archive, CatalogueRowsMatchTheRegister) {
  ASSERT_EQ(filing.code, 0);
  const auto rows = query(dir / "registry.sqlite3",
                          "SELECT f.archive_code, f.number, i.title, i.issuer, i.date, i.pages FROM filed f "
                          "JOIN issued i ON i.number = f.number WHERE f.year = 2026");
  ASSERT_FALSE(rows.empty());
  const std::string csv = slurp(bag() / "data" / "归档文件目录.csv");
  auto lines = split(csv, '\n');
  lines.pop_back();
  ASSERT_EQ(lines.size(), rows.size() + 1);
  std::map<std::string, std::vector<std::string>> by_code;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cols = split(lines[i], ',');
    by_code[cols[1]] = cols;
  }
  for (const auto& r : rows) {
    ASSERT_TRUE(by_code.count(r[0])) << r[0];
    const auto& c = by_code[r[0]];
    EXPECT_EQ(c[2], r[1]);
    EXPECT_EQ(c[4], r[2]);
    EXPECT_EQ(c[3], r[3]);
    EXPECT_EQ(c[5], r[4].substr(0, 4) + r[4].substr(5, 2) + r[4].substr(8, 2));
    EXPECT_EQ(c[7], r[5]);
  }
  // The PDF and DOCX catalogues open (pdfinfo: A4 landscape).
  const Outcome info = run("pdfinfo", {(bag() / "data" / "归档文件目录.pdf").string()});
  EXPECT_NE(info.out.find("841.89 x 595.276 pts (A4)"), std::string::npos) << info.out;
}

TEST_F(Archive, BagItManifestsRecomputeAndVerifyPasses) {
  ASSERT_EQ(filing.code, 0);
  for (const char* m : {"manifest-sha256.txt", "tagmanifest-sha256.txt"}) {
    const Outcome c = run("sh", {"-c", "cd " + quote(bag().string()) + " && sha256sum -c --strict " + m});
    EXPECT_EQ(c.code, 0) << m << c.out << c.err;
  }
  EXPECT_NE(slurp(bag() / "bagit.txt").find("BagIt-Version: 1.0"), std::string::npos);
  const Outcome v = as("zhouhong", {"archive", "verify", "--year", "2026"});
  EXPECT_EQ(v.code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find("all four aspects pass"), std::string::npos);
}

// Tampering on a copy of the workspace so the other tests keep a clean bag.
TEST_F(Archive, VerifyNamesAChangedByteADeletedFileAndAnAddedFile) {
  ASSERT_EQ(filing.code, 0);
  const fs::path copy = fresh_dir("archive-tamper");
  fs::copy(dir, copy, fs::copy_options::recursive);
  const fs::path b = copy / "archive" / "2026";
  auto verify = [&] {
    return gongwen({"-w", copy.string(), "--clock", "2027-01-15T09:00:00+08:00", "archive", "verify", "--year", "2026"});
  };
  fs::path victim;
  for (const auto& e : fs::directory_iterator(b / "data" / "documents")) victim = e.path();
  std::string bytes = slurp(victim);
  bytes[bytes.size() - 100] ^= 1;
  std::ofstream(victim, std::ios::binary | std::ios::trunc) << bytes;
  Outcome v = verify();
  EXPECT_EQ(v.code, 6);
  const std::string rel = "data/documents/" + victim.filename().string();
  EXPECT_NE(v.out.find("FAIL 真实性  " + rel + ": content differs from the manifest (changed)"), std::string::npos) << v.out;

  fs::remove(b / "data" / "备考表.txt");
  v = verify();
  EXPECT_NE(v.out.find("FAIL 完整性  data/备考表.txt: file listed in the manifest is missing (deleted)"), std::string::npos) << v.out;

  std::ofstream(b / "data" / "readme.txt") << "added later";
  v = verify();
  EXPECT_NE(v.out.find("FAIL 安全性  data/readme.txt: file is in the package but not listed in the manifest (added)"),
            std::string::npos) << v.out;

  // The clerk's report is Chinese (LANG unset), every problem from the catalogue; --json
  // carries each problem's code, the same in every language.
  const std::vector<std::string> args = {"-w", copy.string(), "--clock", "2027-01-15T09:00:00+08:00",
                                         "archive", "verify", "--year", "2026"};
  const Outcome zh = run(GONGWEN_BINARY, args, kChinese);
  EXPECT_EQ(zh.code, 6);
  EXPECT_NE(zh.out.find("未通过 真实性  " + rel + "：内容与清单不符（被改动）：清单中的 SHA-256 为 "), std::string::npos)
      << zh.out;
  EXPECT_NE(zh.out.find("未通过 完整性  data/备考表.txt：清单中列出的文件不见了（被删除）"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("未通过 安全性  data/readme.txt：文件在归档包中，但清单中没有它（被添加）"), std::string::npos)
      << zh.out;
  EXPECT_EQ(zh.out.find("manifest ("), std::string::npos) << zh.out;
  std::vector<std::string> json_args = args;
  json_args.insert(json_args.begin(), "--json");
  const Outcome js = run(GONGWEN_BINARY, json_args, kChinese);
  std::istringstream first(js.out);  // the report; the refusal (exit 6) follows it
  nlohmann::json report;
  first >> report;
  std::set<std::string> codes;
  for (const auto& f : report["failures"]) codes.insert(f["code"].get<std::string>());
  for (const char* code : {"archive.check.changed", "archive.check.deleted", "archive.check.added"})
    EXPECT_TRUE(codes.count(code)) << code << "\n" << js.out;
  fs::remove_all(copy);
}

TEST_F(Archive, ReceiveCirculateOverdueAndClearThroughTheCli) {
  // A received document of 2027 (open year): a PDF from outside.
  fs::path pdf;
  for (const auto& e : fs::directory_iterator(dir / "documents" / "2026")) if (e.path().extension() == ".pdf") pdf = e.path();
  ASSERT_FALSE(pdf.empty());
  const fs::path incoming = dir.parent_path() / (dir.filename().string() + "-incoming.pdf");
  fs::copy_file(pdf, incoming, fs::copy_options::overwrite_existing);
  Outcome r = as("sunxiuying", {"--json", "receive", incoming.string(), "--from", "县人民政府办公室", "--number",
                                "县政办发〔2027〕2号", "--title", "关于做好春季森林防火工作的通知", "--kind", "通知",
                                "--date", "2027-01-10", "--secrecy", "秘密", "--copies", "2", "--copy-numbers", "005-006"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json rec = json::parse(r.out);
  EXPECT_EQ(rec.at("registration"), "收〔2027〕1号");
  EXPECT_TRUE(fs::exists(dir / rec.at("slip").get<std::string>()));
  const std::string id = std::to_string(rec.at("id").get<int>());
  // wangfang has no clearance for 秘密: refused (5).
  EXPECT_EQ(as("sunxiuying", {"receive", "circulate", id, "--to", "wangfang"}).code, 5);
  EXPECT_EQ(as("sunxiuying", {"receive", "circulate", id, "--to", "zhangjianguo", "--days", "2"}).code, 0);
  // Three days later it is overdue.
  const Outcome late = as("sunxiuying", {"receive", "overdue"}, "2027-01-18T09:00:00+08:00");
  EXPECT_NE(late.out.find("收〔2027〕1号"), std::string::npos) << late.out;
  EXPECT_NE(late.out.find("1 day(s) late"), std::string::npos) << late.out;
  // Not returned, not cleared: the year's plan shows the blockers.
  const Outcome plan = as("sunxiuying", {"archive", "plan", "--year", "2027"});
  EXPECT_NE(plan.out.find("BLOCKS: 收〔2027〕1号"), std::string::npos) << plan.out;
  // The archivist is not cleared for 秘密: counted, not named (issue 13 #1).
  const Outcome uncleared = as("zhouhong", {"archive", "plan", "--year", "2027"});
  EXPECT_NE(uncleared.out.find("BLOCKS: 2 (about classified 件 you may not see)"), std::string::npos) << uncleared.out;
  EXPECT_EQ(uncleared.out.find("收〔2027〕1号"), std::string::npos) << uncleared.out;
  EXPECT_EQ(as("sunxiuying", {"receive", "clear", id}).code, 6);  // still out with the reader
  EXPECT_EQ(as("sunxiuying", {"receive", "return", id, "--by", "zhangjianguo"}).code, 0);
  EXPECT_EQ(as("sunxiuying", {"receive", "clear", id}).code, 0);
  EXPECT_EQ(as("zhouhong", {"archive", "plan", "--year", "2027"}).out.find("BLOCKS:"), std::string::npos);
  // The received text was extracted and indexed for the cleared.
  const Outcome found = as("zhangjianguo", {"search", "森林防火"});
  EXPECT_NE(found.out.find("春季森林防火"), std::string::npos) << found.out;
}

TEST_F(Archive, LendingThroughTheCli) {
  ASSERT_EQ(filing.code, 0);
  const json j = json::parse(filing.out);
  const std::string code = j.at("items")[0].at("archive_code");
  EXPECT_EQ(as("wangfang", {"archive", "borrow", code, "--who", "李华", "--unit", "乡财政所", "--purpose", "查阅"}).code, 5);
  const Outcome b = as("zhouhong", {"--json", "archive", "borrow", code, "--who", "李华", "--unit", "乡财政所", "--purpose", "查阅"});
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_EQ(json::parse(b.out).at("due"), "2027-01-22");
  EXPECT_NE(as("zhouhong", {"archive", "overdue"}, "2027-01-30T09:00:00+08:00").out.find(code), std::string::npos);
  const std::string loan = std::to_string(json::parse(b.out).at("id").get<int>());
  EXPECT_EQ(as("zhouhong", {"archive", "return", loan}).code, 0);
  EXPECT_EQ(as("zhouhong", {"archive", "overdue"}, "2027-01-30T09:00:00+08:00").out, "nothing is overdue\n");
}

TEST_F(Archive, StatusShowsDaysLeftAndWhatIsMissing) {
  const Outcome s = as("zhouhong", {"archive", "status"}, "2027-09-20T09:00:00+08:00");
  EXPECT_EQ(s.code, 0);
  EXPECT_NE(s.out.find("2026: filed (locked)"), std::string::npos) << s.out;
}

}  // namespace
}  // namespace gongwen::e2e
