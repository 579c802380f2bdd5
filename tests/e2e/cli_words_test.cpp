// The command line in a clerk's words (issue 15, "Chinese throughout"): the Chinese names of
// the commands typed most run those commands, a mistyped command gets the nearest one as a
// suggestion instead of CLI11's "A subcommand is required", and a refusal of the workflow
// is Chinese by default and English with LANG=en*.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ice_draft.hpp"
#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;


class CliWords : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    env_tail = " GONGWEN_PASSWORD=words-test-pw GONGWEN_NEW_PASSWORD=words-test-pw GONGWEN_CONFIG_DIR=" +
               quote((dir / "cfg").string());
    ASSERT_EQ(run_in(kEnglish, {"init", "--fixed-clock-allowed", (dir / "ws").string()}).code, 0);
    ASSERT_EQ(run_in(kEnglish, {"-w", (dir / "ws").string(), "user", "passwd", "--all"}).code, 0);
    draft = dir / "ice.toml";
    std::ofstream(draft) << kIceDraft;
  }
  void TearDown() override { fs::remove_all(dir); }
  Outcome run_in(const std::string& language, const std::vector<std::string>& args) {
    return run(GONGWEN_BINARY, args, language + env_tail);
  }
  Outcome as(const std::string& language, const std::string& user, std::vector<std::string> args) {
    std::vector<std::string> all = {"-w", (dir / "ws").string(), "--clock", "2026-12-01T09:00:00+08:00", "--as", user};
    all.insert(all.end(), args.begin(), args.end());
    return run_in(language, all);
  }
  fs::path dir, draft;
  std::string env_tail;
};

TEST_F(CliWords, ChineseCommandNamesRunTheCommands) {
  const Outcome submitted = as(kChinese, "wangfang", {"--json", "提交", draft.string()});
  ASSERT_EQ(submitted.code, 0) << submitted.err;
  EXPECT_EQ(nlohmann::json::parse(submitted.out)["state"], "submitted") << submitted.out;
  const Outcome reviewed = as(kChinese, "zhaoli", {"审核", "#1"});
  EXPECT_EQ(reviewed.code, 0) << reviewed.err;
  const Outcome found = as(kChinese, "wangfang", {"--json", "检索", "除冰"});
  EXPECT_EQ(found.code, 0) << found.err;
  // The English names still work, and the help lists the Chinese ones beside them.
  EXPECT_EQ(as(kEnglish, "chenzhiyong", {"review", "#1"}).code, 0);
  EXPECT_NE(run_in(kChinese, {"--help"}).out.find("提交"), std::string::npos);
}

TEST_F(CliWords, AMistypedCommandGetsTheNearestOne) {
  const Outcome zh = run_in(kChinese, {"-w", (dir / "ws").string(), "sumbit", draft.string()});
  EXPECT_EQ(zh.code, 2);
  EXPECT_NE(zh.err.find("没有“sumbit”这个命令"), std::string::npos) << zh.err;
  EXPECT_NE(zh.err.find("您是不是要输入：submit（提交）？"), std::string::npos) << zh.err;
  EXPECT_EQ(zh.err.find("A subcommand is required"), std::string::npos) << zh.err;

  const Outcome en = run_in(kEnglish, {"--as", "wangfang", "reveiw", "#1"});
  EXPECT_EQ(en.code, 2);
  EXPECT_NE(en.err.find("did you mean: review (审核)?"), std::string::npos) << en.err;

  // Inside a group: `archive fiel` → file; a Chinese name typed wrongly → its command.
  const Outcome inner = run_in(kChinese, {"archive", "fiel", "--year", "2025"});
  EXPECT_EQ(inner.code, 2);
  EXPECT_NE(inner.err.find("您是不是要输入：file？"), std::string::npos) << inner.err;
  const Outcome han = run_in(kChinese, {"检锁", "森林"});
  EXPECT_NE(han.err.find("您是不是要输入：search（检索）？"), std::string::npos) << han.err;
  // Nothing near: no guess, only where the list is.
  const Outcome far = run_in(kChinese, {"xyzzyplugh"});
  EXPECT_EQ(far.code, 2);
  EXPECT_EQ(far.err.find("您是不是要输入"), std::string::npos) << far.err;
  EXPECT_NE(far.err.find("gongwen --help"), std::string::npos) << far.err;
}

TEST_F(CliWords, WorkflowRefusalsAreChineseByDefaultAndEnglishOnRequest) {
  ASSERT_EQ(as(kChinese, "wangfang", {"submit", draft.string()}).code, 0);
  const Outcome zh = as(kChinese, "wangfang", {"sign", "#1"});
  EXPECT_EQ(zh.code, 5);
  EXPECT_NE(zh.err.find("王芳（wangfang）无权签发公文：需要“签发人”角色"), std::string::npos) << zh.err;
  const Outcome en = as(kEnglish, "wangfang", {"sign", "#1"});
  EXPECT_EQ(en.code, 5);
  EXPECT_NE(en.err.find("王芳 (wangfang) may not sign off documents: it needs the role 签发人"), std::string::npos)
      << en.err;
}

}  // namespace
}  // namespace gongwen::e2e
