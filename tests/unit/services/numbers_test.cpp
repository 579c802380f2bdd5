// 发文字号: one gapless sequence per 代字 and year, never reused; a spoiled number is voided,
// never given out again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

class NumbersTest : public OfficeTest {
 protected:
  // A number given out whose issue did not complete (no issued document carries it): the
  // only kind `void` accepts.
  std::string allocate_unissued(const std::string& name, const std::string& date = "2025-06-02") {
    const DraftRecord d = signed_draft(name + ".toml", notice_toml("关于" + name + "工作的通知", date));
    int serial = 0;
    reg().transaction([&] { serial = reg().allocate_number("白政发", 2025, d.id, "2025-06-02T09:00:00+08:00"); });
    return "白政发〔2025〕" + std::to_string(serial) + "号";
  }
  std::string issue_notice(const std::string& name, const std::string& date = "2025-06-02") {
    return issue_new(name + ".toml", notice_toml("关于" + name + "工作的通知", date)).issued.number;
  }
};

TEST_F(NumbersTest, ThreeInARowAreOneTwoThree) {
  EXPECT_EQ(issue_notice("一"), "白政发〔2025〕1号");
  EXPECT_EQ(issue_notice("二"), "白政发〔2025〕2号");
  EXPECT_EQ(issue_notice("三"), "白政发〔2025〕3号");
  const auto numbers = reg().numbers(2025);
  ASSERT_EQ(numbers.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(numbers[i].code, "白政发");
    EXPECT_EQ(numbers[i].serial, i + 1);
    EXPECT_EQ(numbers[i].status, "issued");
  }
  // Each file is under its own number.
  EXPECT_EQ(files_under(ws->documents_dir() / "2025"), 12u);  // PDF, DOCX, OFD, 发文稿纸 each
  EXPECT_TRUE(fs::exists(ws->documents_dir() / "2025" / "白政发〔2025〕3号.pdf"));
}

TEST_F(NumbersTest, EachTemplateCodeHasItsOwnSequence) {
  EXPECT_EQ(issue_notice("一"), "白政发〔2025〕1号");
  EXPECT_EQ(issue_new("r.toml", request_toml("关于申请饮水工程资金的请示")).issued.number,
            "白政请〔2025〕1号");
  EXPECT_EQ(issue_notice("二"), "白政发〔2025〕2号");
  EXPECT_EQ(issue_new("r2.toml", request_toml("关于申请道路修复资金的请示")).issued.number,
            "白政请〔2025〕2号");
}

TEST_F(NumbersTest, EachYearHasItsOwnSequence) {
  EXPECT_EQ(issue_notice("一", "2025-11-03"), "白政发〔2025〕1号");
  EXPECT_EQ(issue_notice("二", "2026-01-05"), "白政发〔2026〕1号");
  EXPECT_EQ(issue_notice("三", "2025-12-01"), "白政发〔2025〕2号");
  EXPECT_EQ(reg().numbers(2025).size(), 2u);
  ASSERT_EQ(reg().numbers(2026).size(), 1u);
  EXPECT_EQ(reg().issued(2026).front().pdf_path, "documents/2026/白政发〔2026〕1号.pdf");
}

TEST_F(NumbersTest, VoidedNumberIsNeverReused) {
  const DraftRecord first = signed_draft("a.toml", notice_toml("关于开展环境整治的通知"));
  reg().transaction([&] { reg().allocate_number("白政发", 2025, first.id, "2025-06-02T09:00:00+08:00"); });
  const NumberRecord v = office->void_number("白政发〔2025〕1号", "zhangjianguo", "印制错误");
  EXPECT_EQ(v.status, "void");
  EXPECT_EQ(v.serial, 1);
  const auto numbers = reg().numbers(2025);
  ASSERT_EQ(numbers.size(), 1u);
  EXPECT_EQ(numbers[0].status, "void");
  EXPECT_EQ(numbers[0].reason, "印制错误");
  EXPECT_EQ(reg().draft(first.id)->state, DraftState::Voided);

  EXPECT_EQ(issue_notice("二"), "白政发〔2025〕2号");
  // The voided draft itself may go round again, and it gets a new number too.
  EXPECT_EQ(issue_new("a.toml", notice_toml("关于开展环境整治的通知")).issued.number,
            "白政发〔2025〕3号");
  const auto after = reg().numbers(2025);
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].status, "void");
  EXPECT_EQ(after[1].status, "issued");
  EXPECT_EQ(after[2].status, "issued");
}

TEST_F(NumbersTest, VoidRefusals) {
  allocate_unissued("一");
  const std::string before = books();
  // Other forms people type name the same number.
  EXPECT_EQ(office->void_number("白政发[2025]1号", "huanglei", "重复印发").serial, 1);
  const std::string voided = books();
  EXPECT_NE(voided, before);

  const Error twice = failure_of([&] { office->void_number("白政发〔2025〕1号", "huanglei", "再次"); });
  EXPECT_EQ(twice.code, Code::Conflict);
  EXPECT_THAT(twice.message, HasSubstr("already void"));
  const Error unknown =
      failure_of([&] { office->void_number("白政发〔2025〕9号", "huanglei", "不存在"); });
  EXPECT_EQ(unknown.code, Code::NotFound);
  EXPECT_EQ(failure_of([&] { office->void_number("白政发〔2024〕1号", "huanglei", "x"); }).code,
            Code::NotFound);
  EXPECT_EQ(failure_of([&] { office->void_number("白政函〔2025〕1号", "huanglei", "x"); }).code,
            Code::NotFound);
  EXPECT_EQ(failure_of([&] { office->void_number("第一号文件", "huanglei", "x"); }).code,
            Code::BadInput);
  EXPECT_EQ(failure_of([&] { office->void_number("", "huanglei", "x"); }).code, Code::BadInput);
  EXPECT_EQ(books(), voided);
}

TEST_F(NumbersTest, VoidNeedsAReasonAndALeaderOrAdmin) {
  issue_notice("一");
  const std::string before = books();
  EXPECT_EQ(failure_of([&] { office->void_number("白政发〔2025〕1号", "zhangjianguo", ""); }).code,
            Code::BadInput);
  EXPECT_EQ(failure_of([&] { office->void_number("白政发〔2025〕1号", "wangfang", "x"); }).code,
            Code::Forbidden);
  EXPECT_EQ(failure_of([&] { office->void_number("白政发〔2025〕1号", "nobody", "x"); }).code,
            Code::NotFound);
  EXPECT_EQ(books(), before);
  EXPECT_EQ(reg().numbers(2025).at(0).status, "issued");
}

// Issue 13 #4: a number on an issued document is part of the record; `void` refuses it and
// changes nothing (the refusal is audited), and says more once the year is filed.
TEST_F(NumbersTest, IssuedNumberCannotBeVoided) {
  issue_notice("一");
  const Error e = failure_of([&] { office->void_number("白政发〔2025〕1号", "zhangjianguo", "印制错误"); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_THAT(e.message, HasSubstr("was issued: it cannot be voided"));
  EXPECT_EQ(reg().numbers(2025).at(0).status, "issued");
  EXPECT_EQ(reg().draft(1)->state, DraftState::Issued);
  EXPECT_EQ(reg().audit_log().back().action, "refused");
}

TEST_F(NumbersTest, FailedIssueGivesItsNumberBack) {
  const DraftRecord a = signed_draft("a.toml", notice_toml("关于开展环境整治的通知"));
  const DraftRecord b = signed_draft("b.toml", notice_toml("关于开展安全检查的通知"));
  write_draft("a.toml", notice_toml("关于开展环境整治工作的通知"));  // spoils a
  EXPECT_EQ(failure_of([&] { office->issue(ref(a), "sunxiuying"); }).code, Code::Conflict);
  EXPECT_EQ(office->issue(ref(b), "sunxiuying").issued.number, "白政发〔2025〕1号");
  EXPECT_EQ(reg().numbers(2025).size(), 1u);
}

}  // namespace
}  // namespace gongwen::archive::test
