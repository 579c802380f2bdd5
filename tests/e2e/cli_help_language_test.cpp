// The command line's help is in the clerk's language (issue 12): Chinese by default and with
// LANG=C.UTF-8, English with LANG=en_US.UTF-8 — the descriptions from the message catalogue
// and CLI11's own headings alike.
#include <gtest/gtest.h>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

const std::string kCUtf8 = "LC_ALL= LC_MESSAGES= LANG=C.UTF-8";

TEST(CliHelpLanguage, ArchiveFileHelpIsChineseByDefaultAndEnglishWithLangEn) {
  for (const std::string& env : {kChinese, kCUtf8}) {
    const Outcome zh = run(GONGWEN_BINARY, {"archive", "file", "--help"}, env);
    EXPECT_EQ(zh.code, 0) << env << zh.err;
    for (const char* words : {"用法", "选项", "归档一个年度", "要归档的年度", "必填", "显示本帮助后退出", "退出码"})
      EXPECT_NE(zh.out.find(words), std::string::npos) << env << ": " << words << "\n" << zh.out;
    for (const char* words : {"the year to file", "Usage", "OPTIONS", "REQUIRED", "Print this help"})
      EXPECT_EQ(zh.out.find(words), std::string::npos) << env << ": " << words << "\n" << zh.out;
  }
  const Outcome en = run(GONGWEN_BINARY, {"archive", "file", "--help"}, kEnglish);
  EXPECT_EQ(en.code, 0) << en.err;
  for (const char* words : {"Usage", "file a year", "the year to file", "REQUIRED", "Exit codes"})
    EXPECT_NE(en.out.find(words), std::string::npos) << words << "\n" << en.out;
  EXPECT_EQ(en.out.find("要归档的年度"), std::string::npos) << en.out;
}

TEST(CliHelpLanguage, TheCommandListIsChineseByDefault) {
  const Outcome zh = run(GONGWEN_BINARY, {"--help"}, kChinese);
  EXPECT_EQ(zh.code, 0) << zh.err;
  for (const char* words : {"命令", "提交文稿送审", "年终归档", "工作区文件夹"})
    EXPECT_NE(zh.out.find(words), std::string::npos) << words << "\n" << zh.out;
  const Outcome en = run(GONGWEN_BINARY, {"--help"}, kEnglish);
  for (const char* words : {"Subcommands", "submit a draft for review", "year-end filing"})
    EXPECT_NE(en.out.find(words), std::string::npos) << words << "\n" << en.out;
}

}  // namespace
}  // namespace gongwen::e2e
