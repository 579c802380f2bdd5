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

// CLI11's own parse errors, each class a catalogue message naming the option and the value
// (issue 12): Chinese by default, English with LANG=en*, always exit 2.
TEST_F(CliWords, ParseErrorsNameTheOptionInTheClerksLanguage) {
  const std::string ws = (dir / "ws").string();
  struct Case {
    std::vector<std::string> args;
    std::string chinese, english;
  };
  const std::vector<Case> cases = {
      {{"archive", "plan"}, "缺少 --year：这个命令必须给出它", "--year is required"},
      {{"archive", "plan", "--year", "abc"}, "--year 的值 abc 不在 1949 到 9999 之间", "--year: value abc not in range"},
      {{"receive", "circulate", "abc", "--to", "王芳"}, "id 的值“abc”格式不对", "Could not convert: id = abc"},
      {{"archive", "plan", "--year", "3"}, "--year 的值 3 不在 1949 到 9999 之间", "--year: value 3 not in range 1949 to 9999"},
      {{"archive", "plan", "--year", "2025", "extra"}, "多余的参数：extra", "The following arguments were not expected: extra"},
      {{"archive", "plan", "--year"}, "--year 后面缺少取值", "--year needs a value"},
      {{"search", "森林", "--sort", "size"}, "--sort 的值“size”不是可选的值之一", "--sort: size not in {relevance,date}"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"-w", ws};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Outcome zh = run_in(kChinese, args);
    EXPECT_EQ(zh.code, 2) << c.english;
    EXPECT_NE(zh.err.find(c.chinese), std::string::npos) << zh.err;
    EXPECT_EQ(zh.err.find(c.english), std::string::npos) << zh.err;
    const Outcome en = run_in(kEnglish, args);
    EXPECT_EQ(en.code, 2) << c.english;
    EXPECT_NE(en.err.find(c.english), std::string::npos) << en.err;
  }
}

// The audit log keeps its stored English (the chain hashes it) and shows it in the clerk's
// words: a refused review out of order reads 拒绝 / 未按审核顺序审核.
TEST_F(CliWords, TheAuditLogShowsARefusalInChinese) {
  ASSERT_EQ(as(kChinese, "wangfang", {"submit", draft.string()}).code, 0);
  const Outcome refused = as(kChinese, "chenzhiyong", {"review", "#1"});
  ASSERT_EQ(refused.code, 5) << refused.err;
  const Outcome zh = as(kChinese, "huanglei", {"audit", "log"});
  ASSERT_EQ(zh.code, 0) << zh.err;
  EXPECT_NE(zh.out.find("\tchenzhiyong\t拒绝\t#1 "), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("\t未按审核顺序审核\n"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("\t提交\t"), std::string::npos) << zh.out;
  EXPECT_EQ(zh.out.find("review out of order"), std::string::npos) << zh.out;
  const Outcome en = as(kEnglish, "huanglei", {"audit", "log"});
  EXPECT_NE(en.out.find("\tchenzhiyong\trefused\t#1 "), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("\treview out of order\n"), std::string::npos) << en.out;
  // --json: the stored words (hashed by the chain) and the words shown.
  const auto log = nlohmann::json::parse(as(kChinese, "huanglei", {"--json", "audit", "log"}).out);
  bool found = false;
  for (const auto& e : log)
    if (e["detail"] == "review out of order") {
      found = true;
      EXPECT_EQ(e["action"], "refused");
      EXPECT_EQ(e["action_text"], "拒绝");
      EXPECT_EQ(e["detail_text"], "未按审核顺序审核");
    }
  EXPECT_TRUE(found) << log.dump(2);
}

}  // namespace
}  // namespace gongwen::e2e
