// 用印登记: the seal is applied only by a 监印人, only on a document signed off by a leader,
// and every use is registered with the approving leader, the keeper, the time and copies.
#include <gmock/gmock.h>

#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

class SealTest : public OfficeTest {};

TEST_F(SealTest, SealUseRecordsTheApprovingLeader) {
  const DraftRecord d = signed_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  const auto so = reg().signoff(d.id);
  ASSERT_TRUE(so);
  office->issue(ref(d), "sunxiuying");
  const auto uses = reg().seal_uses();
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].approver, "zhangjianguo");
  EXPECT_EQ(uses[0].approved_at, so->at);
  EXPECT_EQ(uses[0].keeper, "sunxiuying");
  EXPECT_EQ(uses[0].copies, 10);
  EXPECT_EQ(uses[0].at, clock.now().iso8601());
}

TEST_F(SealTest, SealWithoutApprovalIsRefused) {
  // Reviewed but not signed off: no leader has approved the seal.
  const DraftRecord d = office->submit(write_draft("n.toml", notice_toml("关于开展环境整治的通知")),
                                       "wangfang");
  review_all(d);
  const std::string before = books();
  const Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("领导未签"));
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().seal_uses().empty());
  EXPECT_EQ(reg().audit_log().back().action, "refused");
}

TEST_F(SealTest, ApprovalBySomeoneNoLongerALeaderIsRefused) {
  const DraftRecord d = signed_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  // The signer loses the 签发人 role in the profile before the seal is applied.
  std::string profile = read_file(ws->root() / "gongwen.toml");
  const std::string from = "\"signer\"";
  ASSERT_NE(profile.find("id = \"zhangjianguo\""), std::string::npos);
  const auto at = profile.find(from, profile.find("id = \"zhangjianguo\""));
  ASSERT_NE(at, std::string::npos);
  profile.replace(at, from.size(), "\"reviewer\"");
  write_file_atomic(ws->root() / "gongwen.toml", profile);
  office.reset();
  ws.reset();
  ws = Workspace::open(tmp / "ws").take();
  office = std::make_unique<Office>(*ws, clock);
  const std::string before = books();
  const Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("用印须经领导批准"));
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().seal_uses().empty());
  EXPECT_EQ(reg().audit_log().back().detail, "seal without approval");
}

TEST_F(SealTest, OnlyASealKeeperAppliesTheSeal) {
  const DraftRecord d = signed_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  const std::string before = books();
  const Error e = failure_of([&] { office->issue(ref(d), "zhangjianguo"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("监印人"));
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().seal_uses().empty());
}

}  // namespace
}  // namespace gongwen::archive::test
