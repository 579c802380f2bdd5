// `gongwen user add` end to end: a 管理员 adds a clerk who can then log in and draft; a
// non-admin, an unknown role, a taken id and a short first password are refused with their
// exit codes and leave gongwen.toml as it was.
#include <gtest/gtest.h>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

TEST(UserAdd, AdminAddsAClerkWhoCanLogIn) {
  const auto ws = fresh_dir("user-add");
  ASSERT_EQ(gongwen({"init", ws.string()}).code, 0);
  const std::string w = ws.string();
  ASSERT_EQ(run(GONGWEN_BINARY, {"--workspace", w, "user", "passwd", "huanglei"},
                "GONGWEN_NEW_PASSWORD=admin-password").code, 0);
  const std::string admin = "GONGWEN_PASSWORD=admin-password";
  const Outcome added = run(GONGWEN_BINARY,
                            {"--workspace", w, "--as", "huanglei", "--json", "user", "add", "sunli", "--name", "孙丽",
                             "--title", "党政办干事", "--role", "drafter", "--role", "档案员", "--clearance", "秘密"},
                            admin + " GONGWEN_NEW_PASSWORD=clerk-password");
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_NE(added.out.find("\"password\": true"), std::string::npos) << added.out;
  const Outcome list = gongwen({"--workspace", w, "user", "list"});
  EXPECT_NE(list.out.find("sunli\t孙丽\t拟稿人 档案员\tpassword set"), std::string::npos) << list.out;
  EXPECT_EQ(run(GONGWEN_BINARY, {"--workspace", w, "--as", "sunli", "login"}, "GONGWEN_PASSWORD=clerk-password").code, 0);

  const std::string before = slurp(ws / "gongwen.toml");
  struct Refusal {
    std::vector<std::string> args;
    std::string env;
    int code;
    std::string says;
  };
  const std::vector<Refusal> refusals = {
      {{"--as", "sunli", "user", "add", "wu", "--name", "吴", "--role", "drafter"}, "GONGWEN_PASSWORD=clerk-password", 5, "管理员"},
      {{"--as", "huanglei", "user", "add", "wu", "--name", "吴", "--role", "boss"}, admin, 3, "没有“boss”这个角色"},
      {{"--as", "huanglei", "user", "add", "sunli", "--name", "孙丽", "--role", "drafter"}, admin, 6, "用户“sunli”已存在"},
      {{"--as", "huanglei", "user", "add", "Wu Fang", "--name", "吴芳", "--role", "drafter"}, admin, 3, "不合要求"},
      {{"--as", "huanglei", "user", "add", "wu", "--name", "吴", "--role", "drafter", "--clearance", "内部"}, admin, 3, "--clearance"},
      {{"--as", "huanglei", "user", "add", "wu", "--name", "吴", "--role", "drafter"}, admin + " GONGWEN_NEW_PASSWORD=short", 3, "密码太短"},
  };
  for (const auto& r : refusals) {
    std::vector<std::string> args = {"--workspace", w};
    args.insert(args.end(), r.args.begin(), r.args.end());
    const Outcome o = run(GONGWEN_BINARY, args, kChinese + " " + r.env);  // the clerk's words, whatever the locale
    EXPECT_EQ(o.code, r.code) << r.says << ": " << o.err;
    EXPECT_NE(o.err.find(r.says), std::string::npos) << o.err;
    EXPECT_EQ(slurp(ws / "gongwen.toml"), before) << r.says;
  }
  std::filesystem::remove_all(ws);
}

}  // namespace
}  // namespace gongwen::e2e
