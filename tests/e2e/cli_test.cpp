// The command line as a clerk meets it: the workflow step by step, refusals with their exit
// codes, and bad input that names file, line and field and changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ice_draft.hpp"
#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

const char* kDraft = kIceDraft;

// Every command runs with the test users' password and a private login folder.
std::string cli_env() {
  return kEnglish + " GONGWEN_PASSWORD=cli-test-pw GONGWEN_NEW_PASSWORD=cli-test-pw GONGWEN_CONFIG_DIR=" +
         quote((fs::temp_directory_path() / ("gongwen-e2e-cfg-" + std::to_string(::getpid()))).string());
}
Outcome gw(const std::vector<std::string>& args) { return run(GONGWEN_BINARY, args, cli_env()); }

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    // A test workspace: the commands below fix the clock (issue 13 #7).
    ASSERT_EQ(gw({"init", "--fixed-clock-allowed", (dir / "ws").string()}).code, 0);
    ws = (dir / "ws").string();
    ASSERT_EQ(gw({"-w", ws, "user", "passwd", "--all"}).code, 0);
    draft = dir / "ice.toml";
    std::ofstream(draft) << kDraft;
  }
  void TearDown() override { fs::remove_all(dir); }
  Outcome as(const std::string& user, std::vector<std::string> args) {
    std::vector<std::string> all = {"-w", ws, "--clock", "2026-12-01T09:00:00+08:00", "--as", user};
    all.insert(all.end(), args.begin(), args.end());
    return gw(all);
  }
  nlohmann::json drafts() {
    const Outcome r = gw({"-w", ws, "--json", "draft", "list"});
    return nlohmann::json::parse(r.out);
  }
  fs::path dir, draft;
  std::string ws;
};

TEST_F(Cli, TakesADraftThroughReviewSignOffAndIssue) {
  EXPECT_EQ(as("wangfang", {"submit", draft.string()}).code, 0);
  // Out of order: the 主任 may not review before the 副主任.
  const Outcome early = as("chenzhiyong", {"review", "#1"});
  EXPECT_EQ(early.code, 5) << early.err;
  EXPECT_NE(early.err.find("zhaoli"), std::string::npos);
  // Nothing unsigned is issued.
  const Outcome unsigned_issue = as("sunxiuying", {"issue", "#1"});
  EXPECT_EQ(unsigned_issue.code, 5);
  EXPECT_NE(unsigned_issue.err.find("领导未签"), std::string::npos);
  EXPECT_EQ(as("zhaoli", {"review", "#1", "--opinion", "同意"}).code, 0);
  EXPECT_EQ(as("chenzhiyong", {"review", draft.string()}).code, 0);
  // The party secretary does not sign for the township government.
  EXPECT_EQ(as("liminghua", {"sign", "#1"}).code, 5);
  EXPECT_EQ(as("zhangjianguo", {"sign", "#1"}).code, 0);
  const Outcome issued = gw({"-w", ws, "--json", "--clock", "2026-12-01T16:00:00+08:00", "--as", "sunxiuying", "issue", "#1"});
  ASSERT_EQ(issued.code, 0) << issued.err;
  const auto j = nlohmann::json::parse(issued.out);
  EXPECT_EQ(j["number"], "白政发〔2026〕1号");
  EXPECT_TRUE(fs::exists(fs::path(ws) / j["pdf"].get<std::string>()));
  // Issued once; a second issue is refused and uses no number.
  EXPECT_EQ(as("sunxiuying", {"issue", "#1"}).code, 6);  // already issued: a conflict
  const Outcome found = gw({"-w", ws, "--json", "--as", "wangfang", "search", "除冰"});
  ASSERT_EQ(found.code, 0) << found.err;
  EXPECT_EQ(nlohmann::json::parse(found.out)["hits"][0]["number"], "白政发〔2026〕1号");
  const Outcome by_number = gw({"-w", ws, "--json", "--as", "wangfang", "search", "白政发[2026]1号"});
  ASSERT_EQ(by_number.code, 0) << by_number.err;
  EXPECT_EQ(nlohmann::json::parse(by_number.out)["hits"][0]["number"], "白政发〔2026〕1号");
}

TEST_F(Cli, AnEditAfterSignOffIsNeverIssued) {
  ASSERT_EQ(as("wangfang", {"submit", draft.string()}).code, 0);
  ASSERT_EQ(as("zhaoli", {"review", "#1"}).code, 0);
  ASSERT_EQ(as("chenzhiyong", {"review", "#1"}).code, 0);
  ASSERT_EQ(as("zhangjianguo", {"sign", "#1"}).code, 0);
  std::string edited = kDraft;
  edited.replace(edited.find("24小时"), std::string("24小时").size(), "12小时");
  std::ofstream(draft) << edited;
  const Outcome r = as("sunxiuying", {"issue", "#1"});
  EXPECT_EQ(r.code, 6) << r.err;
  EXPECT_NE(r.err.find("signed off"), std::string::npos);
  EXPECT_FALSE(fs::exists(fs::path(ws) / "documents" / "2026"));
  // Resubmitting starts the chain again.
  ASSERT_EQ(as("wangfang", {"submit", draft.string()}).code, 0);
  EXPECT_EQ(drafts()[0]["state"], "submitted");
  EXPECT_EQ(as("zhangjianguo", {"sign", "#1"}).code, 6);
}

struct BadDraft {
  const char* name;
  std::string text;
  int exit_code;
  const char* must_say;
};

TEST_F(Cli, BadInputNamesFileLineAndFieldAndChangesNothing) {
  const std::string good = kDraft;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::vector<BadDraft> cases = {
      {"malformed", with("title = \"", "title = "), 3, "bad.toml:3"},
      {"unknown template", with("\"notice\"", "\"circular-x\""), 3, "bad.toml:1:12: error: unknown template 'circular-x'"},
      {"missing field", with("to = \"各村委会，乡属各单位\"\n", ""), 3, "'to' is required"},
      {"invalid utf-8", with("结冰", "结\xc3\x28冰"), 3, "not valid UTF-8"},
      {"unknown drafter", with("\"wangfang\"", "\"lisi\""), 3, "bad.toml:6"},
      {"too long", with("入冬以来", std::string(200100, 'a')), 3, "200000"},
      {"bad date", with("2026-12-01", "\"2026-12-32\""), 3, "date"},
  };
  const fs::path bad = dir / "bad.toml";
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::ofstream(bad, std::ios::trunc) << c.text;
    const Outcome check = gw({"-w", ws, "draft", "check", bad.string()});
    EXPECT_EQ(check.code, c.exit_code) << check.err;
    EXPECT_NE(check.err.find(c.must_say), std::string::npos) << check.err;
    const Outcome submit = as("wangfang", {"submit", bad.string()});
    EXPECT_EQ(submit.code, c.exit_code) << submit.err;
    EXPECT_NE(submit.err.find("hint:"), std::string::npos) << submit.err;
    EXPECT_EQ(drafts().size(), 0u);
  }
  // An unknown user, an unknown draft, a missing file, a wrong number.
  const Outcome nobody = as("nobody", {"submit", draft.string()});
  EXPECT_EQ(nobody.code, 4);
  EXPECT_NE(nobody.err.find("unknown user 'nobody'"), std::string::npos);
  EXPECT_EQ(as("zhaoli", {"review", "#99"}).code, 4);
  EXPECT_EQ(as("wangfang", {"submit", (dir / "none.toml").string()}).code, 4);
  const Outcome wrong = as("zhangjianguo", {"void", "白政发2026", "--reason", "x"});
  EXPECT_EQ(wrong.code, 3);
  EXPECT_NE(wrong.err.find("not a 发文字号"), std::string::npos);
  EXPECT_EQ(drafts().size(), 0u);
  EXPECT_FALSE(fs::exists(fs::path(ws) / "documents" / "2026"));
}

TEST_F(Cli, EveryCommandHasHelpAndUsageErrorsExitTwo) {
  for (const std::vector<std::string> cmd :
       {std::vector<std::string>{"--help"}, {"init", "--help"}, {"template", "list", "--help"},
        {"draft", "new", "--help"}, {"draft", "check", "--help"}, {"draft", "render", "--help"},
        {"submit", "--help"}, {"review", "--help"}, {"sign", "--help"}, {"issue", "--help"},
        {"void", "--help"}, {"search", "--help"}, {"archive", "file", "--help"}, {"demo", "--help"}}) {
    const Outcome r = gongwen(cmd);
    EXPECT_EQ(r.code, 0) << cmd[0];
    EXPECT_FALSE(r.out.empty()) << cmd[0];
  }
  EXPECT_EQ(gw({"frobnicate"}).code, 2);
  EXPECT_EQ(gw({"-w", ws, "submit", draft.string()}).code, 2);  // no --as
  const Outcome json = gw({"-w", ws, "--json", "--as", "zhaoli", "review", "#5"});
  EXPECT_EQ(json.code, 4);
  EXPECT_EQ(nlohmann::json::parse(json.out)["error"]["code"], "not-found");
}

TEST_F(Cli, TemplatesAndDraftSkeletonAndPreview) {
  const Outcome list = gw({"-w", ws, "--json", "template", "list"});
  ASSERT_EQ(list.code, 0);
  const auto t = nlohmann::json::parse(list.out);
  std::vector<std::string> kinds;
  for (const auto& x : t) kinds.push_back(x["kind"]);
  for (const char* k : {"通知", "请示", "报告", "函", "纪要"})
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), k), kinds.end()) << k;
  const fs::path skel = dir / "new.toml";
  ASSERT_EQ(gw({"-w", ws, "draft", "new", "request", "-o", skel.string()}).code, 0);
  EXPECT_NE(slurp(skel).find("template = \"request\""), std::string::npos);
  const Outcome preview = gw({"-w", ws, "draft", "render", draft.string(), "-o", dir.string()});
  ASSERT_EQ(preview.code, 0) << preview.err;
  EXPECT_TRUE(fs::exists(dir / "ice.preview.pdf"));
  EXPECT_TRUE(fs::exists(dir / "ice.preview.docx"));
  EXPECT_EQ(drafts().size(), 0u);  // a preview registers nothing
}

}  // namespace
}  // namespace gongwen::e2e
