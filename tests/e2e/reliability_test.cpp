// Reliability of `gongwen issue` through the real binary: four processes issuing at the same
// time get distinct, consecutive numbers with one register row each; SIGKILL at random points
// never leaves a half-written file in documents/, a number without its register row, or a
// row without its files, and the next run carries on. Drafts are prepared (signed off) by
// tests/reliability/make_signed_drafts through the library: the shipped CLI has no shortcut.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

class Reliability : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ws = (dir / "ws").string();
    cfg = (dir / "cfg").string();
    // A test workspace: make_signed_drafts records its steps at a fixed 2026-03-02 (issue 13 #7).
    ASSERT_EQ(run(GONGWEN_BINARY, {"init", "--fixed-clock-allowed", ws}).code, 0);
    ASSERT_EQ(run(GONGWEN_BINARY, {"-w", ws, "user", "passwd", "--all"},
                  "GONGWEN_NEW_PASSWORD=password1 GONGWEN_CONFIG_DIR=" + quote(cfg))
                  .code,
              0);
  }
  void TearDown() override { fs::remove_all(dir); }

  std::vector<std::string> make_drafts(int n, const std::string& prefix) {
    const Outcome o = run(DRAFTS_HELPER, {ws, std::to_string(n), prefix});
    EXPECT_EQ(o.code, 0) << o.err;
    std::vector<std::string> ids;
    std::istringstream in(o.out);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) ids.push_back("#" + line);
    return ids;
  }

  // The shell command issuing `ids` as the seal keeper, in one process.
  std::string issue_cmd(const std::vector<std::string>& ids) {
    std::string cmd = "GONGWEN_PASSWORD=password1 GONGWEN_CONFIG_DIR=" + quote(cfg) + " " + quote(GONGWEN_BINARY) +
                      " -w " + quote(ws) + " --as sunxiuying issue";
    for (const auto& id : ids) cmd += " " + quote(id);
    return cmd;
  }

  std::vector<std::vector<std::string>> rows(const std::string& q) {
    sqlite3* db = nullptr;
    std::vector<std::vector<std::string>> out;
    if (sqlite3_open_v2((fs::path(ws) / "registry.sqlite3").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
      sqlite3_busy_timeout(db, 10000);
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
          std::vector<std::string> r;
          for (int i = 0; i < sqlite3_column_count(st); ++i) {
            const auto* t = sqlite3_column_text(st, i);
            r.push_back(t ? reinterpret_cast<const char*>(t) : "");
          }
          out.push_back(r);
        }
      } else {
        ADD_FAILURE() << sqlite3_errmsg(db);
      }
      sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
  }
  std::string one(const std::string& q) { return rows(q).at(0).at(0); }

  // How many documents a search for the drafts of `prefix` finds (make_signed_drafts titles
  // them "关于做好第N批<prefix>工作的通知").
  int found(const std::string& prefix) {
    const Outcome o = run(GONGWEN_BINARY, {"-w", ws, "--json", "--as", "sunxiuying", "search", prefix, "--limit", "1"},
                          "GONGWEN_PASSWORD=password1 GONGWEN_CONFIG_DIR=" + quote(cfg));
    EXPECT_EQ(o.code, 0) << o.err;
    if (o.code != 0) return -1;
    return nlohmann::json::parse(o.out)["total"].get<int>();
  }

  // Every file under documents/ is a registered, complete file: no temp names, no file the
  // register does not know, every hash matching.
  void expect_documents_consistent(bool staged_allowed) {
    std::set<std::string> registered;
    std::map<std::string, std::string> sha;
    for (const auto& r : rows("SELECT pdf_path, pdf_sha256, docx_path, docx_sha256, sheet_path, sheet_sha256, "
                              "ofd_path, ofd_sha256 FROM issued"))
    {
      for (int i = 0; i < 8; i += 2) {
        registered.insert(r[i]);
        sha[r[i]] = r[i + 1];
      }
    }
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(ws) / "documents")) {
      if (!e.is_regular_file()) continue;
      ++files;
      const std::string rel = fs::relative(e.path(), ws).generic_string();
      EXPECT_TRUE(registered.count(rel)) << "a file the register does not know: " << rel;
    }
    for (const auto& p : registered) {
      fs::path f = fs::path(ws) / p;
      if (!fs::exists(f) && staged_allowed) f = fs::path(ws) / ".issuing" / p;  // committed, not moved yet
      ASSERT_TRUE(fs::exists(f)) << "a register row without its file: " << p;
      if (sha[p].empty()) continue;
      const Outcome h = run("sha256sum", {f.string()});
      EXPECT_EQ(h.out.substr(0, 64), sha[p]) << p;
    }
    if (!staged_allowed) EXPECT_EQ(files, registered.size());
  }

  // Numbers given out = register rows, serials 1..n without a gap.
  void expect_numbers_consistent(int expected) {
    EXPECT_EQ(one("SELECT COUNT(*) FROM numbers"), std::to_string(expected));
    EXPECT_EQ(one("SELECT COUNT(*) FROM issued"), std::to_string(expected));
    EXPECT_EQ(one("SELECT COUNT(DISTINCT serial) FROM numbers"), std::to_string(expected));
    if (expected > 0) {
      EXPECT_EQ(one("SELECT MIN(serial) FROM numbers"), "1");
      EXPECT_EQ(one("SELECT MAX(serial) FROM numbers"), std::to_string(expected));
    }
    EXPECT_EQ(one("SELECT COUNT(*) FROM numbers n WHERE NOT EXISTS (SELECT 1 FROM issued i WHERE "
                  "i.code=n.code AND i.year=n.year AND i.serial=n.serial)"),
              "0");
  }

  fs::path dir;
  std::string ws, cfg;
};

// 4 processes × per_process() documents at once: 250 each (1,000), as the issue asks;
// measured 131 s on this shared 2-core machine. GONGWEN_RELIABILITY_PER_PROCESS=N scales it
// (e.g. 60 for a quick local run).
int per_process() {
  const char* env = std::getenv("GONGWEN_RELIABILITY_PER_PROCESS");
  return env && std::atoi(env) > 0 ? std::atoi(env) : 250;
}

TEST_F(Reliability, FourConcurrentIssuersGetDistinctConsecutiveNumbers) {
  const int kPerProcess = per_process();
  const auto ids = make_drafts(4 * kPerProcess, "并发");
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(4 * kPerProcess));
  std::string script;
  for (int p = 0; p < 4; ++p) {
    std::vector<std::string> mine(ids.begin() + p * kPerProcess, ids.begin() + (p + 1) * kPerProcess);
    script += "(" + issue_cmd(mine) + " >/dev/null 2>" + quote((dir / ("err" + std::to_string(p))).string()) +
              "; echo $? > " + quote((dir / ("rc" + std::to_string(p))).string()) + ") &\n";
  }
  script += "wait\n";
  ASSERT_EQ(run("bash", {"-c", script}).code, 0);
  for (int p = 0; p < 4; ++p)
    EXPECT_EQ(slurp(dir / ("rc" + std::to_string(p))), "0\n") << slurp(dir / ("err" + std::to_string(p)));
  expect_numbers_consistent(4 * kPerProcess);
  // Nothing lost from the index (issue 13 #12): each issuer did its indexing before it ended,
  // so the outbox is empty before any other command runs, and every document is found.
  EXPECT_EQ(one("SELECT COUNT(*) FROM index_outbox"), "0");
  EXPECT_EQ(found("并发"), 4 * kPerProcess);
  EXPECT_EQ(one("SELECT COUNT(DISTINCT number) FROM issued"), std::to_string(4 * kPerProcess));
  EXPECT_EQ(one("SELECT COUNT(*) FROM drafts WHERE state='issued'"), std::to_string(4 * kPerProcess));
  expect_documents_consistent(false);
  EXPECT_EQ(run(GONGWEN_BINARY, {"-w", ws, "audit", "verify"}).code, 0);
}

TEST_F(Reliability, SigkillAtRandomPointsLeavesConsistentBooks) {
  constexpr int kDrafts = 150;
  const auto ids = make_drafts(kDrafts, "中断");
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kDrafts));
  // Trials go on until 24 kills landed in a running `gongwen issue` (a process that ended
  // before its delay is not a trial of anything).
  std::mt19937 rng(20260302);
  std::uniform_int_distribution<int> delay_ms(0, 350);
  int kills = 0;
  for (int trial = 0; trial < 100 && kills < 24; ++trial) {
    std::vector<std::string> pending;
    for (const auto& r : rows("SELECT id FROM drafts WHERE state='signed' ORDER BY id")) pending.push_back("#" + r[0]);
    if (pending.size() > 4) pending.resize(4);
    if (pending.empty()) break;
    const int ms = delay_ms(rng);
    char sleep[32];
    std::snprintf(sleep, sizeof sleep, "%d.%03d", ms / 1000, ms % 1000);
    const std::string script = issue_cmd(pending) + " >/dev/null 2>&1 & pid=$!; sleep " + sleep +
                               "; if kill -9 $pid 2>/dev/null; then echo killed; fi; wait $pid; true";
    kills += run("bash", {"-c", script}).out.find("killed") != std::string::npos;
    // Right after the kill: no half-written or unregistered file in documents/, no number
    // without its row (a committed issue's files may still wait in .issuing/).
    const int issued = std::stoi(one("SELECT COUNT(*) FROM issued"));
    expect_numbers_consistent(issued);
    expect_documents_consistent(true);
  }
  EXPECT_GE(kills, 20) << "too few trials hit a running process";
  // The next run carries on: it finishes interrupted moves and issues the rest.
  std::vector<std::string> rest;
  for (const auto& r : rows("SELECT id FROM drafts WHERE state='signed' ORDER BY id")) rest.push_back("#" + r[0]);
  if (!rest.empty()) {
    const Outcome o = run("bash", {"-c", issue_cmd(rest)});
    EXPECT_EQ(o.code, 0) << o.err;
  }
  expect_numbers_consistent(kDrafts);
  expect_documents_consistent(false);
  EXPECT_FALSE(fs::exists(fs::path(ws) / ".issuing") &&
               fs::recursive_directory_iterator(fs::path(ws) / ".issuing") != fs::recursive_directory_iterator() &&
               [&] {
                 for (const auto& e : fs::recursive_directory_iterator(fs::path(ws) / ".issuing"))
                   if (e.is_regular_file()) return true;
                 return false;
               }())
      << "staged files left after the next run";
  EXPECT_EQ(run(GONGWEN_BINARY, {"-w", ws, "audit", "verify"}).code, 0);
}

// Issue 13 #12: each issuer killed right after its register commit, before it indexed. The
// outbox holds the work; the next command (any command that opens the workspace) does it.
TEST_F(Reliability, KilledAfterTheCommitTheNextCommandIndexesEverything) {
  constexpr int kDocs = 12;
  const auto ids = make_drafts(kDocs, "断电");
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kDocs));
  for (const auto& id : ids) {
    const Outcome o = run("bash", {"-c", "GONGWEN_FAULT=issue-committed " + issue_cmd({id})});
    EXPECT_NE(o.code, 0) << "the fault point did not kill the issuer";
  }
  expect_numbers_consistent(kDocs);
  // Each issuer opened the workspace and so did the work the one before it left; the last
  // one's work is still queued.
  EXPECT_EQ(one("SELECT COUNT(*) FROM index_outbox"), "1") << "killed before indexing";
  EXPECT_EQ(found("断电"), kDocs);  // this search opened the workspace: it caught up first
  EXPECT_EQ(one("SELECT COUNT(*) FROM index_outbox"), "0");
  // A received document killed the same way.
  const fs::path pdf = dir / "in.pdf";  // another office's PDF: here one of ours
  fs::copy_file(fs::path(ws) / rows("SELECT pdf_path FROM issued LIMIT 1").at(0).at(0), pdf);
  const Outcome rcv = run(GONGWEN_BINARY,
                          {"-w", ws, "--as", "sunxiuying", "receive", pdf.string(), "--from", "县人民政府办公室",
                           "--number", "县政办发〔2026〕5号", "--title", "关于断电演练的通知", "--date", "2026-03-01"},
                          "GONGWEN_FAULT=receive-committed GONGWEN_PASSWORD=password1 GONGWEN_CONFIG_DIR=" + quote(cfg));
  EXPECT_NE(rcv.code, 0);
  EXPECT_EQ(one("SELECT COUNT(*) FROM index_outbox"), "1");
  EXPECT_EQ(found("断电演练"), 1);
  EXPECT_EQ(one("SELECT COUNT(*) FROM index_outbox"), "0");
}

// An issue killed after its register commit but before its files left .issuing/ (the fault
// point issue-before-move): the next command that opens the workspace, whatever it is,
// finishes the moves; before this, only the next `issue` did.
TEST_F(Reliability, TheNextCommandFinishesTheMovesOfAnIssueKilledAfterItsCommit) {
  const auto ids = make_drafts(1, "搬移");
  ASSERT_EQ(ids.size(), 1u);
  const Outcome o = run("bash", {"-c", "GONGWEN_FAULT=issue-before-move " + issue_cmd(ids)});
  EXPECT_NE(o.code, 0) << "the fault point did not kill the issuer";
  expect_numbers_consistent(1);
  const auto paths = rows("SELECT pdf_path, docx_path, ofd_path, sheet_path FROM issued").at(0);
  for (const auto& p : paths) {
    EXPECT_TRUE(fs::exists(fs::path(ws) / ".issuing" / p)) << "not staged: " << p;
    EXPECT_FALSE(fs::exists(fs::path(ws) / p)) << "moved before the kill: " << p;
  }
  expect_documents_consistent(true);
  // A search opens the workspace: the files are in documents/ afterwards, whole.
  EXPECT_EQ(found("搬移"), 1);
  for (const auto& p : paths) {
    EXPECT_TRUE(fs::exists(fs::path(ws) / p)) << "not moved: " << p;
    EXPECT_FALSE(fs::exists(fs::path(ws) / ".issuing" / p)) << "left staged: " << p;
  }
  expect_documents_consistent(false);
  EXPECT_EQ(run(GONGWEN_BINARY, {"-w", ws, "audit", "verify"}).code, 0);
}

// Issue 13 #13: power loss. The syscalls of one issue, traced: every file of the issue is
// fsynced, renamed into .issuing/ and its folder fsynced before the register's commit (the
// fsync of registry.sqlite3-wal), and only then moved into documents/.
TEST_F(Reliability, AnIssueSyncsItsFilesAndTheirFoldersBeforeTheRegisterCommit) {
  const auto ids = make_drafts(1, "落盘");
  ASSERT_EQ(ids.size(), 1u);
  const fs::path trace = dir / "trace";
  const Outcome o = run("bash", {"-c", "strace -f -y -qq -e trace=fsync,fdatasync,rename,renameat,renameat2 -o " +
                                           quote(trace.string()) + " env " + issue_cmd(ids)});
  ASSERT_EQ(o.code, 0) << o.err;
  std::vector<std::string> lines;
  {
    std::istringstream in(slurp(trace));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  ASSERT_FALSE(lines.empty()) << "strace wrote nothing (is it installed? run.sh lists it)";
  // rename("FROM", "TO") → (FROM, TO) as strace prints them.
  auto rename_args = [](const std::string& line) -> std::optional<std::pair<std::string, std::string>> {
    const auto at = line.find("rename");
    if (at == std::string::npos) return std::nullopt;
    std::vector<std::string> quoted;
    for (std::size_t i = line.find('"', at); i != std::string::npos && quoted.size() < 2; i = line.find('"', i + 1)) {
      std::size_t j = i + 1;
      while (j < line.size() && (line[j] != '"' || line[j - 1] == '\\')) ++j;
      quoted.push_back(line.substr(i + 1, j - i - 1));
      i = j;
    }
    if (quoted.size() < 2) return std::nullopt;
    return std::make_pair(quoted[0], quoted[1]);
  };
  auto fsync_of = [&](const std::string& path, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < lines.size(); ++i)
      if (lines[i].find("sync(") != std::string::npos && lines[i].find("<" + path + ">") != std::string::npos) return i;
    return std::string::npos;
  };
  // The register's commit and the first move out of .issuing/ after it.
  std::size_t move = std::string::npos;
  for (std::size_t i = 0; i < lines.size() && move == std::string::npos; ++i)
    if (auto r = rename_args(lines[i]); r && r->first.find("/.issuing/") != std::string::npos &&
                                         r->second.find("/.issuing/") == std::string::npos)
      move = i;
  ASSERT_NE(move, std::string::npos) << "no move into documents/ traced";
  std::size_t commit = std::string::npos;
  for (std::size_t i = 0; i < move; ++i)
    if (lines[i].find("sync(") != std::string::npos && lines[i].find("registry.sqlite3-wal>") != std::string::npos)
      commit = i;
  ASSERT_NE(commit, std::string::npos) << "no fsync of the register's WAL before the files were moved";
  // Each staged file: fsync(temp) < rename(temp → .issuing/…) < fsync(its folder) < commit.
  int staged = 0;
  for (std::size_t i = 0; i < commit; ++i) {
    const auto r = rename_args(lines[i]);
    if (!r || r->second.find("/.issuing/") == std::string::npos) continue;
    ++staged;
    EXPECT_NE(fsync_of(r->first, 0, i), std::string::npos) << "renamed before its bytes were synced: " << lines[i];
    const std::string folder = r->second.substr(0, r->second.rfind('/'));
    EXPECT_NE(fsync_of(folder, i + 1, commit), std::string::npos)
        << "its folder was not synced between the rename and the commit: " << lines[i];
  }
  EXPECT_GE(staged, 3) << "PDF, DOCX and 发文稿纸 are staged";
  // After the moves, documents/ itself is synced.
  const auto moved = rename_args(lines[move]);
  EXPECT_NE(fsync_of(moved->second.substr(0, moved->second.rfind('/')), move + 1, lines.size()), std::string::npos);
}

}  // namespace
}  // namespace gongwen::e2e
