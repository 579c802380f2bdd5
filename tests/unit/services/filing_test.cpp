// Year-end filing (DA/T 22-2015): blockers, 件号 and 档号 per class, 保管期限 from the
// retention table, the 归档文件目录, the fixity manifest and the lock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "office_fixture.hpp"
#include "gongwen/archive/filing.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

class FilingTest : public OfficeTest {
 protected:
  // Three issued 2025 documents (a 纪要, two 函), one 2026 notice, and one 2025 notice that
  // is only submitted.
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    issue_new("minutes.toml", minutes_toml("2025年第31次乡长办公会议"));
    issue_new("letter-a.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"),
              "liuyang");
    issue_new("letter-b.toml", letter_toml("关于商请联合开展森林防火巡护的函", "2025-09-10"),
              "liuyang");
    issue_new("next-year.toml", notice_toml("关于开展春季植树活动的通知", "2026-02-02"));
    pending = office->submit(write_draft("pending.toml", notice_toml("关于开展环境整治的通知")),
                             "wangfang");
  }

  void issue_pending() {
    review_all(pending);
    office->sign(ref(pending), "zhangjianguo", "");
    office->issue(ref(pending), "sunxiuying");
  }

  fs::path year_dir() const { return ws->archive_dir() / "2025"; }

  DraftRecord pending;
};

TEST_F(FilingTest, UnissuedDraftBlocksTheYearAndNothingIsWritten) {
  const auto blockers = filing_blockers(*ws, 2025);
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_THAT(blockers[0], HasSubstr("#" + std::to_string(pending.id)));
  EXPECT_THAT(blockers[0], HasSubstr("关于开展环境整治的通知"));
  EXPECT_THAT(blockers[0], HasSubstr("已提交"));
  EXPECT_THAT(filing_blockers(*ws, 2026), IsEmpty());

  const Error e = failure_of([&] { file_year(*ws, 2025, clock, "zhouhong"); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_THAT(e.hints, Contains(blockers[0]));
  EXPECT_FALSE(fs::exists(year_dir()));
  EXPECT_EQ(files_under(ws->archive_dir()), 0u);
  EXPECT_TRUE(fs::is_empty(ws->archive_dir()));
  EXPECT_TRUE(reg().filed(2025).empty());
}

TEST_F(FilingTest, FilesTheYearWithCodesCatalogueAndManifest) {
  issue_pending();
  ASSERT_THAT(filing_blockers(*ws, 2025), IsEmpty());
  const FilingResult r = file_year(*ws, 2025, clock, "zhouhong");
  EXPECT_EQ(r.year, 2025);
  EXPECT_EQ(r.catalogue_csv, "archive/2025/data/归档文件目录.csv");

  // Class by 保管期限 (unit ZF for every government document), 件号 from 0001 in each class
  // by date.
  std::map<std::string, std::pair<std::string, std::string>> by_number;  // 文号 → 档号, 期限
  for (const auto& f : r.items) by_number[f.number] = {f.archive_code, f.retention};
  ASSERT_EQ(r.items.size(), 4u);
  EXPECT_EQ(by_number["白政函〔2025〕1号"],
            std::make_pair(std::string("Z109-WS·2025-D10-ZF-0001"), std::string("定期10年")));
  EXPECT_EQ(by_number["白政函〔2025〕2号"],
            std::make_pair(std::string("Z109-WS·2025-D10-ZF-0002"), std::string("定期10年")));
  EXPECT_EQ(by_number["白政发〔2025〕1号"],
            std::make_pair(std::string("Z109-WS·2025-D30-ZF-0001"), std::string("定期30年")));
  EXPECT_EQ(by_number["白政纪〔2025〕1号"],
            std::make_pair(std::string("Z109-WS·2025-Y-ZF-0001"), std::string("永久")));
  EXPECT_EQ(by_number.count("白政发〔2026〕1号"), 0u);

  // The registered rows match.
  const auto filed = reg().filed(2025);
  ASSERT_EQ(filed.size(), 4u);
  std::map<std::string, std::vector<int>> item_nos;
  for (const auto& f : filed) {
    item_nos[f.archive_code.substr(0, f.archive_code.rfind('-'))].push_back(f.item_no);
    EXPECT_EQ(f.path, "archive/2025/data/documents/" + f.archive_code + ".pdf");
    EXPECT_EQ(f.filed_at, "2025-12-30T09:00:00+08:00");
    const std::string bytes = read_file(ws->root() / f.path);
    EXPECT_EQ(sha256_hex(bytes), f.sha256);
    // The archival copy starts with the issued original, byte for byte (an incremental
    // update follows: the 归档章 and the PDF/A markers).
    const auto issued = reg().issued_by_number(f.number);
    const std::string original = read_file(ws->root() / issued->pdf_path);
    ASSERT_GT(bytes.size(), original.size());
    EXPECT_EQ(sha256_hex(bytes.substr(0, original.size())), issued->pdf_sha256);
    EXPECT_NE(f.sha256, issued->pdf_sha256);
  }
  for (auto& [cls, nos] : item_nos) {
    std::sort(nos.begin(), nos.end());
    for (std::size_t i = 0; i < nos.size(); ++i) EXPECT_EQ(nos[i], static_cast<int>(i + 1)) << cls;
  }
  // 4 archival copies, their 4 发文稿纸 (the drafting record is filed with the original) and
  // their 4 OFDs (as issued, with the electronic seal).
  EXPECT_EQ(files_under(year_dir() / "data" / "documents"), 12u);
  for (const auto& f : r.items) {
    const fs::path sheet = year_dir() / "data" / "documents" / (f.archive_code + ".发文稿纸.pdf");
    ASSERT_TRUE(fs::exists(sheet)) << sheet;
    // The registered sheet, unchanged, followed by one update with the PDF/A-2b markers.
    const std::string filed = read_file(sheet);
    const std::string original = read_file(ws->root() / reg().issued_by_number(f.number)->sheet_path);
    EXPECT_EQ(sha256_hex(original), reg().issued_by_number(f.number)->sheet_sha256);
    ASSERT_GT(filed.size(), original.size());
    EXPECT_EQ(filed.compare(0, original.size(), original), 0);
    EXPECT_NE(filed.find("<pdfaid:part>2</pdfaid:part>", original.size()), std::string::npos);
    EXPECT_NE(filed.find("/OutputIntents", original.size()), std::string::npos);
  }
  EXPECT_EQ(files_under(year_dir() / "data" / "metadata"), 4u);

  // 归档文件目录
  const std::string csv = read_file(year_dir() / "data" / "归档文件目录.csv");
  auto lines = split(csv, '\n');
  ASSERT_EQ(lines.back(), "");  // ends with a newline
  lines.pop_back();
  ASSERT_EQ(lines.size(), 5u) << csv;
  // A UTF-8 BOM first, so that Excel shows the Chinese.
  EXPECT_EQ(lines[0], "\xEF\xBB\xBF序号,档号,文号,责任者,题名,日期,密级,页数,备注,盒号");
  std::set<std::string> codes;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cols = split(lines[i], ',');
    ASSERT_EQ(cols.size(), 10u) << lines[i];
    // Four 件 fit one box per class: 盒号 is the class code + 盒0001.
    EXPECT_EQ(cols[9], cols[1].substr(0, cols[1].rfind('-')) + "-盒0001") << lines[i];
    EXPECT_EQ(cols[0], std::to_string(i));
    codes.insert(cols[1]);
    ASSERT_TRUE(by_number.count(cols[2])) << cols[2];
    EXPECT_EQ(cols[1], by_number[cols[2]].first);
    EXPECT_EQ(cols[3], "白路乡人民政府");
    const auto issued = reg().issued_by_number(cols[2]);
    EXPECT_EQ(cols[4], issued->title);
    ASSERT_EQ(cols[5].size(), 8u) << cols[5];
    EXPECT_EQ(cols[5].substr(0, 4), "2025");
    EXPECT_EQ(cols[5], issued->date.digits8());
    EXPECT_EQ(cols[6], "");
    EXPECT_EQ(cols[7], std::to_string(issued->pages));
  }
  EXPECT_EQ(codes.size(), 4u);
  EXPECT_THAT(csv, HasSubstr(",白政纪〔2025〕1号,白路乡人民政府,2025年第31次乡长办公会议纪要,20250825,"));

  // manifest-sha256.txt: "<sha256>  data/…", one per payload file, all true: 4 documents,
  // 4 发文稿纸, 4 OFDs, 4 metadata XML, the catalogue in 3 formats, the 备考表 as PDF and text, the
  // 盒脊 PDF and the box list.
  const std::string manifest = read_file(year_dir() / "manifest-sha256.txt");
  auto mlines = split(manifest, '\n');
  mlines.pop_back();
  ASSERT_EQ(mlines.size(), 23u);
  for (const auto& l : mlines) {
    ASSERT_GT(l.size(), 66u);
    const std::string hash = l.substr(0, 64);
    EXPECT_EQ(l.substr(64, 2), "  ");
    const fs::path file = year_dir() / l.substr(66);
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(sha256_hex(read_file(file)), hash) << l;
  }
  // Nothing else was left in the archive folder (no staging, no temporary files).
  std::vector<std::string> top;
  for (const auto& e : fs::directory_iterator(ws->archive_dir())) top.push_back(e.path().filename());
  EXPECT_THAT(top, ElementsAre("2025"));
  EXPECT_EQ(files_under(year_dir()), 27u);

  const auto log = reg().audit_log();
  EXPECT_EQ(log.back().action, "file-year");
  EXPECT_EQ(log.back().actor, "zhouhong");
  EXPECT_THAT(log.back().detail, HasSubstr("4 items in " + std::to_string(r.boxes) + " boxes, manifest sha256 " +
                                           sha256_hex(manifest)));
}

TEST_F(FilingTest, FiledYearIsLocked) {
  issue_pending();
  file_year(*ws, 2025, clock, "zhouhong");
  const std::string catalogue = read_file(year_dir() / "data" / "归档文件目录.csv");
  const Error e = failure_of([&] { file_year(*ws, 2025, clock, "zhouhong"); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_THAT(e.message, HasSubstr("already filed"));
  EXPECT_EQ(reg().filed(2025).size(), 4u);
  EXPECT_EQ(read_file(year_dir() / "data" / "归档文件目录.csv"), catalogue);
}

TEST_F(FilingTest, NothingDatedInALockedYearIsIssued) {
  issue_pending();
  file_year(*ws, 2025, clock, "zhouhong");
  const DraftRecord late = signed_draft("late.toml", notice_toml("关于补发2025年度值班安排的通知", "2025-12-20"));
  const std::size_t numbers = reg().numbers(2025).size();
  const Error e = failure_of([&] { office->issue(ref(late), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_THAT(e.message, HasSubstr("filed and locked"));
  EXPECT_EQ(reg().numbers(2025).size(), numbers);  // no number was used
  EXPECT_EQ(reg().draft(late.id)->state, DraftState::Signed);
}

TEST_F(FilingTest, OnlyTheArchivistFiles) {
  issue_pending();
  for (const char* who : {"huanglei", "chenzhiyong", "zhangjianguo"})
    EXPECT_EQ(failure_of([&] { file_year(*ws, 2025, clock, who); }).code, Code::Forbidden) << who;
  EXPECT_EQ(failure_of([&] { file_year(*ws, 2025, clock, "nobody"); }).code, Code::NotFound);
  EXPECT_FALSE(fs::exists(year_dir()));
  EXPECT_TRUE(reg().filed(2025).empty());
  EXPECT_EQ(failure_of([&] { file_year(*ws, 2024, clock, "zhouhong"); }).code, Code::NotFound);
}

TEST_F(FilingTest, AlteredOrMissingDocumentIsABlocker) {
  issue_pending();
  const auto letter = reg().issued_by_number("白政函〔2025〕1号");
  ASSERT_TRUE(letter);
  std::string bytes = read_file(ws->root() / letter->pdf_path);
  bytes += "\n% altered\n";
  write_file_atomic(ws->root() / letter->pdf_path, bytes);
  auto blockers = filing_blockers(*ws, 2025);
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_THAT(blockers[0], HasSubstr("白政函〔2025〕1号"));
  EXPECT_THAT(blockers[0], HasSubstr("differs"));
  EXPECT_EQ(failure_of([&] { file_year(*ws, 2025, clock, "zhouhong"); }).code, Code::Conflict);
  EXPECT_FALSE(fs::exists(year_dir()));

  fs::remove(ws->root() / reg().issued_by_number("白政纪〔2025〕1号")->pdf_path);
  blockers = filing_blockers(*ws, 2025);
  ASSERT_EQ(blockers.size(), 2u);
  EXPECT_THAT(blockers[1], HasSubstr("白政纪〔2025〕1号"));
  EXPECT_THAT(blockers[1], HasSubstr("missing"));
}

TEST_F(FilingTest, NumberGapIsReportedOnce) {
  issue_pending();
  // Serials 1, 2 of 白政函 exist; 4 and 5 are put into the book behind the library's back.
  RawDb db(ws->root() / "registry.sqlite3");
  for (int s : {4, 5})
    ASSERT_EQ(db.exec("INSERT INTO numbers (code, year, serial, draft_id, status, at) VALUES "
                      "('白政函', 2025, " + std::to_string(s) + ", 0, 'issued', 'x')"),
              "");
  std::vector<std::string> gaps;
  for (const auto& b : filing_blockers(*ws, 2025))
    if (b.find("missing from the number book") != std::string::npos) gaps.push_back(b);
  // Only 3号 is missing; 4号 and 5号 are in the book.
  EXPECT_THAT(gaps, ElementsAre("白政函〔2025〕3号 is missing from the number book"));
}

TEST_F(FilingTest, VoidedDocumentIsNotFiledAsAValidItem) {
  // The pending draft's number was given out but its issue did not complete: voided.
  review_all(pending);
  office->sign(ref(pending), "zhangjianguo", "");
  reg().transaction([&] { reg().allocate_number("白政发", 2025, pending.id, "2025-12-30T09:00:00+08:00"); });
  office->void_number("白政发〔2025〕1号", "zhangjianguo", "印制错误，未印发");
  ASSERT_THAT(filing_blockers(*ws, 2025), IsEmpty());
  const FilingResult r = file_year(*ws, 2025, clock, "zhouhong");
  std::vector<std::string> numbers;
  for (const auto& f : r.items) numbers.push_back(f.number);
  // A spoiled (voided) number is not a document in force: it gets no 档号 of its own.
  EXPECT_THAT(numbers, Not(Contains("白政发〔2025〕1号")));
  EXPECT_EQ(r.items.size(), 3u);
}

TEST_F(FilingTest, ExistingYearFolderIsRefusedWithoutLeftovers) {
  issue_pending();
  fs::create_directories(year_dir());
  write_file_atomic(year_dir() / "note.txt", "hand-made");
  const Error e = failure_of([&] { file_year(*ws, 2025, clock, "zhouhong"); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_TRUE(reg().filed(2025).empty());
  EXPECT_EQ(read_file(year_dir() / "note.txt"), "hand-made");
  std::vector<std::string> top;
  for (const auto& x : fs::directory_iterator(ws->archive_dir())) top.push_back(x.path().filename());
  EXPECT_THAT(top, ElementsAre("2025"));  // no .2025.staging left behind
}

TEST_F(FilingTest, InterruptedStagingIsReplaced) {
  issue_pending();
  const fs::path stale = ws->archive_dir() / ".2025.staging";
  fs::create_directories(stale / "documents");
  write_file_atomic(stale / "documents" / "junk.pdf", "junk");
  file_year(*ws, 2025, clock, "zhouhong");
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(year_dir() / "documents" / "junk.pdf"));
  EXPECT_EQ(files_under(year_dir() / "data" / "documents"), 12u);  // copies + 发文稿纸 + OFDs
  EXPECT_EQ(files_under(year_dir() / "data" / "metadata"), 4u);
}

// ---- the retention table ----

TEST(RetentionTable, RealTableGivesThePeriods) {
  const auto t = parse_retention_table(
      read_file(fs::path(GONGWEN_SOURCE_DIR) / "templates" / "retention.toml"), "retention.toml");
  ASSERT_TRUE(t.ok()) << t.error().render();
  const RetentionTable& table = t.value();
  EXPECT_EQ(table.retention_for("纪要", "2025年第31次乡长办公会议纪要"), "永久");
  EXPECT_EQ(table.retention_for("函", "关于商请支持道路建设的函"), "定期10年");
  EXPECT_EQ(table.retention_for("通知", "关于印发《财务管理制度》的通知"), "永久");
  EXPECT_EQ(table.retention_for("通知", "关于召开防汛工作会议的通知"), "定期10年");
  EXPECT_EQ(table.retention_for("请示", "关于申请资金的请示"), "定期30年");
  EXPECT_EQ(table.retention_for("通知", "关于开展环境整治的通知"), "定期30年");
  EXPECT_EQ(retention_code("永久"), "Y");
  EXPECT_EQ(retention_code("定期30年"), "D30");
  EXPECT_EQ(retention_code("定期10年"), "D10");
  EXPECT_EQ(retention_code("15年"), "");
}

struct BadRetention {
  const char* text;
  int line;
  const char* message_part;
  friend void PrintTo(const BadRetention& c, std::ostream* os) { *os << c.text; }
};

class RetentionBadInput : public ::testing::TestWithParam<BadRetention> {};

TEST_P(RetentionBadInput, IsBadInputWithLine) {
  const auto r = parse_retention_table(GetParam().text, "retention.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  ASSERT_TRUE(r.error().at);
  EXPECT_EQ(r.error().at->file, "retention.toml");
  EXPECT_EQ(r.error().at->line, GetParam().line) << r.error().render();
  EXPECT_THAT(r.error().message, HasSubstr(GetParam().message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RetentionBadInput,
    ::testing::Values(
        BadRetention{"default = \"永远\"\n", 1, "永远"},
        BadRetention{"default = \"永久\"\n\n[[rules]]\nkind = \"函\"\nretention = \"15年\"\n", 3,
                     "15年"},
        BadRetention{"[[rules]]\nkind = \"函\"\nretention = \"永久\"\n[[rules]]\nkind = \"纪要\"\n", 4,
                     "unknown retention"},
        BadRetention{"default = \"永久\"\nrules = [1]\n", 2, "[[rules]]"},
        BadRetention{"default = \"永久\"\n[[rules]\n", 2, "TOML"}));

}  // namespace
}  // namespace gongwen::archive::test
