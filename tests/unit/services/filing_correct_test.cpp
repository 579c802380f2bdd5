// Corrections after the lock: a new recorded version with a reason; the filed original is
// untouched, the bag stays a valid BagIt bag, verify accepts and reports the versions, and
// every refusal changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "office_fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/filing_correct.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = sha256_hex(read_file(e.path()));
  return out;
}

std::map<std::string, std::string> manifest(const fs::path& file) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(file));
  for (std::string l; std::getline(in, l);) out[l.substr(66)] = l.substr(0, 64);
  return out;
}

std::string failures(const VerifyReport& r) { return failures_text(r); }

class CorrectTest : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    issue_minutes_and_letter();
    filing = file_year(*ws, 2025, clock, "zhouhong");
    for (const auto& f : filing.items)
      if (f.number == "白政纪〔2025〕1号") item = f;  // the 纪要 whose 题名 the tests correct
    ASSERT_FALSE(item.archive_code.empty());
    later = std::make_unique<FixedClock>(Instant{kDec30_2025 + 10 * 86400, 8 * 60});
  }
  fs::path bag() const { return ws->archive_dir() / "2025"; }
  CorrectionRequest title_fix(const std::string& title = "2025年第31次乡长办公会议纪要（更正）") {
    CorrectionRequest q;
    q.year = 2025;
    q.item = item.archive_code;
    q.fields = {{"题名", title}};
    q.reason = "题名漏字，经办公室核对原件更正";
    return q;
  }
  FilingResult filing;
  FiledRecord item;
  std::unique_ptr<FixedClock> later;
};

TEST_F(CorrectTest, MetadataCorrectionIsANewVersionAndTheOriginalStays) {
  const auto before = tree(bag());
  const auto rec = correct_filed_item(*ws, title_fix(), *later, "zhouhong");
  EXPECT_EQ(rec.version, 2);
  EXPECT_EQ(rec.archive_code, item.archive_code);
  EXPECT_EQ(rec.corrected_by, "zhouhong");
  EXPECT_EQ(rec.corrected_at, later->now().iso8601());
  EXPECT_TRUE(rec.path.empty());
  EXPECT_THAT(rec.fields, HasSubstr("题名："));
  EXPECT_THAT(rec.fields, HasSubstr("→ 2025年第31次乡长办公会议纪要（更正）"));

  // The original files are byte for byte what they were; only the tag files and the new
  // version's files differ.
  const auto after = tree(bag());
  for (const auto& [rel, sha] : before) {
    if (rel == "manifest-sha256.txt" || rel == "tagmanifest-sha256.txt" || rel == "bag-info.txt") continue;
    ASSERT_TRUE(after.count(rel)) << rel;
    EXPECT_EQ(after.at(rel), sha) << rel << " changed";
  }
  const std::string meta = "data/corrections/" + item.archive_code + "/v2/" + item.archive_code + ".v2.xml";
  ASSERT_TRUE(after.count(meta)) << meta;
  EXPECT_EQ(after.size(), before.size() + 2);  // the version's XML and 更正记录.csv
  const std::string xml = read_file(bag() / meta);
  for (const std::string& want : std::vector<std::string>{"<封装包类型>修改型</封装包类型>", "<版本号>2</版本号>", "<修改原因>题名漏字，经办公室核对原件更正</修改原因>",
                                 "<修改人>zhouhong</修改人>", "<字段>题名</字段>", "<原值>2025年第31次乡长办公会议纪要</原值>",
                                 "<档号>" + item.archive_code + "</档号>", "<上一版本数字摘要>" + item.sha256})
    EXPECT_THAT(xml, HasSubstr(want));
  EXPECT_THAT(read_file(bag() / "data" / "更正记录.csv"), HasSubstr(item.archive_code + ",2,"));

  // BagIt: manifests recomputed, Payload-Oxum true, versions counted.
  const auto m = manifest(bag() / "manifest-sha256.txt");
  std::uintmax_t octets = 0;
  for (const auto& [rel, sha] : m) {
    EXPECT_EQ(sha256_hex(read_file(bag() / rel)), sha) << rel;
    octets += fs::file_size(bag() / rel);
  }
  EXPECT_EQ(m.size(), after.size() - 4);  // every file but the four tag files
  const std::string info = read_file(bag() / "bag-info.txt");
  EXPECT_THAT(info, HasSubstr("Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(m.size()) + "\n"));
  EXPECT_THAT(info, HasSubstr("Gongwen-Versions: 1\n"));
  for (const auto& [rel, sha] : manifest(bag() / "tagmanifest-sha256.txt"))
    EXPECT_EQ(sha256_hex(read_file(bag() / rel)), sha) << rel;

  // Register, audit log, verify.
  const auto versions = filed_versions(*ws, 2025);
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].metadata_sha256, after.at(meta));
  EXPECT_EQ(versions[0].reason, "题名漏字，经办公室核对原件更正");
  EXPECT_EQ(reg().audit_log().back().action, "archive-correct");
  EXPECT_EQ(reg().audit_log().back().subject, item.archive_code);
  const VerifyReport v = verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << failures(v);
  ASSERT_EQ(v.versions.size(), 1u);
  EXPECT_THAT(v.versions[0], HasSubstr(item.archive_code + " v2"));
  EXPECT_THAT(v.versions[0], HasSubstr("题名漏字"));
  // The filed register row is unchanged; nothing is left beside the bag.
  for (const auto& f : reg().filed(2025))
    if (f.archive_code == item.archive_code) EXPECT_EQ(f.sha256, item.sha256);
  std::vector<std::string> top;
  for (const auto& e : fs::directory_iterator(ws->archive_dir())) top.push_back(e.path().filename());
  EXPECT_EQ(top, std::vector<std::string>{"2025"});
}

TEST_F(CorrectTest, FileCorrectionKeepsTheNewFileAndVersionsFollowOneAnother) {
  const fs::path fixed = tmp / "fixed.pdf";
  std::string other;  // another document's PDF stands in for the corrected file
  for (const auto& f : filing.items)
    if (f.archive_code != item.archive_code) other = f.number;
  write_file_atomic(fixed, read_file(ws->root() / reg().issued_by_number(other)->pdf_path));
  CorrectionRequest q = title_fix();
  q.file = fixed.string();
  const auto v2 = correct_filed_item(*ws, q, *later, "zhouhong");
  EXPECT_EQ(v2.version, 2);
  ASSERT_FALSE(v2.path.empty());
  // Kept as an archival PDF: the file as given, then one update with the PDF/A-2b markers.
  const std::string kept = read_file(ws->root() / v2.path), given = read_file(fixed);
  ASSERT_GT(kept.size(), given.size());
  EXPECT_EQ(kept.compare(0, given.size(), given), 0);
  EXPECT_NE(kept.find("<pdfaid:part>2</pdfaid:part>", given.size()), std::string::npos);
  EXPECT_EQ(v2.sha256, sha256_hex(kept));
  EXPECT_THAT(v2.fields, HasSubstr("文件：fixed.pdf"));
  // A second correction of the same field: version 3, its 原值 is version 2's 新值.
  const auto v3 = correct_filed_item(*ws, title_fix("2025年第31次乡长办公会议纪要"), *later, "zhouhong");
  EXPECT_EQ(v3.version, 3);
  const std::string xml3 = read_file(ws->root() / v3.metadata_path);
  EXPECT_THAT(xml3, HasSubstr("<原值>2025年第31次乡长办公会议纪要（更正）</原值>"));
  EXPECT_THAT(xml3, HasSubstr("<上一版本数字摘要>" + v2.sha256));
  const VerifyReport v = verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << failures(v);
  EXPECT_EQ(v.versions.size(), 2u);
  EXPECT_THAT(read_file(bag() / "bag-info.txt"), HasSubstr("Gongwen-Versions: 2\n"));
}

struct Refusal {
  const char* name;
  Code code;
  std::function<void(CorrectionRequest&, std::string& user)> change;
  const char* words;
};

class CorrectRefusal : public CorrectTest, public ::testing::WithParamInterface<Refusal> {};

TEST_P(CorrectRefusal, ChangesNothing) {
  CorrectionRequest q = title_fix();
  std::string user = "zhouhong";
  GetParam().change(q, user);
  if (q.file == "@text") {
    q.file = (tmp / "note.pdf").string();
    write_file_atomic(q.file, "not a pdf at all");
  }
  const auto bag_before = tree(bag());
  const auto audit = reg().audit_log().size();
  const Error e = failure_of([&] { correct_filed_item(*ws, q, *later, user); });
  EXPECT_EQ(e.code, GetParam().code) << e.render();
  EXPECT_THAT(e.render(), HasSubstr(GetParam().words));
  EXPECT_EQ(tree(bag()), bag_before);
  EXPECT_THAT(filed_versions(*ws, 2025), IsEmpty());
  EXPECT_EQ(reg().audit_log().size(), audit);
  EXPECT_FALSE(fs::exists(ws->archive_dir() / ".2025.correcting"));
}

INSTANTIATE_TEST_SUITE_P(
    Table, CorrectRefusal,
    ::testing::Values(
        Refusal{"NoReason", Code::BadInput, [](CorrectionRequest& q, std::string&) { q.reason = "  "; }, "needs a reason"},
        Refusal{"NotArchivist", Code::Forbidden, [](CorrectionRequest&, std::string& u) { u = "wangfang"; }, "档案员"},
        Refusal{"UnknownItem", Code::NotFound, [](CorrectionRequest& q, std::string&) { q.item = "Z109-WS·2025-Y-ZF-0099"; },
                "no 件 with 档号"},
        Refusal{"UnfiledYear", Code::NotFound, [](CorrectionRequest& q, std::string&) { q.year = 2024; }, "not filed"},
        Refusal{"Nothing", Code::BadInput, [](CorrectionRequest& q, std::string&) { q.fields.clear(); }, "nothing to correct"},
        Refusal{"UnknownField", Code::BadInput,
                [](CorrectionRequest& q, std::string&) { q.fields = {{"保管期限", "永久"}}; }, "cannot be corrected"},
        Refusal{"BadDate", Code::BadInput, [](CorrectionRequest& q, std::string&) { q.fields = {{"日期", "2025-13-40"}}; },
                "not a date"},
        Refusal{"SameValue", Code::BadInput,
                [](CorrectionRequest& q, std::string&) { q.fields = {{"题名", "2025年第31次乡长办公会议纪要"}}; },
                "nothing changes"},
        Refusal{"NotAPdf", Code::BadInput, [](CorrectionRequest& q, std::string&) { q.file = "@text"; },
                "not a PDF, DOCX or OFD"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CorrectTest, FieldArgumentsAreParsed) {
  EXPECT_EQ(parse_field_assignment("题名 = 新题名"), (std::pair<std::string, std::string>{"题名", "新题名"}));
  EXPECT_EQ(failure_of([] { parse_field_assignment("题名"); }).code, Code::BadInput);
}

TEST_F(CorrectTest, TamperedVersionIsCaughtByVerify) {
  const auto rec = correct_filed_item(*ws, title_fix(), *later, "zhouhong");
  const fs::path meta = ws->root() / rec.metadata_path;
  std::string xml = read_file(meta);
  xml.replace(xml.find("题名漏字"), 12, "随意改动");
  write_file_atomic(meta, xml);
  const VerifyReport v = verify_year(*ws, 2025);
  EXPECT_FALSE(v.ok());
  EXPECT_THAT(failures(v), HasSubstr(fs::relative(meta, bag()).generic_string() + ": content differs from the manifest"));
}

TEST_F(CorrectTest, SwappedButUncommittedCorrectionIsUndoneByTheNextOne) {
  // What a run killed between the bag exchange and the commit leaves: the previous bag
  // beside, the live bag claiming a version the register does not have.
  const fs::path side = ws->archive_dir() / ".2025.correcting";
  fs::copy(bag(), side, fs::copy_options::recursive);
  const auto good = tree(side);
  write_file_atomic(bag() / "bag-info.txt", read_file(bag() / "bag-info.txt") + "Gongwen-Versions: 1\n");
  write_file_atomic(bag() / "data" / "更正记录.csv", "half-done\n");
  const auto rec = correct_filed_item(*ws, title_fix(), *later, "zhouhong");
  EXPECT_EQ(rec.version, 2);
  EXPECT_FALSE(fs::exists(side));
  const VerifyReport v = verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << failures(v);
  EXPECT_EQ(v.versions.size(), 1u);
  EXPECT_THAT(read_file(bag() / "bag-info.txt"), HasSubstr("Gongwen-Versions: 1\n"));
  EXPECT_EQ(tree(bag()).at("data/" + std::string("归档文件目录.csv")), good.at("data/归档文件目录.csv"));
}

}  // namespace
}  // namespace gongwen::archive::test
