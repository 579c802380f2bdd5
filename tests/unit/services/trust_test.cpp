// Issue 13, the workflow side, at the service layer: filing an open year needs confirming;
// secret items are counted, never named, in the blockers for the uncleared; an uncleared
// archivist lending a secret 档号 is answered as for a 档号 that does not exist; text checks
// (direction controls, control characters, outside files); time order of the audit log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflows_fixture.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/audit_verify.hpp"
#include "gongwen/services/clock_policy.hpp"
#include "gongwen/services/documents.hpp"
#include "gongwen/services/search.hpp"
#include "gongwen/services/text_checks.hpp"
#include "gongwen/services/workflows.hpp"

namespace gongwen::services::test {
namespace {

using namespace gongwen::archive::test;
using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

class TrustTest : public WorkflowsFixture {};

// #14: the fixture's clock is 2025-12-30, so 2025 has not ended.
TEST_F(TrustTest, FilingAnOpenYearNeedsConfirming) {
  issue_new("a.toml", notice_toml("关于开展环境整治的通知"));
  const Error e = failure_of([&] { flows->file_year(2025, "zhouhong"); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_THAT(e.message, HasSubstr("尚未结束"));
  EXPECT_THAT(e.message, HasSubstr("不能再发文"));
  EXPECT_TRUE(reg().filed(2025).empty());
  EXPECT_EQ(flows->file_year(2025, "zhouhong", {}, {}, true).filing.items.size(), 1u);
}

// #1: a secret draft in progress blocks the filing; the uncleared learn only that something does.
TEST_F(TrustTest, BlockersAboutSecretItemsAreCountedNotNamed) {
  office->submit(write_draft("s.toml", notice_toml("关于征兵政治考核的通知", "2025-06-02", "chenzhiyong", "\"government\"",
                                                   "secrecy = \"秘密\"\nsecrecy_term = \"1年\"\n")),
                 "chenzhiyong");
  const auto cleared = filing_blockers_for(*ws, 2025, user("zhaoli"));
  ASSERT_EQ(cleared.lines.size(), 1u);
  EXPECT_THAT(cleared.lines[0], HasSubstr("关于征兵政治考核的通知"));
  const auto uncleared = filing_blockers_for(*ws, 2025, user("zhouhong"));
  EXPECT_TRUE(uncleared.lines.empty());
  EXPECT_EQ(uncleared.hidden, 1);
  for (const auto& e : audit_log_for(*ws, user("zhouhong"))) EXPECT_THAT(e.subject, Not(HasSubstr("征兵")));
}

TEST_F(TrustTest, DirectionControlsAreRefusedAndControlsEscaped) {
  EXPECT_EQ(first_bidi_control("普通标题"), "");
  EXPECT_EQ(first_bidi_control("关于\u202e知通"), "U+202E");
  EXPECT_EQ(first_bidi_control("a\u2066b"), "U+2066");
  EXPECT_EQ(failure_of([] { refuse_bidi_controls("标题", "x\u202ey"); }).code, Code::BadInput);
  EXPECT_EQ(escape_controls("张三\n\x1b[31m"), "张三\\n\\x1b[31m");
  EXPECT_EQ(escape_controls("a\u202eb"), "a\\u{202e}b");
  EXPECT_EQ(escape_controls("公文 OK"), "公文 OK");
  // Bytes the one codec (utf8.hpp) rejects are shown, never passed on: a stray byte, a
  // truncated sequence, an overlong '/' and an encoded surrogate.
  EXPECT_EQ(escape_controls("a\xff" "b"), "a\\xffb");
  EXPECT_EQ(escape_controls("\xe6\xa3"), "\\xe6\\xa3");
  EXPECT_EQ(escape_controls("\xc0\xaf"), "\\xc0\\xaf");
  EXPECT_EQ(escape_controls("\xed\xa0\x80"), "\\xed\\xa0\\x80");
}

TEST_F(TrustTest, OutsideFilesMustBeRegularAndBounded) {
  EXPECT_EQ(failure_of([] { read_outside_file("/dev/zero"); }).code, Code::BadInput);
  EXPECT_EQ(failure_of([&] { read_outside_file(tmp); }).code, Code::BadInput);
  const fs::path big = tmp / "big.pdf";
  archive::write_file_atomic(big, std::string(2048, 'x'));
  EXPECT_EQ(failure_of([&] { read_outside_file(big, 1024); }).code, Code::BadInput);
  EXPECT_EQ(read_outside_file(big).size(), 2048u);
}

TEST_F(TrustTest, SearchFiltersThatCannotBeReadAreNamed) {
  search::SearchFilters f;
  EXPECT_FALSE(filter_problem(f));
  f.year = "abc";
  EXPECT_EQ(filter_problem(f)->field, "year");
  f.year = "2024..2025";
  f.date_to = "2026-02-30";
  EXPECT_EQ(filter_problem(f)->field, "to");
  f.date_to = "2024-02-29";
  f.secrecy = "超级";
  EXPECT_EQ(filter_problem(f)->field, "secrecy");
  EXPECT_FALSE(query_text_notes("年度:abc").empty());
  EXPECT_FALSE(query_text_notes("标题:\"").empty());
  EXPECT_TRUE(query_text_notes("标题:防汛 年度:2025").empty());
}

TEST_F(TrustTest, DownloadPathsComeFromTheNumber) {
  EXPECT_EQ(ws->relative(issued_file_path(*ws, "白政发〔2025〕3号", IssuedFile::Pdf)), "documents/2025/白政发〔2025〕3号.pdf");
  EXPECT_EQ(failure_of([&] { issued_file_path(*ws, "../../keys/signing-key", IssuedFile::Pdf); }).code, Code::Conflict);
}

TEST(ClockPolicy, EntriesGoingBackInTimeAreFound) {
  std::vector<archive::AuditEntry> log(4);
  const char* at[] = {"2026-11-20T09:00:00+08:00", "2026-11-20T10:00:00+08:00", "1999-01-01T09:00:00+08:00",
                      "2026-11-20T11:00:00+08:00"};
  for (int i = 0; i < 4; ++i) log[i].seq = i + 1, log[i].at = at[i];
  EXPECT_EQ(entries_out_of_time_order(log), std::vector<std::int64_t>{3});
  log[2].at = "2026-11-20T09:55:00+08:00";  // a writer that waited for the lock
  EXPECT_TRUE(entries_out_of_time_order(log).empty());
}

// The 四性检测 runs the whole audit check of `audit verify`, not the bare hash chain: an entry
// going back in time (in a workspace that may not run on a fixed clock) and an entry whose MAC
// was changed behind the program (the chain still holds) each fail its 安全性.
TEST_F(TrustTest, TheArchiveCheckRunsTheWholeAuditCheck) {
  issue_new("a.toml", notice_toml("关于开展环境整治的通知"));
  flows->file_year(2025, "zhouhong", {}, {}, true);
  auto security = [](const archive::VerifyReport& r) {
    std::string s;
    for (const auto& f : r.failures)
      if (f.aspect == "安全性") s += f.file + ": " + f.problem + "\n";
    return s;
  };
  ASSERT_TRUE(verify_year_for(*ws, 2025, user("zhouhong")).report.ok()) << security(archive::verify_year(*ws, 2025));
  reg().transaction([&] { reg().audit("1999-01-01T09:00:00+08:00", "zhouhong", "note", "x", "倒填"); });
  const auto backdated = verify_year_for(*ws, 2025, user("zhouhong")).report;
  EXPECT_FALSE(backdated.ok());
  EXPECT_THAT(security(backdated), HasSubstr("审计记录的时间顺序颠倒"));
  EXPECT_THAT(security(backdated), HasSubstr("1999-01-01"));
  EXPECT_TRUE(verify_audit(*ws).order_is_failure);

  const auto log = reg().audit_log();
  ASSERT_GT(log.size(), 2u);
  archive::test::RawDb db(ws->root() / "registry.sqlite3");
  ASSERT_EQ(db.exec("DROP TRIGGER audit_no_update; UPDATE audit SET mac = '" + std::string(64, '0') +
                    "' WHERE seq = " + std::to_string(log[1].seq) + ";"),
            "");
  EXPECT_EQ(archive::verify_audit_chain(reg().audit_log()), std::nullopt);  // the bare chain sees nothing
  const auto remaced = archive::verify_year(*ws, 2025);
  EXPECT_THAT(security(remaced), HasSubstr(msg("audit.mac.wrong", {{"seq", std::to_string(log[1].seq)}})));
  EXPECT_FALSE(verify_audit(*ws).ok());
}

TEST_F(TrustTest, AFixedClockNeedsAWorkspaceMadeForIt) {
  EXPECT_FALSE(fixed_clock_allowed(*ws));  // the fixture's workspace has no entry yet
  reg().transaction([&] { reg().audit("2025-12-30T08:00:00+08:00", "system", "init", "ws", init_detail("x", false)); });
  EXPECT_FALSE(fixed_clock_allowed(*ws));
  EXPECT_EQ(failure_of([&] { require_fixed_clock_allowed(*ws, "1999-01-01T09:00:00+08:00"); }).code, Code::Forbidden);
  reg().transaction([&] { reg().audit("2025-12-30T08:00:00+08:00", "system", "init", "ws", init_detail("x", true)); });
  EXPECT_FALSE(fixed_clock_allowed(*ws));  // only the first entry can grant it
}

}  // namespace
}  // namespace gongwen::services::test
