// Every 文种 and the clerk's checks at the command line (issue 15): `draft new` by 文种 asks
// which variant, the 请示 skeleton names its 附注, `draft fix` writes a corrected copy beside
// the draft (never over it) that `draft check` finds clean, and `requests` shows a received
// 请示 answered by the 批复 we issued, and one left waiting as overdue.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <tuple>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

std::string env_zh() {
  return kChinese + " GONGWEN_PASSWORD=kinds-pw GONGWEN_NEW_PASSWORD=kinds-pw GONGWEN_CONFIG_DIR=" +
         quote((fs::temp_directory_path() / ("gongwen-e2e-kinds-" + std::to_string(::getpid()))).string());
}

class Kinds : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ws = (dir / "ws").string();
    ASSERT_EQ(gw({"init", "--fixed-clock-allowed", ws}).code, 0);
    ASSERT_EQ(gw({"-w", ws, "user", "passwd", "--all"}).code, 0);
  }
  void TearDown() override { fs::remove_all(dir); }
  Outcome gw(const std::vector<std::string>& args) { return run(GONGWEN_BINARY, args, env_zh()); }
  Outcome as(const std::string& user, const std::string& at, std::vector<std::string> args) {
    std::vector<std::string> all = {"-w", ws, "--clock", at, "--as", user};
    all.insert(all.end(), args.begin(), args.end());
    return gw(all);
  }
  fs::path dir;
  std::string ws;
};

TEST_F(Kinds, DraftNewByKindAsksWhichAndTheRequestSkeletonHasItsNote) {
  const Outcome which = gw({"-w", ws, "draft", "new", "通知"});
  EXPECT_EQ(which.code, 2) << which.err;
  for (const char* id : {"notice", "meeting-notice", "forward"}) EXPECT_NE(which.err.find(id), std::string::npos) << which.err;
  EXPECT_EQ(which.out, "");
  const Outcome reply = gw({"-w", ws, "draft", "new", "批复"});  // one variant: chosen
  ASSERT_EQ(reply.code, 0) << reply.err;
  EXPECT_NE(reply.out.find("template = \"reply\""), std::string::npos);
  EXPECT_NE(reply.out.find("request_number = \"\""), std::string::npos);
  const Outcome request = gw({"-w", ws, "draft", "new", "request"});
  ASSERT_EQ(request.code, 0);
  EXPECT_NE(request.out.find("\nnote = \"\""), std::string::npos) << request.out;
  const Outcome notice = gw({"-w", ws, "draft", "new", "公告"});
  ASSERT_EQ(notice.code, 0);
  EXPECT_EQ(notice.out.find("\nto = "), std::string::npos) << "a 公告 has no 主送:\n" << notice.out;
  const Outcome list = gw({"-w", ws, "--json", "template", "list"});
  ASSERT_EQ(list.code, 0);
  EXPECT_EQ(nlohmann::json::parse(list.out).size(), 17u);  // 15 文种, 通知 in three variants
}

TEST_F(Kinds, DraftFixWritesACorrectedCopyThatChecksClean) {
  const fs::path draft = dir / "fire.toml";
  const std::string text =
      "template = \"notice\"\norgan = \"government\"\ntitle = \"关于做好冬春森林防火工作通知\"\n"
      "to = \"各村（社区）村民委员会，\"\ndate = 2026-11-02\ndrafter = \"wangfang\"\nbody = \"\"\"\n"
      "一、加强领导\n各村要落实\"三个到位\",根据白政发[2026]07号文件要求。\n三、强化巡查\n"
      "于2026年09月30日前完成。\n\"\"\"\n";
  std::ofstream(draft) << text;
  const Outcome check = gw({"-w", ws, "draft", "check", draft.string()});
  EXPECT_EQ(check.code, 0) << "warnings only:\n" << check.out << check.err;
  EXPECT_NE((check.out + check.err).find("fire.toml:9:12: 警告: 汉字之间用了半角标点“,”"), std::string::npos)
      << check.out << check.err;
  const Outcome fix = gw({"-w", ws, "draft", "fix", draft.string()});
  ASSERT_EQ(fix.code, 0) << fix.err;
  EXPECT_NE(fix.out.find("已写入 " + (dir / "fire.fixed.toml").string() + "，改动 8 处"), std::string::npos) << fix.out;
  EXPECT_EQ(slurp(draft), text) << "the draft itself is never changed";
  const Outcome again = gw({"-w", ws, "--json", "draft", "check", (dir / "fire.fixed.toml").string()});
  ASSERT_EQ(again.code, 0) << again.out;
  const auto j = nlohmann::json::parse(again.out);
  EXPECT_TRUE(j[0]["diagnostics"].empty()) << again.out;
  EXPECT_EQ(j[0]["title"], "关于做好冬春森林防火工作的通知");
  // A second run does not overwrite the copy.
  EXPECT_EQ(gw({"-w", ws, "draft", "fix", draft.string()}).code, 6);
}

TEST_F(Kinds, ReplyIssuedAnswersTheReceivedRequestAndTheRestIsOverdue) {
  const fs::path sample = fs::path(GONGWEN_SOURCE_DIR) / "samples/17-reply.toml";
  const fs::path reply = dir / "reply.toml";
  fs::copy_file(sample, reply);
  // Any real PDF serves as the villages' 请示: the reply's own preview.
  ASSERT_EQ(gw({"-w", ws, "draft", "render", reply.string(), "-o", dir.string()}).code, 0);
  // Two 请示 from villages: one answered below, one left waiting.
  for (const auto& [from, number, title] :
       {std::tuple{"白路村村民委员会", "白村请〔2026〕3号", "白路村村民委员会关于实施村内道路硬化工程的请示"},
        std::tuple{"河口村村民委员会", "河村请〔2026〕2号", "河口村村民委员会关于修缮村活动室的请示"}}) {
    const Outcome r = as("sunxiuying", "2026-05-06T09:00:00+08:00",
                         {"receive", (dir / "reply.preview.pdf").string(), "--from", from, "--number", number,
                          "--title", title, "--kind", "请示", "--date", "2026-05-06"});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  const std::string at = "2026-05-26T09:00:00+08:00";
  ASSERT_EQ(as("wangfang", at, {"submit", reply.string()}).code, 0);
  ASSERT_EQ(as("zhaoli", at, {"review", "#1"}).code, 0);
  ASSERT_EQ(as("chenzhiyong", at, {"review", "#1"}).code, 0);
  ASSERT_EQ(as("zhangjianguo", at, {"sign", "#1"}).code, 0);
  const Outcome issued = as("sunxiuying", at, {"--json", "issue", "#1"});
  ASSERT_EQ(issued.code, 0) << issued.err;

  const Outcome all = as("chenzhiyong", "2026-06-01T09:00:00+08:00", {"--json", "requests"});
  ASSERT_EQ(all.code, 0) << all.err;
  const auto j = nlohmann::json::parse(all.out);
  ASSERT_EQ(j["requests"].size(), 2u) << all.out;
  const auto& answered = j["requests"][0]["number"] == "白村请〔2026〕3号" ? j["requests"][0] : j["requests"][1];
  ASSERT_EQ(answered["replies"].size(), 1u);
  EXPECT_EQ(answered["replies"][0]["number"], "白政复〔2026〕1号");
  EXPECT_EQ(answered["replies"][0]["by"], "白路乡人民政府");
  EXPECT_EQ(answered["replies"][0]["date"], "2026-05-26");
  EXPECT_FALSE(answered["overdue"]);
  const Outcome overdue = as("chenzhiyong", "2026-06-01T09:00:00+08:00", {"requests", "--overdue"});
  ASSERT_EQ(overdue.code, 0);
  EXPECT_NE(overdue.out.find("河村请〔2026〕2号"), std::string::npos) << overdue.out;
  EXPECT_NE(overdue.out.find("逾期未批复：已等 26 天"), std::string::npos) << overdue.out;
  EXPECT_EQ(overdue.out.find("白村请"), std::string::npos) << overdue.out;
}

}  // namespace
}  // namespace gongwen::e2e
