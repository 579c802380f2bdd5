// 联合行文 (乡党委 + 乡政府): each organ's leader signs off (会签) in the chain before the
// seal keeper may issue, and each organ's seal is its own 用印登记 row approved by that
// organ's leader (GB/T 9704 §7.3.5.1; 印鉴管理制度: 用印必须经领导批准并登记).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

class JointSignoffTest : public OfficeTest {
 protected:
  DraftRecord reviewed_joint(const std::string& organs = "[\"party\", \"government\"]") {
    const DraftRecord d = office->submit(
        write_draft("joint.toml", notice_toml("关于联合开展环境整治的通知", "2025-06-02", "wangfang", organs)),
        "wangfang");
    return review_all(d);
  }
};

TEST_F(JointSignoffTest, BothLeadersSignInEitherOrderThenEachSealIsRegistered) {
  DraftRecord d = reviewed_joint();
  // 乡长 first: the draft waits for the 书记 (it is not yet signed off).
  d = office->sign(ref(d), "zhangjianguo", "同意");
  EXPECT_EQ(d.state, DraftState::Reviewed);
  EXPECT_EQ(services::describe(office->next_step(d)), "sign-off");
  EXPECT_EQ(failure_of([&] { office->issue(ref(d), "sunxiuying"); }).code, Code::Forbidden);
  // The same leader twice is refused; the 书记 is not told "already signed off".
  EXPECT_EQ(failure_of([&] { office->sign(ref(d), "zhangjianguo", ""); }).code, Code::Conflict);
  d = office->sign(ref(d), "liminghua", "同意印发");
  EXPECT_EQ(d.state, DraftState::Signed);
  const auto signoffs = reg().signoffs(d.id);
  ASSERT_EQ(signoffs.size(), 2u);
  EXPECT_EQ(signoffs[0].signer, "zhangjianguo");
  EXPECT_EQ(signoffs[1].signer, "liminghua");

  const IssueOutcome out = office->issue(ref(d), "sunxiuying");
  EXPECT_EQ(out.issued.issuer, "中共白路乡委员会、白路乡人民政府");
  const auto seals = reg().seal_uses();
  ASSERT_EQ(seals.size(), 2u) << "one 用印登记 row per seal";
  // In organ order, each approved by its own organ's leader at that leader's signature.
  EXPECT_EQ(seals[0].seal_text, "中共白路乡委员会");
  EXPECT_EQ(seals[0].approver, "liminghua");
  EXPECT_EQ(seals[0].approved_at, signoffs[1].at);
  EXPECT_EQ(seals[1].seal_text, "白路乡人民政府");
  EXPECT_EQ(seals[1].approver, "zhangjianguo");
  EXPECT_EQ(seals[1].approved_at, signoffs[0].at);
  for (const auto& s : seals) {
    EXPECT_EQ(s.number, out.issued.number);
    EXPECT_EQ(s.keeper, "sunxiuying");
    EXPECT_EQ(s.copies, 10);
  }
}

TEST_F(JointSignoffTest, EachOrgansLeaderSignsOnlyForHisOrgan) {
  // A government-only draft: the 书记 does not sign for it; a joint one needs both.
  const DraftRecord g = office->submit(write_draft("gov.toml", notice_toml("关于开展环境整治的通知")), "wangfang");
  review_all(g);
  EXPECT_EQ(failure_of([&] { office->sign(ref(g), "liminghua", ""); }).code, Code::Forbidden);
  DraftRecord d = reviewed_joint();
  d = office->sign(ref(d), "liminghua", "");
  EXPECT_EQ(d.state, DraftState::Reviewed);
  d = office->sign(ref(d), "zhangjianguo", "");
  EXPECT_EQ(d.state, DraftState::Signed);
}

TEST_F(JointSignoffTest, ASingleOrganStillHasOneSealRow) {
  const IssueOutcome out = issue_new("one.toml", notice_toml("关于做好防汛工作的通知"));
  const auto seals = reg().seal_uses();
  ASSERT_EQ(seals.size(), 1u);
  EXPECT_EQ(seals[0].seal_text, "白路乡人民政府");
  EXPECT_EQ(seals[0].approver, "zhangjianguo");
  EXPECT_EQ(seals[0].number, out.issued.number);
}

}  // namespace
}  // namespace gongwen::archive::test
