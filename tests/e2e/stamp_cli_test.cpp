// `gongwen stamp add|list` (issue 15, 签名章): the administrator registers the 乡长's signature
// picture in Chinese words, a file that is no PNG is refused naming it (exit 3, nothing
// registered), and a clerk may not register one (exit 5).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

class StampCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    env = kChinese + " GONGWEN_PASSWORD=stamp-test-pw GONGWEN_NEW_PASSWORD=stamp-test-pw GONGWEN_CONFIG_DIR=" +
          quote((dir / "cfg").string());
    ASSERT_EQ(run(GONGWEN_BINARY, {"init", (dir / "ws").string()}, env).code, 0);
    ASSERT_EQ(run(GONGWEN_BINARY, {"-w", (dir / "ws").string(), "user", "passwd", "--all"}, env).code, 0);
  }
  void TearDown() override { fs::remove_all(dir); }
  Outcome as(const std::string& user, std::vector<std::string> args) {
    std::vector<std::string> all = {"-w", (dir / "ws").string(), "--as", user};
    all.insert(all.end(), args.begin(), args.end());
    return run(GONGWEN_BINARY, all, env);
  }
  fs::path dir;
  std::string env;
};

const std::string kPicture = GONGWEN_SOURCE_DIR "/samples/stamps/zhangjianguo.png";

TEST_F(StampCli, TheAdministratorRegistersTheSignersPicture) {
  const Outcome added = as("huanglei", {"stamp", "add", "zhangjianguo", kPicture});
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_NE(added.out.find("已登记 张建国 的签名章"), std::string::npos) << added.out;
  const Outcome listed = as("huanglei", {"--json", "stamp", "list"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  const auto j = nlohmann::json::parse(listed.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["owner"], "zhangjianguo");
  EXPECT_TRUE(fs::exists(dir / "ws" / j[0]["path"].get<std::string>()));
}

TEST_F(StampCli, ANonPictureAndAClerkAreRefusedAndNothingIsRegistered) {
  std::ofstream(dir / "签名.png") << "这不是图片";
  const Outcome bad = as("huanglei", {"stamp", "add", "zhangjianguo", (dir / "签名.png").string()});
  EXPECT_EQ(bad.code, 3) << bad.err;
  EXPECT_NE(bad.err.find("签名.png 不能作签名章"), std::string::npos) << bad.err;
  const Outcome clerk = as("wangfang", {"stamp", "add", "zhangjianguo", kPicture});
  EXPECT_EQ(clerk.code, 5) << clerk.err;
  EXPECT_NE(clerk.err.find("登记签名章"), std::string::npos) << clerk.err;
  const Outcome listed = as("huanglei", {"stamp", "list"});
  EXPECT_NE(listed.out.find("尚未登记任何签名章"), std::string::npos) << listed.out;
}

}  // namespace
}  // namespace gongwen::e2e
