// The audit log shown in the clerk's language (issue 12): the stored English (hashed by the
// chain) never changes; `audit log` shows each action and detail through the catalogue, in
// Chinese by default and as stored with LANG=en*; a text no entry knows is shown as stored.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gongwen/pipeline/messages.hpp"
#include "gongwen/services/audit_words.hpp"
#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

using services::audit_words_in;

class AuditWordsTest : public OfficeTest {
 protected:
  // The log's last entry after `action`, which is refused.
  template <class F>
  AuditEntry refused(F&& action) {
    EXPECT_THROW(action(), Failure);
    return reg().audit_log().back();
  }
};

TEST_F(AuditWordsTest, RefusedStepsAreShownInChineseAndStoredInEnglish) {
  const fs::path file = write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  office->submit(file, "wangfang");
  const AuditEntry submit = reg().audit_log().back();
  EXPECT_THAT(audit_words_in(Language::Chinese, submit.action, submit.subject, submit.detail).detail,
              ::testing::MatchesRegex("第 1 轮，SHA-256 [0-9a-f]{64}"));

  // Out of the review order.
  const AuditEntry order = refused([&] { office->review("#1", "chenzhiyong", Decision::Approve, ""); });
  EXPECT_EQ(order.action, "refused");
  EXPECT_EQ(order.detail, "review out of order");  // stored as ever: the chain hashes it
  const auto zh = audit_words_in(Language::Chinese, order.action, order.subject, order.detail);
  EXPECT_EQ(zh.action, "拒绝");
  EXPECT_EQ(zh.detail, "未按审核顺序审核");
  const auto en = audit_words_in(Language::English, order.action, order.subject, order.detail);
  EXPECT_EQ(en.action, "refused");
  EXPECT_EQ(en.detail, "review out of order");

  // A role missing: the purpose inside the detail is translated too.
  const AuditEntry role = refused([&] { office->sign("#1", "wangfang", ""); });
  EXPECT_THAT(role.detail, ::testing::EndsWith(": role missing"));
  EXPECT_EQ(audit_words_in(Language::Chinese, role.action, role.subject, role.detail).detail, "签发公文：没有所需的角色");
}

TEST_F(AuditWordsTest, EveryStoredFormWithArgumentsAndUnknownText) {
  auto zh = [](std::string_view action, std::string_view subject, std::string_view detail) {
    return audit_words_in(Language::Chinese, action, subject, detail);
  };
  EXPECT_EQ(zh("refused", "#3 x", "issue documents: not cleared for 秘密").detail, "印发公文：未获准接触秘密文件");
  EXPECT_EQ(zh("refused", "#3 x", "content differs from sign-off").detail, "内容与签发时不同");
  EXPECT_EQ(zh("circulate", "收〔2026〕1号", "to 王芳 due 2026-03-01").detail, "送 王芳 传阅，2026-03-01 前退回");
  EXPECT_EQ(zh("user-add", "lihua", "李华 (2 role(s), clearance none)").detail, "李华（2 个角色，可接触密级：无）");
  EXPECT_EQ(zh("issue", "#1 x", "白政发〔2025〕1号 pdf sha256 ab ofd sha256 cd copies 3").detail,
            "白政发〔2025〕1号，PDF 的 SHA-256 ab，OFD 的 SHA-256 cd，共 3 份");
  EXPECT_EQ(zh("issue", "#1 x", "白政发〔2025〕1号 pdf sha256 ab ofd sha256 ").detail,
            "白政发〔2025〕1号，PDF 的 SHA-256 ab，OFD 的 SHA-256 ");
  // The two stored "return"s: a draft sent back and a loan given back.
  EXPECT_EQ(zh("return", "#4 关于…", "请修改").action, "退回");
  EXPECT_EQ(zh("return", "Z109-WS·2025-Y-ZF-0001", "王芳 returned, 完好").action, "归还");
  EXPECT_EQ(zh("return", "Z109-WS·2025-Y-ZF-0001", "王芳 returned, 完好").detail, "王芳 已归还，完好");
  // Free text (an opinion, a reason) and an action no entry knows are shown as stored.
  EXPECT_EQ(zh("review", "#1 x", "同意").detail, "同意");
  EXPECT_EQ(zh("something-new", "x", "a new detail").action, "something-new");
  EXPECT_EQ(zh("something-new", "x", "a new detail").detail, "a new detail");
}

}  // namespace
}  // namespace gongwen::archive::test
