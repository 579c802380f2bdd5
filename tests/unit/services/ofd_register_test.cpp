// The OFD in the books (issue 16): the issued row holds the OFD's path and hash, a received
// OFD's seal check is kept in its row, an older registry is upgraded (migration 5) with the
// audit log's sealed rows still agreeing, and the archive files each issued 件's OFD beside its
// PDF/A copy, where `archive verify` opens it, checks its seals and reports a changed byte.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gongwen/archive/audit_check.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/services/documents.hpp"
#include "gongwen/services/seal_check.hpp"
#include "gongwen/services/workflows.hpp"

#include "workflows_fixture.hpp"

namespace gongwen::services::test {
namespace {

using namespace gongwen::archive::test;
using archive::read_file;
using archive::write_file_atomic;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string render(const archive::VerifyReport& r) { return failures_text(r); }

class OfdRegisterTest : public WorkflowsFixture {
 protected:
  IssueResult issue_letter(const std::string& name, const std::string& title,
                           const std::string& date = "2025-05-20") {
    const auto d = signed_draft(name, letter_toml(title, date), "liuyang");
    return flows->issue(ref(d), "sunxiuying");
  }

  // `file` registered as a 来文 (the clerk types the register's fields).
  ReceiveResult receive_file(const fs::path& file) {
    archive::ReceiveInput in;
    in.file = file;
    in.sender = "县人民政府办公室";
    in.their_number = "县政办发〔2025〕12号";
    in.title = "关于做好秋冬季候鸟保护工作的通知";
    in.kind = "通知";
    in.date = "2025-10-08";
    return flows->receive(in, "sunxiuying");
  }

  // An issued document's OFD copied outside the workspace, as another office receives it.
  fs::path incoming_ofd(const archive::IssuedRecord& issued) {
    const fs::path p = tmp / "来文.ofd";
    fs::copy_file(ws->root() / issued.ofd_path, p, fs::copy_options::overwrite_existing);
    return p;
  }

};

TEST_F(OfdRegisterTest, TheIssuedRowHoldsTheOfdsPathAndHash) {
  const auto out = issue_letter("a.toml", "关于商请支持道路交通安全设施建设的函");
  const auto row = reg().issued_by_number(out.issued.number);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->ofd_path, "documents/2025/" + out.issued.number + ".ofd");
  EXPECT_EQ(row->ofd_path, ws->relative(issued_file_path(*ws, row->number, IssuedFile::Ofd)));
  EXPECT_EQ(row->ofd_sha256, archive::sha256_hex(read_file(ws->root() / row->ofd_path)));
  // Known through the register: the file at that path is this document's OFD.
  const FileIdentity id = identify_file(*ws, ws->root() / row->ofd_path, row->ofd_sha256);
  EXPECT_TRUE(id.by_path);
  EXPECT_THAT(id.number, HasSubstr(row->number));
  // The issue's audit entry names the same hash.
  bool named = false;
  for (const auto& e : reg().audit_log())
    if (e.action == "issue" && e.detail.find("ofd sha256 " + row->ofd_sha256) != std::string::npos)
      named = true;
  EXPECT_TRUE(named);
}

TEST_F(OfdRegisterTest, AReceivedOfdsSealCheckIsKeptInItsRow) {
  const auto out = issue_letter("a.toml", "关于商请支持道路交通安全设施建设的函");
  const auto got = receive_file(incoming_ofd(out.issued));
  EXPECT_EQ(got.received.format, "OFD");
  const auto row = reg().received(got.received.id);
  ASSERT_TRUE(row.has_value());
  const archive::ReceivedSealCheck& c = row->seal_check;
  EXPECT_EQ(c.result, "verified");
  ASSERT_EQ(c.seals.size(), 1u);
  EXPECT_TRUE(c.seals[0].valid);
  EXPECT_EQ(c.seals[0].seal_name, "白路乡人民政府");
  EXPECT_FALSE(c.seals[0].signer.empty());
  EXPECT_FALSE(c.seals[0].maker.empty());
  EXPECT_FALSE(c.seals[0].signed_at.empty());
  EXPECT_TRUE(c.seals[0].problem.empty());
  EXPECT_TRUE(c.problems.empty());
  // The words shown are made from the row, the same as those of the receipt.
  EXPECT_EQ(seal_check_lines(c), got.seal_checks);
  ASSERT_EQ(got.seal_checks.size(), 1u);
  EXPECT_THAT(got.seal_checks[0], HasSubstr("白路乡人民政府"));
  EXPECT_FALSE(seal_check_summary(c).empty());
  // A PDF 来文 has no seal check.
  const fs::path pdf = tmp / "来文.pdf";
  fs::copy_file(ws->root() / out.issued.pdf_path, pdf);
  EXPECT_TRUE(reg().received(receive_file(pdf).received.id)->seal_check.result.empty());
  EXPECT_TRUE(archive::check_audit(*ws).ok());
}

// An unsealed document's OFD (a 纪要) is received as unsealed, and files and verifies as such.
TEST_F(OfdRegisterTest, AnUnsealedOfdIsKeptAsUnsealed) {
  const auto d = signed_draft("m.toml", minutes_toml("2025年第31次乡长办公会议"));
  const auto minutes = flows->issue(ref(d), "sunxiuying").issued;
  const auto got = receive_file(incoming_ofd(minutes));
  const auto row = reg().received(got.received.id);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->seal_check.result, "unsealed");
  EXPECT_TRUE(row->seal_check.seals.empty());
  EXPECT_TRUE(got.seal_checks.empty());
  EXPECT_FALSE(seal_check_summary(row->seal_check).empty());
  archive::file_year(*ws, 2025, clock, "zhouhong");
  const auto v = archive::verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << render(v);
  EXPECT_TRUE(v.notes.empty());
}

// What a failed check looks like in the row: each seal's problem and the package's problems,
// kept through the register (a name with a tab or a line break stays one value).
TEST_F(OfdRegisterTest, AFailedSealCheckKeepsWhichSealAndWhy) {
  const auto out = issue_letter("a.toml", "关于商请支持道路交通安全设施建设的函");
  archive::ReceiveInput in;
  in.file = incoming_ofd(out.issued);
  in.sender = "县人民政府办公室";
  in.title = "关于做好秋冬季候鸟保护工作的通知";
  in.date = "2025-10-08";
  in.seal_check.result = "failed";
  in.seal_check.seals.push_back({false, "某县\t人民政府", "签章者甲", "制章者乙", "20251008090000Z",
                                 "签章值与签章者证书不符"});
  in.seal_check.problems.push_back("Doc_0/Pages/Page_0/Content.xml 在签章后被改动");
  const auto r = archive::Receiving(*ws, clock).receive(in, "sunxiuying");
  const auto row = reg().received(r.id);
  ASSERT_TRUE(row.has_value());
  const archive::ReceivedSealCheck& c = row->seal_check;
  EXPECT_EQ(c.result, "failed");
  ASSERT_EQ(c.seals.size(), 1u);
  EXPECT_FALSE(c.seals[0].valid);
  EXPECT_EQ(c.seals[0].seal_name, "某县 人民政府");
  EXPECT_EQ(c.seals[0].signer, "签章者甲");
  EXPECT_EQ(c.seals[0].maker, "制章者乙");
  EXPECT_EQ(c.seals[0].problem, "签章值与签章者证书不符");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0], "Doc_0/Pages/Page_0/Content.xml 在签章后被改动");
  const auto lines = seal_check_lines(c);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("签章值与签章者证书不符"));
}

// A registry of schema 4 (no OFD columns), with sealed rows in the issued and received books,
// is upgraded when opened: the new columns are NULL in the old rows, which keep the digests
// the audit log sealed; what is issued and received afterwards fills them.
TEST_F(OfdRegisterTest, AnOlderRegistryIsUpgradedAndItsSealedRowsStillAgree) {
  // Rows as schema 4 wrote them, each sealed by its audit entry: an issued document (no OFD
  // registered) and a PDF 来文 (no seal check), both of 2024.
  const DraftRecord d = office->submit(
      write_draft("old.toml", letter_toml("关于旧事项的函", "2024-06-03")), "liuyang");
  archive::IssuedRecord old_row;
  old_row.draft_id = d.id;
  old_row.number = "白政函〔2024〕1号";
  old_row.code = "白政函";
  old_row.year = 2024;
  old_row.serial = 1;
  old_row.title = "关于旧事项的函";
  old_row.kind = "函";
  old_row.issuer = "白路乡人民政府";
  old_row.date = Date{2024, 6, 3};
  old_row.pdf_path = "documents/2024/白政函〔2024〕1号.pdf";
  old_row.pdf_sha256 = std::string(64, 'a');
  old_row.issued_at = "2024-06-03T09:00:00+08:00";
  reg().transaction([&] {
    reg().add_issued(old_row);
    reg().audit(old_row.issued_at, "sunxiuying", "issue", "#" + std::to_string(d.id),
                "as schema 4 issued it");
  });
  const fs::path pdf = tmp / "来文.pdf";
  write_file_atomic(pdf, "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n");
  archive::ReceiveInput in;
  in.file = pdf;
  in.sender = "县人民政府办公室";
  in.title = "关于旧来文的通知";
  in.date = "2024-10-08";
  in.text = "旧来文";
  archive::Receiving(*ws, clock).receive(in, "sunxiuying");
  ASSERT_TRUE(archive::check_audit(*ws).ok());
  flows.reset();
  office.reset();
  const fs::path root = ws->root();
  ws.reset();
  {
    // Back to version 4: its tables had no OFD columns (nor the copies', version 6), no stamps (7),
    // no scans' OCR columns (9).
    RawDb db(root / "registry.sqlite3");
    for (const char* sql :
         {"ALTER TABLE issued DROP COLUMN ofd_path", "ALTER TABLE issued DROP COLUMN ofd_sha256",
          "ALTER TABLE received DROP COLUMN seal_check",
          "ALTER TABLE received DROP COLUMN seal_detail", "ALTER TABLE copies DROP COLUMN ofd_path",
          "ALTER TABLE copies DROP COLUMN ofd_sha256", "ALTER TABLE received DROP COLUMN ocr_source",
          "ALTER TABLE received DROP COLUMN ocr_copy_path", "ALTER TABLE received DROP COLUMN ocr_corrections",
          "DROP TABLE stamps", "PRAGMA user_version = 4"})
      ASSERT_EQ(db.exec(sql), "") << sql;
  }
  auto opened = archive::Workspace::open(root);
  ASSERT_TRUE(opened.ok()) << opened.error().render();
  ws = std::move(opened).value();
  office = std::make_unique<Office>(*ws, clock);
  flows = std::make_unique<Workflows>(*ws, clock);
  EXPECT_EQ(archive::registry_schema_version(), 9);
  const auto old = reg().issued_by_number(old_row.number);
  ASSERT_TRUE(old.has_value());
  EXPECT_TRUE(old->ofd_path.empty());
  EXPECT_TRUE(old->ofd_sha256.empty());
  EXPECT_TRUE(reg().received_list(std::nullopt).front().seal_check.result.empty());
  // The sealed rows agree: NULL columns are left out of a row's digest.
  const archive::AuditReport audit = archive::check_audit(*ws);
  EXPECT_TRUE(audit.ok()) << (audit.problems.empty() ? "" : audit.problems.front());
  // After the upgrade: the OFD is registered and the seal check kept, and the log agrees.
  const auto later = issue_letter("b.toml", "关于商请联合开展森林防火巡护的函", "2025-09-10");
  EXPECT_FALSE(later.issued.ofd_sha256.empty());
  EXPECT_EQ(receive_file(incoming_ofd(later.issued)).received.seal_check.result, "verified");
  const archive::AuditReport after = archive::check_audit(*ws);
  EXPECT_TRUE(after.ok()) << (after.problems.empty() ? "" : after.problems.front());
  // The year files with the new document's OFD beside its PDF/A and the 来文 received as OFD.
  const auto filed = archive::file_year(*ws, 2025, clock, "zhouhong");
  int ofds = 0;
  for (const auto& f : filed.items)
    ofds +=
        fs::exists(ws->archive_dir() / "2025" / "data" / "documents" / (f.archive_code + ".ofd"));
  EXPECT_EQ(ofds, 2);
  const auto v = archive::verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << render(v);
}

class OfdArchiveTest : public OfdRegisterTest {
 protected:
  void SetUp() override {
    OfdRegisterTest::SetUp();
    if (HasFatalFailure()) return;
    a = issue_letter("a.toml", "关于商请支持道路交通安全设施建设的函").issued;
    b = issue_letter("b.toml", "关于商请联合开展森林防火巡护的函", "2025-09-10").issued;
  }
  fs::path bag() const { return ws->archive_dir() / "2025"; }
  // The filed OFD of the issued document `number`.
  std::string filed_ofd(const archive::FilingResult& r, const std::string& number) {
    for (const auto& f : r.items)
      if (f.number == number) return "data/documents/" + f.archive_code + ".ofd";
    return "";
  }
  archive::IssuedRecord a, b;
};

TEST_F(OfdArchiveTest, EachIssuedItemsOfdIsFiledBesideItsPdfAndVerifies) {
  const auto r = archive::file_year(*ws, 2025, clock, "zhouhong");
  ASSERT_EQ(r.items.size(), 2u);
  for (const auto* issued : {&a, &b}) {
    const std::string rel = filed_ofd(r, issued->number);
    ASSERT_TRUE(fs::exists(bag() / rel)) << rel;
    // Byte for byte the OFD issued: its seals cover every file of the package.
    EXPECT_EQ(archive::sha256_hex(read_file(bag() / rel)), issued->ofd_sha256);
    EXPECT_THAT(read_file(bag() / "manifest-sha256.txt"),
                HasSubstr(issued->ofd_sha256 + "  " + rel));
    // The 件's metadata names it as a second 文件数据.
    const std::string code = fs::path(rel).stem().string();
    const std::string meta = read_file(bag() / "data" / "metadata" / (code + ".xml"));
    EXPECT_THAT(meta, HasSubstr("<计算机文件名>" + code + ".ofd</计算机文件名>"));
    EXPECT_THAT(meta, HasSubstr("<数字摘要>" + issued->ofd_sha256 + "</数字摘要>"));
  }
  const auto v = archive::verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << render(v);
  EXPECT_TRUE(v.notes.empty());
}

TEST_F(OfdArchiveTest, AFlippedByteInAFiledOfdIsReported) {
  const auto r = archive::file_year(*ws, 2025, clock, "zhouhong");
  const std::string rel = filed_ofd(r, a.number);
  std::string bytes = read_file(bag() / rel);
  bytes[bytes.size() / 2] ^= 0x01;
  write_file_atomic(bag() / rel, bytes);
  const auto v = archive::verify_year(*ws, 2025);
  ASSERT_FALSE(v.ok());
  bool changed = false, ofd = false;
  for (const auto& f : v.failures) {
    if (f.file != rel) continue;
    if (f.aspect == "真实性" && f.code == "archive.check.changed") changed = true;
    if (f.code.starts_with("archive.ofd.")) ofd = true;  // opened and checked as an OFD
  }
  EXPECT_TRUE(changed) << render(v);
  EXPECT_TRUE(ofd) << render(v);
  // The other 件's OFD is not named.
  EXPECT_THAT(render(v), ::testing::Not(HasSubstr(filed_ofd(r, b.number))));
}

TEST_F(OfdArchiveTest, AnOfdReplacedInThePackageAndItsManifestIsCaughtByTheRegister) {
  const auto r = archive::file_year(*ws, 2025, clock, "zhouhong");
  const std::string ra = filed_ofd(r, a.number), rb = filed_ofd(r, b.number);
  // b's sealed OFD put in a's place, the manifest rewritten to match: the register's hash
  // of a's OFD still tells.
  fs::copy_file(bag() / rb, bag() / ra, fs::copy_options::overwrite_existing);
  std::string manifest = read_file(bag() / "manifest-sha256.txt");
  const auto at = manifest.find(a.ofd_sha256);
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at, 64, b.ofd_sha256);
  write_file_atomic(bag() / "manifest-sha256.txt", manifest);
  const auto v = archive::verify_year(*ws, 2025);
  bool caught = false;
  for (const auto& f : v.failures) caught |= f.file == ra && f.aspect == "真实性";
  EXPECT_TRUE(caught) << render(v);
}

TEST_F(OfdArchiveTest, AChangedOfdStopsTheFiling) {
  std::string bytes = read_file(ws->root() / a.ofd_path);
  bytes[bytes.size() / 2] ^= 0x01;
  write_file_atomic(ws->root() / a.ofd_path, bytes);
  const Error e = failure_of([&] { archive::file_year(*ws, 2025, clock, "zhouhong"); });
  EXPECT_EQ(e.code, Code::Conflict);
  std::string hints;
  for (const auto& h : e.hints) hints += h + "\n";
  EXPECT_THAT(hints, HasSubstr(a.ofd_path));
  EXPECT_TRUE(reg().filed(2025).empty());
}

TEST_F(OfdArchiveTest, AReceivedOfdIsFiledAsItsMainFileAndItsSealsChecked) {
  const auto got = receive_file(incoming_ofd(a));
  ASSERT_EQ(got.received.seal_check.result, "verified");
  const auto r = archive::file_year(*ws, 2025, clock, "zhouhong");
  std::string rel;
  for (const auto& f : r.items)
    if (f.number == got.received.registration()) rel = "data/documents/" + f.archive_code + ".ofd";
  ASSERT_FALSE(rel.empty());
  ASSERT_TRUE(fs::exists(bag() / rel));
  const auto v = archive::verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << render(v);
  std::string bytes = read_file(bag() / rel);
  bytes[bytes.size() / 2] ^= 0x01;
  write_file_atomic(bag() / rel, bytes);
  bool ofd = false;
  for (const auto& f : archive::verify_year(*ws, 2025).failures)
    ofd |= f.file == rel && f.code.starts_with("archive.ofd.");
  EXPECT_TRUE(ofd);
}

}  // namespace
}  // namespace gongwen::services::test
