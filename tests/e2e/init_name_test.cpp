// `gongwen init DIR --name …` writes the office the user names, not the 白路乡 sample; bad
// options are refused with a Chinese message naming the option, and nothing is created.
#include <gtest/gtest.h>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

Outcome chinese(const std::vector<std::string>& args) { return run(GONGWEN_BINARY, args, kChinese); }

class InitName : public ::testing::Test {
 protected:
  void SetUp() override { dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name()); }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
};

TEST_F(InitName, WritesTheNamedOfficeNotTheSample) {
  const fs::path ws = dir / "ws";
  const Outcome r = chinese({"init", ws.string(), "--name", "青山镇人民政府", "--code", "青政", "--fonds", "Z201"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("青山镇党政办公室"), std::string::npos) << r.out;
  const std::string profile = slurp(ws / "gongwen.toml");
  EXPECT_EQ(profile.find("白路"), std::string::npos) << profile;
  for (const char* want : {"name = \"青山镇人民政府\"", "mark = \"青山镇人民政府文件\"", "short = \"青山镇政府\"",
                           "code_prefix = \"青政\"", "seal_text = \"青山镇人民政府\"", "name = \"中共青山镇委员会\"",
                           "code_prefix = \"青党\"", "fonds = \"Z201\"", "name = \"青山镇党政办公室\""})
    EXPECT_NE(profile.find(want), std::string::npos) << want;
  // The workspace opens with it: the office's organs are the named ones.
  const Outcome organs = chinese({"-w", ws.string(), "template", "list"});
  EXPECT_EQ(organs.code, 0) << organs.err;
}

TEST_F(InitName, RefusesANameThatIsNoGovernmentAndCreatesNothing) {
  const fs::path ws = dir / "ws";
  const Outcome bad = chinese({"init", ws.string(), "--name", "青山镇"});
  EXPECT_EQ(bad.code, 2) << bad.err;
  EXPECT_NE(bad.err.find("--name"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("人民政府"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(ws));
  const Outcome alone = chinese({"init", ws.string(), "--code", "青政"});
  EXPECT_EQ(alone.code, 2) << alone.err;
  EXPECT_NE(alone.err.find("--name"), std::string::npos) << alone.err;
  EXPECT_FALSE(fs::exists(ws));
}

}  // namespace
}  // namespace gongwen::e2e
