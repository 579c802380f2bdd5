// Issue 13 #3: history cannot be rewritten. Each attack of the round-2 run is made with the
// sqlite3 tool on a copy of the demo workspace (someone with write access to
// registry.sqlite3, not to keys/), and `gongwen audit verify` must fail naming what changed.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

std::string sha256(const std::string& bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

struct Row {
  long long seq = 0;
  std::string at, actor, action, subject, detail, prev_hash, hash, rows;
};

// The chain hash as docs/registers.md defines it: what an attacker who read the source computes.
std::string chain_hash(const Row& r) {
  const std::string sep = "\x1f";
  return sha256(std::to_string(r.seq) + sep + r.at + sep + r.actor + sep + r.action + sep + r.subject + sep +
                r.detail + sep + r.prev_hash + (r.rows.empty() ? "" : sep + r.rows));
}

std::string sql_text(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

class Integrity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    demo = fresh_dir("integrity-demo");
    const Outcome o = gongwen({"demo", demo.string()});
    ASSERT_EQ(o.code, 0) << o.err;
  }
  static void TearDownTestSuite() { fs::remove_all(demo); }
  void SetUp() override {
    ws = fresh_dir(std::string("integrity-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::copy(demo, ws, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(ws); }

  // The attack: SQL run by the sqlite3 command-line tool on the copy.
  void attack(const std::string& sql) {
    const Outcome o = run("sqlite3", {(ws / "registry.sqlite3").string(), sql});
    ASSERT_EQ(o.code, 0) << o.err;
  }
  Outcome verify() { return gongwen({"-w", ws.string(), "audit", "verify"}); }
  void expect_caught(const std::string& what) {
    const Outcome v = verify();
    EXPECT_EQ(v.code, 6) << v.out << v.err;
    EXPECT_NE(v.err.find(what), std::string::npos) << "expected «" << what << "» in:\n" << v.err;
  }

  std::vector<Row> audit_rows() {
    std::vector<Row> out;
    sqlite3* db = nullptr;
    sqlite3_open_v2((ws / "registry.sqlite3").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT seq, at, actor, action, subject, detail, prev_hash, hash, rows FROM audit ORDER BY seq",
                       -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      auto t = [&](int c) {
        const auto* p = sqlite3_column_text(st, c);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
      };
      out.push_back({sqlite3_column_int64(st, 0), t(1), t(2), t(3), t(4), t(5), t(6), t(7), t(8)});
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }

  static inline fs::path demo;
  fs::path ws;
};

TEST_F(Integrity, AnUntouchedCopyPasses) {
  const Outcome v = verify();
  EXPECT_EQ(v.code, 0) << v.err;
  EXPECT_NE(v.out.find("audit log intact"), std::string::npos) << v.out;
  // The issued PDFs' signed checkpoints were found and agree.
  EXPECT_EQ(v.out.find(" 0 signed checkpoints"), std::string::npos) << v.out;
}

TEST_F(Integrity, DeletingTheLastFiveEntriesIsCaught) {
  attack("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 5 FROM audit);");
  expect_caught("the audit log was cut short");
}

// Truncated behind the last issue, with keys/audit-head removed too: the checkpoint signed
// into the issued PDFs still shows the log was longer.
TEST_F(Integrity, TruncationBehindAnIssuedDocumentIsCaughtByItsSignedCheckpoint) {
  long long last_issue = 0;
  for (const auto& r : audit_rows())
    if (r.action == "issue") last_issue = r.seq;
  ASSERT_GT(last_issue, 2);
  attack("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= " + std::to_string(last_issue - 1) + ";");
  fs::remove(ws / "keys" / "audit-head");
  expect_caught("is signed with a checkpoint at audit entry");
}

TEST_F(Integrity, RewritingEntry30AndRechainingIsCaught) {
  auto rows = audit_rows();
  ASSERT_GT(rows.size(), 30u);
  std::string sql = "DROP TRIGGER audit_no_update;";
  rows[29].detail = "同意（改写）";
  for (std::size_t i = 29; i < rows.size(); ++i) {
    rows[i].prev_hash = rows[i - 1].hash;
    rows[i].hash = chain_hash(rows[i]);
    sql += "UPDATE audit SET detail=" + sql_text(rows[i].detail) + ", prev_hash='" + rows[i].prev_hash +
           "', hash='" + rows[i].hash + "' WHERE seq=" + std::to_string(rows[i].seq) + ";";
  }
  attack(sql);
  expect_caught("audit entry 30 has a wrong MAC");
}

TEST_F(Integrity, AForgedSignOffAppendedIsCaught) {
  const auto rows = audit_rows();
  Row forged;
  forged.seq = rows.back().seq + 1;
  forged.at = rows.back().at;
  forged.actor = "zhangjianguo";
  forged.action = "sign";
  forged.subject = "#1 关于伪造的通知";
  forged.detail = "同意印发";
  forged.prev_hash = rows.back().hash;
  forged.hash = chain_hash(forged);
  attack("INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (" +
         std::to_string(forged.seq) + "," + sql_text(forged.at) + ",'zhangjianguo','sign'," +
         sql_text(forged.subject) + "," + sql_text(forged.detail) + ",'" + forged.prev_hash + "','" + forged.hash + "');");
  expect_caught("audit entry " + std::to_string(forged.seq) + " carries no MAC");
}

TEST_F(Integrity, EditingAnIssuedTitleIsCaught) {
  attack("UPDATE issued SET title = '关于改过标题的通知' WHERE number = '白政发〔2026〕1号';");
  expect_caught("issued row 白政发〔2026〕1号 was changed");
}

TEST_F(Integrity, EditingAFiledRetentionIsCaught) {
  attack("UPDATE filed SET retention = '定期10年' WHERE number = '白政发〔2025〕1号';");
  expect_caught("filed row 2025 白政发〔2025〕1号 was changed");
}

TEST_F(Integrity, DeletingAnIssuedRowOfAFiledYearIsCaught) {
  attack("DELETE FROM issued WHERE number = '白政发〔2025〕1号';");
  expect_caught("issued row 白政发〔2025〕1号 was deleted");
}

TEST_F(Integrity, DeletingANumberAfterDroppingItsTriggerIsCaught) {
  attack("DROP TRIGGER numbers_no_delete; DELETE FROM numbers WHERE code = '白政发' AND year = 2026 AND serial = 2;");
  expect_caught("numbers row 白政发〔2026〕2号 was deleted");
}

TEST_F(Integrity, ARowAddedOutsideGongwenIsCaught) {
  attack("INSERT INTO seal_use (number, seal_text, approver, keeper, copies, at) "
         "VALUES ('白政发〔2026〕99号', '白路乡人民政府', 'zhangjianguo', 'sunxiuying', 1, '2026-11-20T09:00:00+08:00');");
  expect_caught("seal_use row");
}

// A workspace from before the key: opening it makes the key and a first keyed entry that
// records every sealed row, and from then on the same attacks are caught.
TEST_F(Integrity, AnOlderWorkspaceIsKeyedOnFirstOpen) {
  fs::remove(ws / "keys" / "audit.key");
  fs::remove(ws / "keys" / "audit-head");
  attack("DROP TRIGGER audit_no_update; UPDATE audit SET rows = '', mac = '';");
  // (hashes of entries with rows no longer match: rebuild the chain as an old program wrote it)
  auto rows = audit_rows();
  std::string sql;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].prev_hash = i ? rows[i - 1].hash : "";
    rows[i].hash = chain_hash(rows[i]);
    sql += "UPDATE audit SET prev_hash='" + rows[i].prev_hash + "', hash='" + rows[i].hash +
           "' WHERE seq=" + std::to_string(rows[i].seq) + ";";
  }
  attack(sql);
  const Outcome first = verify();  // the PDFs' checkpoints name the old hashes: rewritten, as it was
  EXPECT_TRUE(fs::exists(ws / "keys" / "audit.key"));
  const auto after = audit_rows();
  ASSERT_EQ(after.size(), rows.size() + 1);
  EXPECT_EQ(after.back().action, "audit-key");
  EXPECT_NE(after.back().rows.find("issued\t白政发〔2026〕1号\t"), std::string::npos);
  EXPECT_NE(first.err.find("history was rewritten"), std::string::npos) << first.err;
  attack("UPDATE issued SET title = '改' WHERE number = '白政发〔2026〕1号';");
  expect_caught("issued row 白政发〔2026〕1号 was changed");
}

}  // namespace
}  // namespace gongwen::e2e
