// The audit log: one hash-chained entry per action (refusals included), append-only in the
// database, and any edit made behind the library's back is found at the right entry.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gongwen/archive/audit_check.hpp"
#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

class AuditTest : public OfficeTest {
 protected:
  // Runs one action and checks it appended exactly one entry with this actor and action.
  template <class F>
  void expect_one_entry(F&& action, const std::string& actor, const std::string& what,
                        const std::string& subject_part) {
    const std::size_t before = reg().audit_log().size();
    try {
      action();
    } catch (const Failure&) {
      // refusals are audited too
    }
    const auto log = reg().audit_log();
    ASSERT_EQ(log.size(), before + 1) << what << " by " << actor;
    EXPECT_EQ(log.back().seq, static_cast<std::int64_t>(before + 1));
    EXPECT_EQ(log.back().actor, actor);
    EXPECT_EQ(log.back().action, what);
    EXPECT_THAT(log.back().subject, HasSubstr(subject_part));
    EXPECT_EQ(log.back().at, "2025-12-30T09:00:00+08:00");
  }

  // A small history: a document issued, a refused void, a refusal, a second submission.
  void make_history() {
    const fs::path file = write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
    const DraftRecord d = office->submit(file, "wangfang");
    review_all(d);
    office->sign(ref(d), "zhangjianguo", "");
    office->issue(ref(d), "sunxiuying");
    try {
      office->void_number("白政发〔2025〕1号", "zhangjianguo", "印制错误");  // refused, audited
    } catch (const Failure&) {
    }
  }

  fs::path db_file() const { return ws->root() / "registry.sqlite3"; }
};

TEST_F(AuditTest, EveryActionAppendsOneEntry) {
  const fs::path file = write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  expect_one_entry([&] { office->submit(file, "wangfang"); }, "wangfang", "submit", "#1");
  EXPECT_THAT(reg().audit_log().back().detail, HasSubstr("round 1"));
  expect_one_entry([&] { office->review("#1", "chenzhiyong", Decision::Approve, ""); },
                   "chenzhiyong", "refused", "#1");
  expect_one_entry([&] { office->review("#1", "zhaoli", Decision::Approve, ""); }, "zhaoli",
                   "review", "#1");
  expect_one_entry([&] { office->review("#1", "chenzhiyong", Decision::Approve, "可以"); },
                   "chenzhiyong", "review", "#1");
  EXPECT_EQ(reg().audit_log().back().detail, "可以");
  expect_one_entry([&] { office->sign("#1", "liminghua", ""); }, "liminghua", "refused", "#1");
  expect_one_entry([&] { office->sign("#1", "zhangjianguo", ""); }, "zhangjianguo", "sign", "#1");
  expect_one_entry([&] { office->issue("#1", "huanglei"); }, "huanglei", "refused", "#1");
  expect_one_entry([&] { office->issue("#1", "sunxiuying"); }, "sunxiuying", "issue", "#1");
  EXPECT_THAT(reg().audit_log().back().detail, HasSubstr("白政发〔2025〕1号"));
  // An issued number cannot be voided (issue 13 #4): the refusal is the entry.
  expect_one_entry([&] { office->void_number("白政发〔2025〕1号", "zhangjianguo", "印制错误"); },
                   "zhangjianguo", "refused", "白政发〔2025〕1号");
  EXPECT_EQ(reg().audit_log().back().detail, "void of an issued number");

  const auto log = reg().audit_log();
  EXPECT_EQ(log.size(), 9u);
  EXPECT_EQ(verify_audit_chain(log), std::nullopt);
  EXPECT_EQ(log.front().prev_hash, "");
  for (std::size_t i = 1; i < log.size(); ++i) {
    EXPECT_EQ(log[i].prev_hash, log[i - 1].hash);
    EXPECT_EQ(log[i].hash, audit_entry_hash(log[i]));
  }
}

TEST_F(AuditTest, ChainSurvivesReopening) {
  make_history();
  const auto log = reg().audit_log();
  office.reset();
  ws.reset();
  ws = Workspace::open(tmp / "ws").take();
  office = std::make_unique<Office>(*ws, clock);
  EXPECT_EQ(reg().audit_log().size(), log.size());
  office->submit(write_draft("m.toml", notice_toml("关于开展安全检查的通知")), "wangfang");
  const auto longer = reg().audit_log();
  ASSERT_EQ(longer.size(), log.size() + 1);
  EXPECT_EQ(longer.back().prev_hash, log.back().hash);
  EXPECT_EQ(verify_audit_chain(longer), std::nullopt);
}

TEST_F(AuditTest, TriggersBlockEditsInPlace) {
  make_history();
  const auto log = reg().audit_log();
  RawDb db(db_file());
  EXPECT_THAT(db.exec("UPDATE audit SET detail='改过' WHERE seq=3"), HasSubstr("append-only"));
  EXPECT_THAT(db.exec("DELETE FROM audit WHERE seq=3"), HasSubstr("append-only"));
  EXPECT_THAT(db.exec("DELETE FROM numbers"), HasSubstr("never removed"));
  const auto after = reg().audit_log();
  ASSERT_EQ(after.size(), log.size());
  EXPECT_EQ(after[2].detail, log[2].detail);
  EXPECT_EQ(reg().numbers(2025).size(), 1u);
  EXPECT_EQ(verify_audit_chain(after), std::nullopt);
}

TEST_F(AuditTest, EditedDetailIsFoundAtItsEntry) {
  make_history();
  ASSERT_GE(reg().audit_log().size(), 6u);
  RawDb db(db_file());
  ASSERT_EQ(db.exec("DROP TRIGGER audit_no_update"), "");
  ASSERT_EQ(db.exec("UPDATE audit SET detail='同意（已改）' WHERE seq=3"), "");
  const auto log = reg().audit_log();
  EXPECT_EQ(log[2].detail, "同意（已改）");
  EXPECT_EQ(verify_audit_chain(log), std::optional<std::int64_t>(3));
}

TEST_F(AuditTest, RehashedEntryBreaksTheNextLink) {
  make_history();
  RawDb db(db_file());
  ASSERT_EQ(db.exec("DROP TRIGGER audit_no_update"), "");
  // A careful forger recomputes the edited entry's own hash; the next entry still points at
  // the old one.
  auto log = reg().audit_log();
  AuditEntry e = log[1];
  e.actor = "chenzhiyong";
  e.hash = audit_entry_hash(e);
  ASSERT_EQ(db.exec("UPDATE audit SET actor='chenzhiyong', hash='" + e.hash + "' WHERE seq=2"), "");
  EXPECT_EQ(verify_audit_chain(reg().audit_log()), std::optional<std::int64_t>(3));
}

TEST_F(AuditTest, DeletedEntryIsFoundAtTheNext) {
  make_history();
  RawDb db(db_file());
  ASSERT_EQ(db.exec("DROP TRIGGER audit_no_delete"), "");
  ASSERT_EQ(db.exec("DELETE FROM audit WHERE seq=4"), "");
  EXPECT_EQ(verify_audit_chain(reg().audit_log()), std::optional<std::int64_t>(5));
}

TEST_F(AuditTest, ForgedRowIsFound) {
  make_history();
  const auto log = reg().audit_log();
  const std::int64_t next = log.back().seq + 1;
  RawDb db(db_file());
  // Inserting needs no trigger to be dropped; a forged row with a made-up hash is caught.
  ASSERT_EQ(db.exec("INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) "
                    "VALUES (" + std::to_string(next) +
                    ", '2025-12-30T10:00:00+08:00', 'zhangjianguo', 'sign', '#9', '同意印发', '" +
                    log.back().hash + "', 'deadbeef')"),
            "");
  EXPECT_EQ(verify_audit_chain(reg().audit_log()), std::optional<std::int64_t>(next));

  // The library keeps appending after the forged row; the break stays where it was.
  office->submit(write_draft("m.toml", notice_toml("关于开展安全检查的通知")), "wangfang");
  EXPECT_EQ(verify_audit_chain(reg().audit_log()), std::optional<std::int64_t>(next));
}

TEST(AuditChain, VerifyOnHandMadeLog) {
  std::vector<AuditEntry> log;
  std::string prev;
  for (int i = 1; i <= 3; ++i) {
    AuditEntry e{i, "2025-01-0" + std::to_string(i) + "T09:00:00+08:00", "huanglei", "test",
                 "s", "d" + std::to_string(i), prev, ""};
    e.hash = audit_entry_hash(e);
    prev = e.hash;
    log.push_back(e);
  }
  EXPECT_EQ(verify_audit_chain(log), std::nullopt);
  EXPECT_EQ(verify_audit_chain({}), std::nullopt);
  // Field boundaries matter: moving a character between fields changes the hash.
  AuditEntry moved = log[0];
  moved.subject = "sd";
  moved.detail = "1";
  EXPECT_NE(audit_entry_hash(moved), log[0].hash);
  auto bad = log;
  bad[1].at = "2025-01-02T09:00:01+08:00";
  EXPECT_EQ(verify_audit_chain(bad), std::optional<std::int64_t>(2));
  bad = log;
  bad[0].prev_hash = "x";
  EXPECT_EQ(verify_audit_chain(bad), std::optional<std::int64_t>(1));
  // A log that starts in the middle (first entries cut off) is not intact.
  EXPECT_EQ(verify_audit_chain({log[1], log[2]}), std::optional<std::int64_t>(2));
}

}  // namespace
}  // namespace gongwen::archive::test

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

// Issue 13 #3: each entry is MACed with keys/audit.key and carries the sealed rows its
// transaction wrote; keys/audit-head follows the last entry.
TEST_F(AuditTest, EntriesAreKeyedAndCarryTheRowsTheyWrote) {
  make_history();
  const auto log = reg().audit_log();
  for (const auto& e : log) EXPECT_EQ(e.mac.size(), 64u) << "entry " << e.seq;
  const AuditEntry* issue = nullptr;
  for (const auto& e : log)
    if (e.action == "issue") issue = &e;
  ASSERT_NE(issue, nullptr);
  EXPECT_THAT(issue->rows, HasSubstr("issued\t白政发〔2025〕1号\t"));
  EXPECT_THAT(issue->rows, HasSubstr("numbers\t白政发〔2025〕1号\t"));
  EXPECT_THAT(read_file(ws->keys_dir() / "audit-head"),
              HasSubstr(std::to_string(log.back().seq) + " " + log.back().hash));
  const AuditReport r = check_audit(*ws);
  EXPECT_TRUE(r.ok()) << r.problems.front();
  EXPECT_EQ(r.keyed_from, 1);
  EXPECT_EQ(r.checkpoints, 1u);  // the issued PDF's signature carries the head before its issue
}

TEST_F(AuditTest, ARowChangedBehindTheProgramIsNamed) {
  make_history();
  RawDb db(db_file());
  ASSERT_EQ(db.exec("UPDATE issued SET title = '改过的标题'"), "");
  const AuditReport r = check_audit(*ws);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems.front(), HasSubstr("白政发〔2025〕1号"));
}

}  // namespace
}  // namespace gongwen::archive::test
