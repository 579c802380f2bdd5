// 四性检测: a clean year passes; one changed byte, a deleted file, an added file, a metadata
// edit and a register edit are each caught and named. Plus the lock and interruption safety
// (a run killed half-way leaves nothing visible; running again finishes the job).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "office_fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string render(const VerifyReport& r) { return failures_text(r); }

class VerifyYearTest : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    issue_minutes_and_letter();
    issue_new("letter-b.toml", letter_toml("关于商请联合开展森林防火巡护的函", "2025-09-10"), "liuyang");
  }
  fs::path bag() const { return ws->archive_dir() / "2025"; }
  FilingResult file() { return file_year(*ws, 2025, clock, "zhouhong"); }
};

TEST_F(VerifyYearTest, CleanYearPassesAllFourAspects) {
  file();
  const VerifyReport r = verify_year(*ws, 2025);
  EXPECT_TRUE(r.ok()) << render(r);
  EXPECT_EQ(r.items, 3);
  // documents, their 发文稿纸, their OFDs, metadata, catalogue ×3 + 备考表 ×2 + 盒脊 + 盒目录, tag files
  EXPECT_EQ(r.files, 3 + 3 + 3 + 3 + 7 + 3);
  EXPECT_THAT(r.notes, IsEmpty());    // every original was signed at issue and still verifies
}

TEST_F(VerifyYearTest, OneChangedByteIsNamed) {
  const auto res = file();
  const fs::path doc = ws->root() / res.items[1].path;
  std::string b = read_file(doc);
  b[b.size() / 2] ^= 0x01;
  write_file_atomic(doc, b);
  const VerifyReport r = verify_year(*ws, 2025);
  ASSERT_FALSE(r.ok());
  const std::string rel = "data/documents/" + res.items[1].archive_code + ".pdf";
  bool named = false;
  for (const auto& f : r.failures)
    if (f.file == rel && f.aspect == "真实性" && f.code == "archive.check.changed") named = true;
  EXPECT_TRUE(named) << render(r);
  // The byte sits inside the signed revision: the issued signature fails too.
  bool sig = false;
  for (const auto& f : r.failures)
    if (f.file == rel && f.code == "archive.check.signature") sig = true;
  EXPECT_TRUE(sig) << render(r);
}

// The report is the clerk's: Chinese by default, each problem with its arguments (the
// manifest's and the file's SHA-256), the code the same in every language.
TEST_F(VerifyYearTest, TheReportIsChineseByDefault) {
  const auto res = file();
  const fs::path doc = ws->root() / res.items[1].path;
  const std::string listed = sha256_hex(read_file(doc));
  std::string b = read_file(doc);
  b[b.size() / 2] ^= 0x01;
  write_file_atomic(doc, b);
  fs::remove(bag() / "data" / "metadata" / (res.items[0].archive_code + ".xml"));
  set_message_language(Language::Chinese);
  const VerifyReport r = verify_year(*ws, 2025);
  set_message_language(Language::English);
  const std::string rel = "data/documents/" + res.items[1].archive_code + ".pdf";
  bool changed = false, deleted = false;
  for (const auto& f : r.failures) {
    if (f.file == rel && f.code == "archive.check.changed") {
      changed = true;
      EXPECT_EQ(f.problem, "内容与清单不符（被改动）：清单中的 SHA-256 为 " + listed + "，实际为 " + sha256_hex(b));
    }
    if (f.code == "archive.check.deleted") {
      deleted = true;
      EXPECT_EQ(f.problem, "清单中列出的文件不见了（被删除）");
    }
    EXPECT_FALSE(f.code.empty()) << f.problem;
    if (f.code == "archive.check.signature") continue;  // it quotes OpenSSL's own words
    for (const char* english : {"manifest", "missing", "signature", "not "})
      EXPECT_EQ(f.problem.find(english), std::string::npos) << f.problem;
  }
  EXPECT_TRUE(changed) << render(r);
  EXPECT_TRUE(deleted) << render(r);
}

TEST_F(VerifyYearTest, DeletedFileIsNamed) {
  const auto res = file();
  fs::remove(bag() / "data" / "metadata" / (res.items[0].archive_code + ".xml"));
  const VerifyReport r = verify_year(*ws, 2025);
  EXPECT_THAT(render(r), HasSubstr("完整性 data/metadata/" + res.items[0].archive_code +
                                   ".xml: file listed in the manifest is missing (deleted)"));
}

TEST_F(VerifyYearTest, AddedFileIsNamed) {
  file();
  write_file_atomic(bag() / "data" / "documents" / "extra.pdf", "%PDF-1.4 not ours");
  const VerifyReport r = verify_year(*ws, 2025);
  ASSERT_EQ(r.failures.size(), 1u) << render(r);
  EXPECT_EQ(r.failures[0].aspect, "安全性");
  EXPECT_EQ(r.failures[0].file, "data/documents/extra.pdf");
  EXPECT_EQ(r.failures[0].code, "archive.check.added");
  EXPECT_THAT(r.failures[0].problem, HasSubstr("not listed"));
}

TEST_F(VerifyYearTest, EditedManifestAndRegisterAreCaught) {
  const auto res = file();
  // Someone rehashes a changed catalogue into the manifest: the tag manifest catches it.
  const fs::path csv = bag() / "data" / "归档文件目录.csv";
  std::string c = read_file(csv) + "99,X,X,X,X,20250101,,1,\n";
  write_file_atomic(csv, c);
  std::string m = read_file(bag() / "manifest-sha256.txt");
  const std::string old = sha256_hex(read_file(csv).substr(0, read_file(csv).size() - 24));
  m.replace(m.find(old), 64, sha256_hex(c));
  write_file_atomic(bag() / "manifest-sha256.txt", m);
  EXPECT_THAT(render(verify_year(*ws, 2025)), HasSubstr("真实性 manifest-sha256.txt: content differs"));
  // The register's hash no longer agrees with the package.
  RawDb db(ws->root() / "registry.sqlite3");
  ASSERT_EQ(db.exec("UPDATE filed SET sha256 = 'x' WHERE archive_code = '" + res.items[0].archive_code + "'"), "");
  EXPECT_THAT(render(verify_year(*ws, 2025)), HasSubstr("differs from the register's for " + res.items[0].archive_code));
}

TEST_F(VerifyYearTest, UnfiledYearIsNotFound) {
  EXPECT_EQ(failure_of([&] { verify_year(*ws, 2025); }).code, Code::NotFound);
}

TEST_F(VerifyYearTest, LockedYearRefusesAReceiptAndARefiling) {
  file();
  EXPECT_EQ(failure_of([&] { require_open_year(*ws, 2025, "registering"); }).code, Code::Conflict);
  EXPECT_NO_THROW(require_open_year(*ws, 2026, "registering"));
  EXPECT_EQ(failure_of([&] { file(); }).code, Code::Conflict);
}

// A run killed half-way (SIGKILL while staging) leaves only the hidden staging folder; the
// year is not filed; running again finishes the job with the same bag a clean run makes.
TEST_F(VerifyYearTest, KilledRunLeavesNothingVisibleAndRerunFinishes) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto w = Workspace::open(ws->root());
    if (!w.ok()) _exit(3);
    FilingOptions o;
    o.progress = [](int done, int) { if (done == 2) raise(SIGKILL); };
    file_year(*w.value(), 2025, clock, "zhouhong", o);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_FALSE(fs::exists(bag()));
  EXPECT_TRUE(fs::exists(ws->archive_dir() / ".2025.staging"));
  EXPECT_TRUE(reg().filed(2025).empty());
  int calls = 0;
  FilingOptions o;
  o.progress = [&](int, int total) { ++calls; EXPECT_EQ(total, 3); };
  file_year(*ws, 2025, clock, "zhouhong", o);
  EXPECT_EQ(calls, 4);  // each 件, then the package
  EXPECT_FALSE(fs::exists(ws->archive_dir() / ".2025.staging"));
  EXPECT_TRUE(verify_year(*ws, 2025).ok());
}

// Killed between the rename and the commit: the bag is in place but not registered. Our own
// bag (bag-info.txt says so) is rebuilt; a stranger's folder is refused (filing_test).
TEST_F(VerifyYearTest, RenamedButUncommittedBagIsRebuilt) {
  file();
  const std::string manifest = read_file(bag() / "manifest-sha256.txt");
  RawDb db(ws->root() / "registry.sqlite3");
  ASSERT_EQ(db.exec("DELETE FROM filed"), "");
  write_file_atomic(bag() / "data" / "half-written.tmp", "x");
  file();
  EXPECT_FALSE(fs::exists(bag() / "data" / "half-written.tmp"));
  EXPECT_EQ(read_file(bag() / "manifest-sha256.txt"), manifest);
  EXPECT_EQ(reg().filed(2025).size(), 3u);
}

}  // namespace
}  // namespace gongwen::archive::test
