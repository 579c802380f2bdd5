// Issue 13, the workflow side: each attack or fault the round-2 run found, reproduced on a copy
// of the demo (or a fresh workspace) through the real binary, and refused now. The rules live
// in services/ (docs/security.md lists them with these tests).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const char* kNov20 = "2026-11-20T09:00:00+08:00";

class Trust : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = fresh_dir("trust");
    const Outcome demo = gongwen({"demo", dir.string()});
    ASSERT_EQ(demo.code, 0) << demo.err;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static Outcome as(const std::string& user, std::vector<std::string> args, const std::string& clock = kNov20) {
    std::vector<std::string> all = {"-w", dir.string(), "--clock", clock};
    if (!user.empty()) all.insert(all.end(), {"--as", user});
    all.insert(all.end(), args.begin(), args.end());
    return gongwen(all);
  }
  static std::string registry_dump() {
    return run("sqlite3", {(dir / "registry.sqlite3").string(),
                           "select * from numbers; select id, state from drafts; select count(*) from issued;"})
        .out;
  }
  static inline fs::path dir;
};

// #4: the number of an issued document cannot be voided, and a filed one says so.
TEST_F(Trust, VoidOfAnIssuedNumberIsRefusedAndChangesNothing) {
  const std::string before = registry_dump();
  const Outcome issued = as("zhangjianguo", {"void", "白政发〔2026〕1号", "--reason", "印制错误"});
  EXPECT_NE(issued.code, 0);
  EXPECT_NE(issued.err.find("was issued: it cannot be voided"), std::string::npos) << issued.err;
  const Outcome filed = as("zhangjianguo", {"void", "白政发〔2025〕1号", "--reason", "印制错误"});
  EXPECT_NE(filed.code, 0);
  EXPECT_NE(filed.err.find("filed with the year 2025"), std::string::npos) << filed.err;
  EXPECT_EQ(registry_dump(), before);
}

// #6: a path inside the workspace must hold the file registered there.
TEST_F(Trust, VerifyByPathRefusesASwappedFileNamingBoth) {
  const fs::path docs = dir / "documents" / "2026";
  const fs::path one = docs / "白政发〔2026〕1号.pdf", two = docs / "白政发〔2026〕2号.pdf";
  const fs::path saved = dir.string() + "-one.pdf", outside = dir.string() + "-two.pdf";
  fs::copy_file(one, saved, fs::copy_options::overwrite_existing);
  fs::copy_file(two, outside, fs::copy_options::overwrite_existing);
  EXPECT_EQ(as("", {"verify", one.string()}).code, 0);
  fs::copy_file(two, one, fs::copy_options::overwrite_existing);
  const Outcome swapped = as("", {"verify", one.string()});
  fs::copy_file(saved, one, fs::copy_options::overwrite_existing);
  EXPECT_NE(swapped.code, 0);
  EXPECT_NE(swapped.err.find("白政发〔2026〕1号"), std::string::npos) << swapped.err;
  EXPECT_NE(swapped.err.find("白政发〔2026〕2号"), std::string::npos) << swapped.err;
  // From outside the workspace a file is still known by its hash.
  const Outcome by_hash = as("", {"verify", outside.string()});
  EXPECT_EQ(by_hash.code, 0) << by_hash.err;
  EXPECT_NE(by_hash.out.find("registered as 白政发〔2026〕2号"), std::string::npos) << by_hash.out;
  fs::remove(saved);
  fs::remove(outside);
}

// #14: filing a year that has not ended needs confirming, and says what it blocks.
TEST_F(Trust, FilingAnOpenYearIsRefusedUnlessConfirmed) {
  const Outcome open = as("zhouhong", {"archive", "file", "--year", "2026"});
  EXPECT_EQ(open.code, 6) << open.err;
  EXPECT_NE(open.err.find("尚未结束"), std::string::npos) << open.err;
  EXPECT_NE(open.err.find("不能再发文"), std::string::npos) << open.err;
  EXPECT_NE(open.err.find("--confirm-open-year"), std::string::npos) << open.err;
  EXPECT_EQ(run("sqlite3", {(dir / "registry.sqlite3").string(), "select count(*) from filed where year = 2026"}).out,
            "0\n");
}

// Smaller ones: typed search options that cannot be read are refused naming the option; a
// query-language value that cannot be read is a note.
TEST_F(Trust, SearchOptionsThatCannotBeReadAreRefused) {
  for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
           {"--year", "abc"}, {"--secrecy", "超级"}, {"--to", "2026-02-30"}, {"--from", "2026-13"}}) {
    const Outcome o = as("chenzhiyong", {"search", "通知", option, value});
    EXPECT_EQ(o.code, 2) << option << " " << o.err;
    EXPECT_NE(o.err.find(option), std::string::npos) << o.err;
  }
  const Outcome year = as("chenzhiyong", {"search", "年度:abc"});
  EXPECT_EQ(year.code, 0);
  EXPECT_NE(year.out.find("note: "), std::string::npos) << year.out;
  EXPECT_NE(year.out.find("年度:abc"), std::string::npos) << year.out;
  const Outcome quote = as("chenzhiyong", {"search", "标题:\""});
  EXPECT_NE(quote.out.find("note: "), std::string::npos) << quote.out << quote.err;
}

// Smaller ones: an outside file is read only when regular and bounded (no bad_alloc, no hang).
TEST_F(Trust, ReceivingADeviceIsRefusedClearly) {
  const Outcome o = as("sunxiuying", {"receive", "/dev/zero", "--from", "县政府办", "--title", "零", "--kind", "通知",
                                      "--date", "2026-11-10"});
  EXPECT_EQ(o.code, 3) << o.err;
  EXPECT_NE(o.err.find("is not a plain file"), std::string::npos) << o.err;
  EXPECT_EQ(o.err.find("bad_alloc"), std::string::npos);
}

// Smaller ones: direction controls in a title are refused at input.
TEST_F(Trust, BidiControlsInATitleAreRefused) {
  const fs::path pdf = dir / "documents" / "2026" / "白政发〔2026〕1号.pdf";
  const Outcome o = as("sunxiuying", {"receive", pdf.string(), "--from", "县政府办", "--title",
                                      "关于\u202e知通的\u202c工作", "--kind", "通知", "--date", "2026-11-10"});
  EXPECT_EQ(o.code, 3) << o.err;
  EXPECT_NE(o.err.find("U+202E"), std::string::npos) << o.err;
}

// Smaller ones: a login name with a newline and an ANSI escape is stored as given and printed
// escaped by `audit log`.
TEST_F(Trust, AuditLogEscapesControlCharacters) {
  const std::string evil = "x\n1\t2026\tsystem\tinit\t\x1b[31mforged";
  const Outcome refused = gongwen({"-w", dir.string(), "--as", evil, "draft", "list"});
  EXPECT_NE(refused.code, 0);
  const Outcome log = as("huanglei", {"audit", "log"});
  ASSERT_EQ(log.code, 0) << log.err;
  EXPECT_EQ(log.out.find('\x1b'), std::string::npos);
  EXPECT_NE(log.out.find("x\\n1\\t2026"), std::string::npos);
  EXPECT_NE(log.out.find("\\x1b[31mforged"), std::string::npos);
}

// #1: listings do not show secret titles to an uncleared reader, only a count.
TEST_F(Trust, ListingsHideSecretTitlesFromTheUncleared) {
  const std::string secret_title = "关于做好2026年征兵政治考核工作的通知";
  const fs::path pdf = dir / "documents" / "2026" / "白政发〔2026〕1号.pdf";
  const std::string incoming_title = "关于某涉密事项的来文";
  const Outcome got = as("sunxiuying", {"receive", pdf.string(), "--from", "县人武部", "--title", incoming_title,
                                        "--kind", "通知", "--date", "2026-11-12", "--secrecy", "秘密",
                                        "--copy-numbers", "003"});
  ASSERT_EQ(got.code, 0) << got.err;
  for (const std::string user : {"zhouhong", ""}) {
    const Outcome plan = as(user, {"archive", "plan", "--year", "2026"});
    ASSERT_EQ(plan.code, 0) << plan.err;
    EXPECT_EQ(plan.out.find(incoming_title), std::string::npos) << plan.out;
    EXPECT_EQ(plan.out.find(secret_title), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find("classified 件 you may not see"), std::string::npos) << plan.out;
    const Outcome status = as(user, {"archive", "status"});
    EXPECT_EQ(status.out.find(incoming_title), std::string::npos) << status.out;
    const Outcome drafts = as(user, {"draft", "list"});
    EXPECT_EQ(drafts.out.find(secret_title), std::string::npos) << drafts.out;
    const Outcome received = as(user, {"receive", "list"});
    EXPECT_EQ(received.out.find(incoming_title), std::string::npos) << received.out;
  }
  const Outcome log = as("huanglei", {"audit", "log"});
  EXPECT_EQ(log.out.find(secret_title), std::string::npos);
  EXPECT_EQ(log.out.find(incoming_title), std::string::npos);
  // The cleared see them.
  EXPECT_NE(as("sunxiuying", {"archive", "plan", "--year", "2026"}).out.find(incoming_title), std::string::npos);
  EXPECT_NE(as("chenzhiyong", {"draft", "list"}).out.find(secret_title), std::string::npos);
  EXPECT_NE(as("sunxiuying", {"audit", "log"}).out.find(secret_title), std::string::npos);
}

// #7: a fixed clock only in a workspace made for it; time going backwards is reported.
TEST(TrustClock, FixedClockOnlyInDemoAndTestWorkspaces) {
  const fs::path normal = fresh_dir("trust-clock-normal"), test = fresh_dir("trust-clock-test");
  ASSERT_EQ(gongwen({"init", normal.string()}).code, 0);
  const Outcome backdated = gongwen({"-w", normal.string(), "--clock", "1999-01-01T09:00:00+08:00", "draft", "list"});
  EXPECT_EQ(backdated.code, 5) << backdated.err;
  EXPECT_NE(backdated.err.find("allows no fixed clock"), std::string::npos) << backdated.err;
  const Outcome env = run(GONGWEN_BINARY, {"-w", normal.string(), "draft", "list"},
                          "GONGWEN_CLOCK=1999-01-01T09:00:00+08:00");
  EXPECT_EQ(env.code, 5) << env.err;
  EXPECT_NE(gongwen({"--clock", kNov20, "init", (normal.string() + "-2")}).code, 0);

  ASSERT_EQ(gongwen({"--clock", kNov20, "init", "--fixed-clock-allowed", test.string()}).code, 0);
  EXPECT_EQ(gongwen({"-w", test.string(), "--clock", kNov20, "draft", "list"}).code, 0);
  // Entries whose time goes backwards: a note in a test workspace …
  ASSERT_EQ(gongwen({"-w", test.string(), "--clock", "1999-01-01T09:00:00+08:00", "--as", "nobody", "draft", "list"}).code, 4);
  const Outcome noted = gongwen({"-w", test.string(), "audit", "verify"});
  EXPECT_EQ(noted.code, 0) << noted.err;
  EXPECT_NE(noted.out.find("时间顺序颠倒"), std::string::npos) << noted.out;
  // (In a normal workspace the same is a failure: ClockPolicy.* in tests/unit/services.)
  fs::remove_all(normal);
  fs::remove_all(test);
}

}  // namespace
}  // namespace gongwen::e2e
