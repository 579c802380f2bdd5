// 借阅: loans of filed items with due dates, returns with condition, secret items needing a
// leader's approval, the overdue list, the audit trail, and the refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "office_fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/lending.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

class LendingTest : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    issue_new("letter.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"), "liuyang");
    issue_new("secret.toml", notice_toml("关于做好维稳工作的通知", "2025-06-02", "chenzhiyong", "\"government\"",
                                         "secrecy = \"秘密\"\nsecrecy_term = \"10年\"\n"),
              "chenzhiyong");
    filed = file_year(*ws, 2025, clock, "zhouhong");
    lending = std::make_unique<Lending>(*ws, clock);
    for (const auto& f : filed.items) (f.number.find("函") != std::string::npos ? plain : secret) = f.archive_code;
  }
  LoanRequest req(const std::string& code) { return LoanRequest{code, "李华", "乡财政所", "核对资金拨付依据"}; }
  FilingResult filed;
  std::unique_ptr<Lending> lending;
  std::string plain, secret;
};

TEST_F(LendingTest, LoanDefaultsToSevenDaysAndReturnIsRecorded) {
  const LoanRecord l = lending->borrow(req(plain), "zhouhong");
  EXPECT_EQ(l.borrowed_on, (Date{2025, 12, 30}));
  EXPECT_EQ(l.due, (Date{2026, 1, 6}));
  EXPECT_EQ(reg().audit_log().back().action, "borrow");
  EXPECT_THAT(reg().audit_log().back().detail, HasSubstr("李华 (乡财政所) for 核对资金拨付依据, due 2026-01-06"));
  EXPECT_EQ(failure_of([&] { lending->borrow(req(plain), "zhouhong"); }).code, Code::Conflict);  // already out
  FixedClock later(Instant{kDec30_2025 + 8 * 86400, 8 * 60});
  Lending late(*ws, later);
  ASSERT_EQ(late.overdue().size(), 1u);
  const LoanRecord back = late.give_back(l.id, Condition::Damaged, "第2页有折痕", "zhouhong");
  EXPECT_EQ(back.returned_on, (Date{2026, 1, 7}));
  EXPECT_EQ(back.condition, "有损");
  EXPECT_THAT(late.overdue(), IsEmpty());
  EXPECT_EQ(failure_of([&] { late.give_back(l.id, Condition::Intact, "", "zhouhong"); }).code, Code::Conflict);
  EXPECT_EQ(reg().audit_log().back().action, "return");
}

TEST_F(LendingTest, SecretItemNeedsANamedLeader) {
  ASSERT_FALSE(secret.empty());
  EXPECT_EQ(failure_of([&] { lending->borrow(req(secret), "zhouhong"); }).code, Code::Forbidden);
  auto r = req(secret);
  r.approved_by = "chenzhiyong";  // not a leader (signer)
  EXPECT_EQ(failure_of([&] { lending->borrow(r, "zhouhong"); }).code, Code::Forbidden);
  r.approved_by = "zhangjianguo";
  EXPECT_EQ(lending->borrow(r, "zhouhong").approved_by, "zhangjianguo");
}

TEST_F(LendingTest, Refusals) {
  EXPECT_EQ(failure_of([&] { lending->borrow(req(plain), "wangfang"); }).code, Code::Forbidden);
  EXPECT_EQ(failure_of([&] { lending->borrow(req("Z109-WS·2025-Y-ZF-9999"), "zhouhong"); }).code, Code::NotFound);
  auto r = req(plain);
  r.purpose = "";
  EXPECT_EQ(failure_of([&] { lending->borrow(r, "zhouhong"); }).code, Code::BadInput);
  EXPECT_THAT(lending->loans(), IsEmpty());
}


// Days are typed in the records, parsed once by the row mapper: a day edited in the register
// behind the program's back (not a calendar day, or not in the ISO form gongwen writes) is
// refused as a damaged register, naming the book and the column, never misread.
TEST_F(LendingTest, ADayEditedInTheRegisterIsRefusedNotMisread) {
  const LoanRecord l = lending->borrow(req(plain), "zhouhong");
  ASSERT_EQ(lending->loans().front().due, l.due);
  RawDb db(ws->root() / "registry.sqlite3");
  ASSERT_EQ(db.exec("UPDATE loans SET due = '2026-13-01' WHERE id = " + std::to_string(l.id)), "");
  const Error e = failure_of([&] { lending->loans(); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_THAT(e.message, HasSubstr("loans"));
  EXPECT_THAT(e.message, HasSubstr("2026-13-01"));
  ASSERT_EQ(db.exec("UPDATE loans SET due = '2026/1/6' WHERE id = " + std::to_string(l.id)), "");
  EXPECT_EQ(failure_of([&] { lending->loans(); }).code, Code::Conflict);
  ASSERT_EQ(db.exec("UPDATE loans SET due = '2026-01-06' WHERE id = " + std::to_string(l.id)), "");
  EXPECT_EQ(lending->loans().front().due, (Date{2026, 1, 6}));
  EXPECT_FALSE(lending->loans().front().returned_on);  // "" in the register: not returned
}

}  // namespace
}  // namespace gongwen::archive::test
