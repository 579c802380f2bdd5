// 请示 and 批复 linked in the registers both ways (issue 15): a 批复 we issue answers a 请示 we
// received (its 文号 named in the draft), a 批复 we receive answers a 请示 we issued (its 文号
// quoted in the text); each 请示 shows who answered it and when, and one left unanswered past
// the limit is overdue. What a 批复 answers is found from the 批复's side too.
#include <gtest/gtest.h>

#include "office_fixture.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/services/requests.hpp"

namespace gongwen::archive::test {
namespace {

class RequestsTest : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    // Any real PDF serves as the incoming file.
    const auto out = issue_new("letter.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"), "liuyang");
    incoming = tmp / "incoming.pdf";
    fs::copy_file(ws->root() / out.issued.pdf_path, incoming);
  }
  ReceivedRecord receive(const std::string& kind, const std::string& sender, const std::string& number,
                         const std::string& title, const std::string& date, const std::string& text) {
    ReceiveInput in;
    in.file = incoming;
    in.sender = sender;
    in.their_number = number;
    in.title = title;
    in.kind = kind;
    in.date = date;
    in.text = text;
    return Receiving(*ws, clock).receive(in, "sunxiuying");
  }
  const services::RequestStatus* find(const services::RequestList& l, const std::string& number) {
    for (const auto& s : l.requests)
      if (s.number == number) return &s;
    return nullptr;
  }
  fs::path incoming;
};

std::string reply_toml(const std::string& request_number) {
  return "template = \"reply\"\norgan = \"government\"\ntitle = \"关于同意白路村实施村内道路硬化工程的批复\"\n"
         "to = \"白路村村民委员会\"\ndate = 2025-12-10\ndrafter = \"wangfang\"\n"
         "body = \"\"\"\n同意你村实施村内道路硬化工程。\n此复。\n\"\"\"\n"
         "[fields]\nrequest_title = \"白路村村民委员会关于实施村内道路硬化工程的请示\"\n"
         "request_number = \"" + request_number + "\"\n";
}

TEST_F(RequestsTest, IssuedReplyAnswersTheReceivedRequestBothWays) {
  receive("请示", "白路村村民委员会", "白村请〔2025〕3号", "白路村村民委员会关于实施村内道路硬化工程的请示",
          "2025-12-01", "恳请批准。");
  const Date today{2025, 12, 30};
  auto before = services::request_statuses(*ws, *ws->profile().user("chenzhiyong"), today, 15);
  const auto* waiting = find(before, "白村请〔2025〕3号");
  ASSERT_NE(waiting, nullptr);
  EXPECT_TRUE(waiting->replies.empty());
  EXPECT_EQ(waiting->days_waiting, 29);
  EXPECT_TRUE(waiting->overdue);
  EXPECT_EQ(waiting->side, services::RequestStatus::Side::Received);

  // Written with [] and a leading zero, as clerks type it: stored in the normal form.
  const IssueOutcome out = issue_new("reply.toml", reply_toml("白村请[2025]03号"));
  EXPECT_NE(out.issued.text.find("《白路村村民委员会关于实施村内道路硬化工程的请示》（白村请〔2025〕3号）收悉"),
            std::string::npos)
      << out.issued.text;

  const auto after = services::request_statuses(*ws, *ws->profile().user("chenzhiyong"), today, 15);
  const auto* answered = find(after, "白村请〔2025〕3号");
  ASSERT_NE(answered, nullptr);
  ASSERT_EQ(answered->replies.size(), 1u);
  EXPECT_EQ(answered->replies[0].reply_number, out.issued.number);
  EXPECT_EQ(answered->replies[0].replied_by, "白路乡人民政府");
  EXPECT_EQ(answered->replies[0].replied_on, (Date{2025, 12, 10}));
  EXPECT_FALSE(answered->overdue);

  const auto answers = services::what_reply_answers(*ws, out.issued.number);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].request_number, "白村请〔2025〕3号");
  EXPECT_EQ(answers[0].request_title, "白路村村民委员会关于实施村内道路硬化工程的请示");
}

TEST_F(RequestsTest, ReceivedReplyAnswersOurRequestBothWays) {
  const IssueOutcome req = issue_new("request.toml", request_toml("关于申请新庄村饮水安全巩固提升工程资金的请示",
                                                                   "2025-11-01"));
  const Date today{2025, 12, 30};
  auto before = services::request_statuses(*ws, *ws->profile().user("chenzhiyong"), today, 15);
  const auto* ours = find(before, req.issued.number);
  ASSERT_NE(ours, nullptr);
  EXPECT_EQ(ours->side, services::RequestStatus::Side::Issued);
  EXPECT_TRUE(ours->overdue);

  // The county's 批复 quotes our 文号 with square brackets.
  std::string quoted = req.issued.number;
  quoted.replace(quoted.find("〔"), std::string("〔").size(), "[");
  quoted.replace(quoted.find("〕"), std::string("〕").size(), "]");
  receive("批复", "县人民政府", "县政复〔2025〕21号", "关于同意新庄村饮水安全巩固提升工程资金的批复", "2025-12-20",
          "你乡《关于申请新庄村饮水安全巩固提升工程资金的请示》（" + quoted + "）收悉。经研究，同意。");
  const auto after = services::request_statuses(*ws, *ws->profile().user("chenzhiyong"), today, 15);
  ours = find(after, req.issued.number);
  ASSERT_NE(ours, nullptr);
  ASSERT_EQ(ours->replies.size(), 1u);
  EXPECT_EQ(ours->replies[0].reply_number, "县政复〔2025〕21号");
  EXPECT_EQ(ours->replies[0].replied_by, "县人民政府");
  EXPECT_EQ(ours->replies[0].replied_on, (Date{2025, 12, 20}));
  EXPECT_FALSE(ours->overdue);
  const auto answers = services::what_reply_answers(*ws, "县政复〔2025〕21号");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].request_number, req.issued.number);
}

TEST_F(RequestsTest, RecentRequestIsWaitingNotOverdue) {
  receive("请示", "河口村村民委员会", "", "河口村村民委员会关于修缮村活动室的请示", "2025-12-25", "");
  const auto l = services::request_statuses(*ws, *ws->profile().user("chenzhiyong"), Date{2025, 12, 30}, 15);
  const auto* s = find(l, "收〔2025〕1号");  // no 文号 of its own: known by its 收文号
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->days_waiting, 5);
  EXPECT_FALSE(s->overdue);
}

TEST_F(RequestsTest, ReplyNamingNoDocNumberIsRefusedWithTheField) {
  const fs::path f = write_draft("bad-reply.toml", reply_toml("白路村的请示"));
  try {
    office->submit(f, "wangfang");
    FAIL() << "accepted";
  } catch (const Failure& e) {
    EXPECT_EQ(e.error().code, Code::BadInput);
    EXPECT_NE(e.error().message.find("request_number"), std::string::npos) << e.error().message;
  }
}

}  // namespace
}  // namespace gongwen::archive::test
