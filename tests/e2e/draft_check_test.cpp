// `gongwen draft check` reports every problem of a draft at once, as FILE:LINE:COL: 错误: …
// with its hints, in Chinese by default and in English when the locale says en; it exits
// non-zero and writes nothing (issue 12).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

// Five different mistakes: an empty 主送 (line 4), a date that does not exist (5), an unknown
// 密级 (7), a table row with too few cells (11) and a picture line without its closing
// bracket (12); and a template field the template does not have (16).
const char* kBadDraft = R"(template = "notice"
organ = "government"
title = "关于做好秋季森林防火工作的通知"
to = ""
date = "2026-02-30"
drafter = "wangfang"
secrecy = "内部"
body = """
为做好秋季森林防火工作，现通知如下：
| 村 | 责任人 |
| 白路村 |
![火情](chart.png
"""

[fields]
meeting_time = "上午9时"
)";

class DraftCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_EQ(gongwen({"init", (dir / "ws").string()}).code, 0);
    ws = (dir / "ws").string();
    bad = dir / "bad.toml";
    std::ofstream(bad) << kBadDraft;
  }
  void TearDown() override { fs::remove_all(dir); }
  Outcome check(const std::string& lang, std::vector<std::string> args) {
    std::vector<std::string> all = {"-w", ws, "draft", "check"};
    all.insert(all.end(), args.begin(), args.end());
    return run(GONGWEN_BINARY, all, lang);
  }
  // Every file below `dir` with its size: what a check must leave as it was.
  std::set<std::string> files() const {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) out.insert(e.path().string() + " " + std::to_string(e.file_size()));
    return out;
  }
  fs::path dir, bad;
  std::string ws;
};

TEST_F(DraftCheck, ReportsEveryMistakeWithLineAndColumnInChinese) {
  const auto before = files();
  const Outcome o = check(kChinese, {bad.string()});
  EXPECT_EQ(o.code, 3) << o.err;
  const std::string f = bad.string();
  for (const std::string& line : {
           f + ":4:6: 错误: 主送机关（to）为空，模板 notice 要求填写",
           f + ":5:8: 错误: 成文日期（date）“2026-02-30”不是有效的日期",
           f + ":7:11: 错误: 没有“内部”这一密级",
           f + ":11:1: 错误: 正文第 3 行：表格第 2 行有 1 个单元格，第一行有 2 个",
           f + ":12:1: 错误: 正文第 4 行：图片行应写作 ![说明](file.png) 或 ![说明](file.png){width=80mm}",
           f + ":16:1: 错误: 模板 notice 没有“meeting_time”这一字段",
       })
    EXPECT_NE(o.err.find(line + "\n"), std::string::npos) << line << "\n" << o.err;
  // Each with what to do, and a count at the end.
  EXPECT_NE(o.err.find("\n  提示: 密级写作 秘密、机密 或 绝密；不涉密则不写\n"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("\n  提示: 写作 date = 2026-09-01\n"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("共 6 个错误，0 个警告\n"), std::string::npos) << o.err;
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 6 + 5 + 1) << o.err;  // 6 problems, 5 of them with a hint
  EXPECT_TRUE(o.out.empty()) << o.out;
  EXPECT_EQ(files(), before);  // writes nothing
}

TEST_F(DraftCheck, SpeaksEnglishWhenTheLocaleSaysEn) {
  const Outcome o = check(kEnglish, {bad.string()});
  EXPECT_EQ(o.code, 3) << o.err;
  const std::string f = bad.string();
  EXPECT_NE(o.err.find(f + ":5:8: error: 成文日期 (date) '2026-02-30' is not a valid calendar date\n  hint: "),
            std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find(f + ":11:1: error: body line 3: table row 2 has 1 cells, the first row 2\n"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("6 error(s), 0 warning(s)\n"), std::string::npos) << o.err;
  // LC_ALL outranks LANG, as POSIX orders them.
  const Outcome zh = run(GONGWEN_BINARY, {"-w", ws, "draft", "check", bad.string()}, "LC_MESSAGES= LANG=en_US.UTF-8 LC_ALL=zh_CN.UTF-8");
  EXPECT_NE(zh.err.find(": 错误: "), std::string::npos) << zh.err;
  const Outcome en = run(GONGWEN_BINARY, {"-w", ws, "draft", "check", bad.string()}, "LC_ALL= LANG= LC_MESSAGES=en_GB.UTF-8");
  EXPECT_NE(en.err.find(": error: "), std::string::npos) << en.err;
}

TEST_F(DraftCheck, ChecksEveryFileAndGivesJson) {
  const fs::path good = dir / "good.toml";
  std::string text = kBadDraft;
  text = std::regex_replace(text, std::regex("to = \"\""), "to = \"各村委会\"");
  text = std::regex_replace(text, std::regex("\"2026-02-30\""), "2026-09-01");
  text = std::regex_replace(text, std::regex("secrecy = \"内部\"\n"), "");
  text = std::regex_replace(text, std::regex("\\| 白路村 \\|"), "| 白路村 | 张建国 |");
  text = std::regex_replace(text, std::regex("!\\[火情\\]\\(chart.png\n"), "");
  text = text.substr(0, text.find("[fields]"));
  std::ofstream(good) << text;
  const fs::path missing = dir / "none.toml";

  const Outcome o = check(kChinese, {good.string(), bad.string(), missing.string()});
  EXPECT_EQ(o.code, 3) << o.err;  // the first error's code: bad.toml's bad input
  EXPECT_NE(o.out.find(good.string() + "：无误 — 通知《关于做好秋季森林防火工作的通知》"), std::string::npos) << o.out;
  EXPECT_NE(o.err.find(missing.string() + ": 错误: 文稿文件 " + missing.string() + " 不存在"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("共 7 个错误"), std::string::npos) << o.err;

  const Outcome js = run(GONGWEN_BINARY, {"-w", ws, "--json", "draft", "check", good.string(), bad.string()}, kChinese);
  EXPECT_EQ(js.code, 3) << js.err;
  EXPECT_TRUE(js.err.empty()) << js.err;  // with --json the report is the JSON
  const auto all = nlohmann::json::parse(js.out);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0]["ok"].get<bool>());
  EXPECT_EQ(all[0]["title"], "关于做好秋季森林防火工作的通知");
  EXPECT_TRUE(all[0]["diagnostics"].empty());
  EXPECT_FALSE(all[1]["ok"].get<bool>());
  const auto& d = all[1]["diagnostics"];
  ASSERT_EQ(d.size(), 6u) << d.dump(2);
  std::set<std::string> fields;
  for (const auto& x : d) {
    EXPECT_EQ(x["file"], bad.string());
    EXPECT_GT(x["line"].get<int>(), 0);
    EXPECT_GT(x["column"].get<int>(), 0);
    EXPECT_EQ(x["severity"], "error");
    EXPECT_FALSE(x["code"].get<std::string>().empty());
    EXPECT_FALSE(x["message"].get<std::string>().empty());
    fields.insert(x["field"].get<std::string>());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"to", "date", "secrecy", "body", "meeting_time"}));
  EXPECT_EQ(d[1]["code"], "draft.date.invalid");
  EXPECT_EQ(d[1]["line"], 5);
  EXPECT_EQ(d[1]["column"], 8);
}

// A command that stops at a bad draft (submit) prints every problem too, once.
TEST_F(DraftCheck, SubmitOfABadDraftListsEveryProblem) {
  const std::string env = kChinese + " GONGWEN_PASSWORD=check-pw GONGWEN_NEW_PASSWORD=check-pw GONGWEN_CONFIG_DIR=" +
                          quote((dir / "cfg").string());
  ASSERT_EQ(run(GONGWEN_BINARY, {"-w", ws, "user", "passwd", "--all"}, env).code, 0);
  const Outcome o = run(GONGWEN_BINARY, {"-w", ws, "--as", "wangfang", "submit", bad.string()}, env);
  EXPECT_EQ(o.code, 3) << o.err;
  EXPECT_NE(o.err.find(":7:11: 错误: 没有“内部”这一密级"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(":16:1: 错误: 模板 notice 没有“meeting_time”这一字段"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("共 6 个错误"), std::string::npos) << o.err;
  const Outcome json = run(GONGWEN_BINARY, {"-w", ws, "--json", "--as", "wangfang", "submit", bad.string()}, env);
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["error"]["code"], "bad-input");
  EXPECT_EQ(j["error"]["text"], "输入有误");
  EXPECT_EQ(j["error"]["diagnostics"].size(), 6u);
}

}  // namespace
}  // namespace gongwen::e2e
