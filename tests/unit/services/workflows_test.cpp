// The service layer's workflows: each keeps the index in step with the registers and says
// what comes next as data. Issued documents are searchable when issue returns; filing re-indexes
// the year's issued *and* received documents with their 档号, so a 来文 is found by its 档号
// (bare or as 档号:) and by its 收文号.
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflows_fixture.hpp"
#include "gongwen/services/indexing.hpp"
#include "gongwen/services/search.hpp"
#include "gongwen/services/workflows.hpp"

namespace gongwen::services {
inline void PrintTo(const NextStep& n, std::ostream* os) { *os << step_name(n.step) << "/" << n.user; }
}  // namespace gongwen::services

namespace gongwen::services::test {
namespace {

using namespace gongwen::archive::test;  // the workspace fixture and the sample drafts
using ::testing::ElementsAre;
namespace fs = std::filesystem;

class WorkflowsTest : public WorkflowsFixture {
 protected:

  // Numbers of the documents `user` finds.
  std::vector<std::string> found(const SearchQuery& q, const std::string& user = "chenzhiyong") {
    std::vector<std::string> out;
    for (const auto& h : search_documents(*ws, q, user).hits) out.push_back(h.number);
    return out;
  }
  std::vector<std::string> found(const std::string& text, const std::string& user = "chenzhiyong") {
    SearchQuery q;
    q.text = text;
    return found(q, user);
  }

  IssueResult issue_one(const std::string& name, const std::string& text, const std::string& drafter = "wangfang") {
    const auto d = signed_draft(name, text, drafter);
    return flows->issue(ref(d), "sunxiuying");
  }

  // A received 来文 (the PDF of an issued document serves as the incoming file).
  ReceiveResult receive_one(const IssuedRecord& carrier) {
    const fs::path incoming = tmp / "incoming.pdf";
    fs::copy_file(ws->root() / carrier.pdf_path, incoming, fs::copy_options::overwrite_existing);
    archive::ReceiveInput in;
    in.file = incoming;
    in.sender = "县人民政府办公室";
    in.their_number = "县政办发〔2025〕12号";
    in.title = "关于做好秋冬季候鸟保护工作的通知";
    in.kind = "通知";
    in.date = "2025-10-08";
    in.text = "候鸟迁徙季节，各乡镇要加强巡护。";
    return flows->receive(in, "sunxiuying");
  }
};

TEST_F(WorkflowsTest, IssueAndIndexMakesTheDocumentSearchable) {
  const auto out = issue_one("a.toml", notice_toml("关于开展春季植树造林活动的通知"));
  EXPECT_TRUE(out.index_problem.empty()) << out.index_problem;
  EXPECT_THAT(found(out.issued.number), ElementsAre(out.issued.number));
  EXPECT_THAT(found("植树造林"), ElementsAre(out.issued.number));
}

TEST_F(WorkflowsTest, NextStepAfterEachStep) {
  const auto s = flows->submit(write_draft("n.toml", notice_toml("关于做好防汛工作的通知")), "wangfang");
  EXPECT_EQ(s.next, (NextStep{Step::Review, "zhaoli"}));
  const std::string r = ref(s.draft);
  EXPECT_EQ(flows->review(r, "zhaoli", Decision::Approve, "").next, (NextStep{Step::Review, "chenzhiyong"}));
  EXPECT_EQ(flows->review(r, "chenzhiyong", Decision::Approve, "").next, (NextStep{Step::SignOff, ""}));
  EXPECT_EQ(flows->sign(r, "zhangjianguo", "").next, (NextStep{Step::Issue, ""}));
  const auto issued = flows->issue(r, "sunxiuying");
  EXPECT_EQ(issued.next, (NextStep{Step::Done, ""}));


  const auto got = receive_one(issued.issued);
  EXPECT_EQ(got.next, (NextStep{Step::Handle, ""}));
  const auto filed = flows->file_year(2025, "zhouhong", {}, {}, true);  // the clock is 2025-12-30
  EXPECT_EQ(filed.next, (NextStep{Step::Verify, "zhouhong"}));
  archive::LoanRequest loan;
  loan.archive_code = filed.filing.items.front().archive_code;
  loan.borrower = "李明";
  loan.unit = "乡财政所";
  loan.purpose = "查考";
  const auto lent = flows->lend(loan, "zhouhong");
  EXPECT_EQ(lent.next, (NextStep{Step::ReturnLoan, "李明"}));
  EXPECT_EQ(flows->give_back(lent.loan.id, archive::Condition::Intact, "", "zhouhong").next, (NextStep{Step::Done, ""}));
}

TEST_F(WorkflowsTest, NextStepAfterASendBack) {
  const auto back = flows->submit(write_draft("b.toml", notice_toml("关于做好抗旱工作的通知")), "wangfang");
  EXPECT_EQ(flows->review(ref(back.draft), "zhaoli", Decision::Return, "请补充数据").next,
            (NextStep{Step::Revise, "wangfang"}));
}

TEST_F(WorkflowsTest, NextStepWordsForBothFrontEnds) {
  EXPECT_EQ(describe({Step::Review, "zhaoli"}), "review by zhaoli");
  EXPECT_EQ(describe_chinese({Step::Review, "zhaoli"}), "待 zhaoli 审核");
  EXPECT_EQ(describe({Step::Issue, ""}), "issue (seal keeper)");
  EXPECT_EQ(describe_chinese({Step::Issue, ""}), "待用印印发");
  EXPECT_STREQ(step_name(Step::SignOff), "sign-off");
  EXPECT_EQ(describe_chinese({Step::Revise, "wangfang"}), "退回 wangfang 修改");
}

// Filing re-indexes issued AND received documents (the web desk used to skip received ones):
// the 来文 is then found by its 档号, bare and fielded, by the typed filter, and by its 收文号.
TEST_F(WorkflowsTest, FileAndReindexIndexesReceivedDocumentsToo) {
  const auto out = issue_one("a.toml", notice_toml("关于开展春季植树造林活动的通知"));
  const auto got = receive_one(out.issued);
  const std::string registration = got.received.registration();
  ASSERT_EQ(registration, "收〔2025〕1号");

  std::vector<Progress> seen;
  const auto filed = flows->file_year(2025, "zhouhong", {}, [&](const Progress& p) { seen.push_back(p); }, true);
  EXPECT_EQ(filed.reindexed, 2u);
  std::string received_code, issued_code;
  for (const auto& f : filed.filing.items) (f.number == registration ? received_code : issued_code) = f.archive_code;
  ASSERT_FALSE(received_code.empty());
  ASSERT_FALSE(issued_code.empty());

  const std::string theirs = "县政办发〔2025〕12号";
  EXPECT_THAT(found(received_code), ElementsAre(theirs));
  EXPECT_THAT(found("档号:" + received_code), ElementsAre(theirs));
  EXPECT_THAT(found("archive:" + received_code), ElementsAre(theirs));
  EXPECT_THAT(found(issued_code), ElementsAre(out.issued.number));
  SearchQuery typed;
  typed.filters.archive_code = received_code;
  EXPECT_THAT(found(typed), ElementsAre(theirs));
  EXPECT_THAT(found(registration), ElementsAre(theirs));

  // Progress: staging per 件, indexing per document, then done; counts never go backwards.
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front().phase, "staging");
  EXPECT_EQ(seen.back().phase, "done");
  EXPECT_EQ(seen.back().done, 2);
  bool indexing = false;
  for (const auto& p : seen) indexing = indexing || p.phase == "indexing";
  EXPECT_TRUE(indexing);
}

TEST_F(WorkflowsTest, ReceiveAndIndexFindsTheLaiwenByItsRegistration) {
  const auto out = issue_one("a.toml", notice_toml("关于开展春季植树造林活动的通知"));
  const auto got = receive_one(out.issued);
  EXPECT_TRUE(got.index_problem.empty()) << got.index_problem;
  EXPECT_THAT(found(got.received.registration()), ElementsAre("县政办发〔2025〕12号"));
  EXPECT_THAT(found("候鸟"), ElementsAre("县政办发〔2025〕12号"));
}

TEST_F(WorkflowsTest, CorrectingAFiledItemReindexesItsYear) {
  const auto out = issue_one("a.toml", notice_toml("关于开展春季植树造林活动的通知"));
  receive_one(out.issued);
  const auto filed = flows->file_year(2025, "zhouhong", {}, {}, true);  // the clock is 2025-12-30
  archive::CorrectionRequest req;
  req.year = 2025;
  req.item = filed.filing.items.front().archive_code;
  req.fields = {{"题名", "关于开展春季植树造林活动的通知（更正）"}};
  req.reason = "题名漏字";
  const auto corrected = flows->correct(req, "zhouhong");
  EXPECT_EQ(corrected.correction.version, 2);
  EXPECT_EQ(corrected.reindexed, 2u);
  EXPECT_EQ(corrected.next, (NextStep{Step::Verify, "zhouhong"}));
  // Found by its 档号 and by the corrected title; the same after a full rebuild.
  EXPECT_EQ(found(req.item).size(), 1u);
  EXPECT_EQ(found("标题:更正").size(), 1u);
  reindex_all(*ws);
  EXPECT_EQ(found("标题:更正").size(), 1u);
  EXPECT_EQ(found(req.item).size(), 1u);
}

TEST_F(WorkflowsTest, TypedFiltersAreNotQueryText) {
  issue_one("a.toml", notice_toml("关于开展春季植树造林活动的通知"));
  issue_one("l.toml", letter_toml("关于商请支持道路交通安全设施建设的函"), "liuyang");
  SearchQuery q;
  q.filters.kind = "函";
  ASSERT_EQ(found(q).size(), 1u);
  // A value with spaces or a bracket cannot change the query's meaning: it finds nothing.
  q.filters.kind = "函 OR 通知";
  EXPECT_TRUE(found(q).empty());
  q.filters.kind = "";
  q.filters.year = "2025";
  q.text = "植树造林";
  EXPECT_EQ(found(q).size(), 1u);
  q.filters.year = "2024";
  EXPECT_TRUE(found(q).empty());
}

TEST_F(WorkflowsTest, ABadVocabularyLineIsSkippedAndSaidNotEverySearchRefused) {
  const auto out = issue_one("a.toml", notice_toml("关于开展春季植树造林活动的通知"));
  std::ofstream(ws->root() / "vocabulary.txt") << "# 本单位检索词表\n种树 植树造林\n两委\n";
  SearchQuery q;
  q.text = "种树";  // found through the good line's group
  const auto result = search_documents(*ws, q, "chenzhiyong");
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_EQ(result.hits.front().number, out.issued.number);
  // The bad line is named, with its file and line, in the answer's notes.
  bool said = false;
  for (const auto& n : result.notes)
    said = said || ((n.find("第 3 行") != std::string::npos || n.find("line 3") != std::string::npos) &&
                    n.find("两委") != std::string::npos && n.find("vocabulary.txt") != std::string::npos);
  EXPECT_TRUE(said) << ::testing::PrintToString(result.notes);
}

}  // namespace
}  // namespace gongwen::services::test
