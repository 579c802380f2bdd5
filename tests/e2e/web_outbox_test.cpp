// Issue 13 #12, the web side: a document issued by a command-line process that was killed
// right after its register commit is indexed by the running web desk by itself, with no
// other command opening the workspace.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

TEST(WebOutbox, TheDeskIndexesWhatAKilledIssuerLeftBehind) {
  WebServer server("web-outbox", ServeSetup{.demo = true});
  const std::string ws = server.dir().string();
  const Outcome drafts = run(DRAFTS_HELPER, {ws, "1", "桌面补索引"});
  ASSERT_EQ(drafts.code, 0) << drafts.err;
  std::string id = drafts.out.substr(0, drafts.out.find('\n'));
  const Outcome killed = run(GONGWEN_BINARY, {"-w", ws, "--as", "sunxiuying", "issue", "#" + id},
                             std::string("GONGWEN_FAULT=issue-committed GONGWEN_PASSWORD=") + kDemoPassword);
  ASSERT_NE(killed.code, 0) << "the fault point did not kill the issuer";
  const std::string db = ws + "/registry.sqlite3";
  EXPECT_EQ(run("sqlite3", {db, "SELECT COUNT(*) FROM index_outbox"}).out, "1\n") << "killed before indexing";
  std::string left;
  for (int i = 0; i < 50; ++i) {  // the desk looks every 2 s
    left = run("sqlite3", {db, "SELECT COUNT(*) FROM index_outbox"}).out;
    if (left == "0\n") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(left, "0\n") << "the desk did not catch up within 10 s";
  const Outcome found = run(GONGWEN_BINARY, {"-w", ws, "--json", "--as", "sunxiuying", "search", "桌面补索引"},
                            std::string("GONGWEN_PASSWORD=") + kDemoPassword);
  ASSERT_EQ(found.code, 0) << found.err;
  EXPECT_EQ(nlohmann::json::parse(found.out)["total"], 1);
}

// The same issuer killed after its commit but before moving its files out of .issuing/: the
// desk finishes the moves when it starts.
TEST(WebOutbox, TheDeskFinishesAtStartTheMovesAKilledIssuerLeft) {
  WebServer server("web-staged", ServeSetup{.demo = true});
  const std::string ws = server.dir().string();
  const Outcome drafts = run(DRAFTS_HELPER, {ws, "1", "桌面补搬移"});
  ASSERT_EQ(drafts.code, 0) << drafts.err;
  std::string id = drafts.out.substr(0, drafts.out.find('\n'));
  const Outcome killed = run(GONGWEN_BINARY, {"-w", ws, "--as", "sunxiuying", "issue", "#" + id},
                             std::string("GONGWEN_FAULT=issue-before-move GONGWEN_PASSWORD=") + kDemoPassword);
  ASSERT_NE(killed.code, 0) << "the fault point did not kill the issuer";
  const std::string db = ws + "/registry.sqlite3";
  const std::string pdf = run("sqlite3", {db, "SELECT pdf_path FROM issued WHERE title LIKE '%桌面补搬移%'"}).out;
  ASSERT_FALSE(pdf.empty());
  const std::string rel = pdf.substr(0, pdf.find('\n'));
  ASSERT_TRUE(std::filesystem::exists(ws + "/.issuing/" + rel)) << rel;
  server.restart();
  EXPECT_TRUE(std::filesystem::exists(ws + "/" + rel)) << "not moved when the desk started: " << rel;
  EXPECT_FALSE(std::filesystem::exists(ws + "/.issuing/" + rel));
}

}  // namespace
}  // namespace gongwen::e2e
