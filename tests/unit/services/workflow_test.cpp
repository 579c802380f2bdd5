// The office's handling of outgoing documents (分文处理制度, 印鉴管理制度): submit → review in
// chain order → sign-off by the issuing organ's leader → issue by the seal keeper. Every
// refusal carries the right code and leaves the books and the documents folder untouched.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class WorkflowTest : public OfficeTest {};

TEST_F(WorkflowTest, HappyPathIssuesNumberedSealedDocument) {
  const fs::path file = write_draft("notice.toml", notice_toml("关于做好秋季森林防火工作的通知"));
  DraftRecord d = office->submit(file, "wangfang");
  EXPECT_EQ(d.state, DraftState::Submitted);
  EXPECT_EQ(d.round, 1);
  EXPECT_EQ(d.code, "白政发");
  EXPECT_EQ(d.year, 2025);
  EXPECT_EQ(d.drafter, "wangfang");
  EXPECT_EQ(d.kind, "通知");
  EXPECT_EQ(d.content_hash.size(), 64u);
  EXPECT_EQ(office->resolve(file.string()).id, d.id);
  EXPECT_EQ(services::describe(office->next_step(d)), "review by zhaoli");

  d = office->review(ref(d), "zhaoli", Decision::Approve, "");
  EXPECT_EQ(d.state, DraftState::Reviewing);
  EXPECT_EQ(services::describe(office->next_step(d)), "review by chenzhiyong");
  d = office->review(ref(d), "chenzhiyong", Decision::Approve, "同意");
  EXPECT_EQ(d.state, DraftState::Reviewed);
  const auto reviews = reg().reviews(d.id);
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[0].reviewer, "zhaoli");
  EXPECT_EQ(reviews[0].step, 1);
  EXPECT_EQ(reviews[1].reviewer, "chenzhiyong");
  EXPECT_EQ(reviews[1].step, 2);

  d = office->sign(ref(d), "zhangjianguo", "");
  EXPECT_EQ(d.state, DraftState::Signed);
  const auto so = reg().signoff(d.id);
  ASSERT_TRUE(so);
  EXPECT_EQ(so->signer, "zhangjianguo");
  EXPECT_EQ(so->opinion, "同意印发");
  EXPECT_EQ(so->content_hash, d.content_hash);

  const IssueOutcome out = office->issue(ref(d), "sunxiuying");
  const IssuedRecord& r = out.issued;
  EXPECT_EQ(r.number, "白政发〔2025〕1号");
  EXPECT_EQ(r.code, "白政发");
  EXPECT_EQ(r.year, 2025);
  EXPECT_EQ(r.serial, 1);
  EXPECT_EQ(r.issuer, "白路乡人民政府");
  EXPECT_EQ(r.date, (Date{2025, 6, 2}));
  EXPECT_EQ(r.title, "关于做好秋季森林防火工作的通知");
  EXPECT_EQ(out.document.number, r.number);
  EXPECT_EQ(r.pdf_path, "documents/2025/白政发〔2025〕1号.pdf");
  EXPECT_EQ(r.docx_path, "documents/2025/白政发〔2025〕1号.docx");
  EXPECT_GE(r.pages, 1);
  EXPECT_THAT(r.text, HasSubstr("认真抓好落实"));

  const std::string pdf = read_file(ws->root() / r.pdf_path);
  const std::string docx = read_file(ws->root() / r.docx_path);
  EXPECT_THAT(pdf, StartsWith("%PDF-"));
  EXPECT_THAT(docx, StartsWith("PK"));
  EXPECT_EQ(sha256_hex(pdf), r.pdf_sha256);
  EXPECT_EQ(sha256_hex(docx), r.docx_sha256);
  EXPECT_EQ(files_under(ws->documents_dir()), 4u);  // PDF, DOCX, OFD, 发文稿纸; no temporary files
  EXPECT_EQ(files_under(ws->root() / ".issuing"), 0u);

  const auto stored = reg().issued_by_number("白政发〔2025〕1号");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->pdf_sha256, r.pdf_sha256);
  EXPECT_EQ(stored->draft_id, d.id);

  const auto seals = reg().seal_uses();
  ASSERT_EQ(seals.size(), 1u);
  EXPECT_EQ(seals[0].number, "白政发〔2025〕1号");
  EXPECT_EQ(seals[0].approver, "zhangjianguo");
  EXPECT_EQ(seals[0].keeper, "sunxiuying");
  EXPECT_EQ(seals[0].seal_text, "白路乡人民政府");
  EXPECT_EQ(seals[0].copies, 10);

  const auto numbers = reg().numbers(2025);
  ASSERT_EQ(numbers.size(), 1u);
  EXPECT_EQ(numbers[0].status, "issued");
  EXPECT_EQ(numbers[0].draft_id, d.id);
  EXPECT_EQ(reg().draft(d.id)->state, DraftState::Issued);
  EXPECT_EQ(services::describe(office->next_step(*reg().draft(d.id))), "done");
}

TEST_F(WorkflowTest, UnknownUserIsNotFound) {
  const fs::path file = write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  const std::string before = books();
  EXPECT_EQ(failure_of([&] { office->submit(file, "nobody"); }).code, Code::NotFound);
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().drafts().empty());

  const DraftRecord d = office->submit(file, "wangfang");
  const std::string submitted = books();
  const Error e = failure_of([&] { office->review(ref(d), "nobody", Decision::Approve, ""); });
  EXPECT_EQ(e.code, Code::NotFound);
  EXPECT_THAT(e.message, HasSubstr("nobody"));
  EXPECT_EQ(failure_of([&] { office->review("#999", "zhaoli", Decision::Approve, ""); }).code,
            Code::NotFound);
  EXPECT_EQ(books(), submitted);
}

TEST_F(WorkflowTest, DrafterMayNotReview) {
  const DraftRecord d = office->submit(write_draft("n.toml", notice_toml("关于开展环境整治的通知")),
                                       "wangfang");
  const std::string before = books();
  const Error e = failure_of([&] { office->review(ref(d), "wangfang", Decision::Approve, ""); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("审核人"));
  EXPECT_EQ(books(), before);
  EXPECT_EQ(reg().draft(d.id)->state, DraftState::Submitted);
}

TEST_F(WorkflowTest, ReviewsGoInChainOrder) {
  const DraftRecord d = office->submit(write_draft("n.toml", notice_toml("关于开展环境整治的通知")),
                                       "wangfang");
  const std::string before = books();
  const Error e = failure_of([&] { office->review(ref(d), "chenzhiyong", Decision::Approve, ""); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("zhaoli"));
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().reviews(d.id).empty());
}

TEST_F(WorkflowTest, SignOffNeedsEveryReview) {
  const DraftRecord d = office->submit(write_draft("n.toml", notice_toml("关于开展环境整治的通知")),
                                       "wangfang");
  EXPECT_EQ(failure_of([&] { office->sign(ref(d), "zhangjianguo", ""); }).code, Code::Conflict);
  office->review(ref(d), "zhaoli", Decision::Approve, "");
  const std::string before = books();
  EXPECT_EQ(failure_of([&] { office->sign(ref(d), "zhangjianguo", ""); }).code, Code::Conflict);
  EXPECT_EQ(books(), before);
  EXPECT_FALSE(reg().signoff(d.id));
  EXPECT_EQ(reg().draft(d.id)->state, DraftState::Reviewing);
}

TEST_F(WorkflowTest, SignerMustLeadTheIssuingOrgan) {
  const DraftRecord d = office->submit(write_draft("n.toml", notice_toml("关于开展环境整治的通知")),
                                       "wangfang");
  review_all(d);
  const std::string before = books();
  // 李明华 leads the party committee, not the government that issues this notice.
  const Error e = failure_of([&] { office->sign(ref(d), "liminghua", ""); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("白路乡人民政府"));
  // A reviewer is no signer at all.
  EXPECT_EQ(failure_of([&] { office->sign(ref(d), "chenzhiyong", ""); }).code, Code::Forbidden);
  EXPECT_EQ(books(), before);
  EXPECT_EQ(reg().draft(d.id)->state, DraftState::Reviewed);

  // A joint party–government notice is signed by the party secretary and the 乡长 (会签,
  // issue 14): signed off only when both have signed.
  const DraftRecord joint = office->submit(
      write_draft("j.toml", notice_toml("关于开展联合检查的通知", "2025-06-03", "wangfang",
                                        "[\"party\", \"government\"]")),
      "wangfang");
  review_all(joint);
  EXPECT_EQ(office->sign(ref(joint), "liminghua", "").state, DraftState::Reviewed);
  EXPECT_EQ(office->sign(ref(joint), "zhangjianguo", "").state, DraftState::Signed);
  EXPECT_EQ(office->issue(ref(joint), "sunxiuying").issued.number, "白党发〔2025〕1号");
}

TEST_F(WorkflowTest, UnsignedDraftIsNeverIssued) {
  const DraftRecord d = office->submit(write_draft("n.toml", notice_toml("关于开展环境整治的通知")),
                                       "wangfang");
  review_all(d);
  const std::string before = books();
  const Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("领导未签"));
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().numbers(2025).empty());
  EXPECT_EQ(files_under(ws->documents_dir()), 0u);
}

TEST_F(WorkflowTest, OnlyTheSealKeeperSealsADocument) {
  const DraftRecord d = signed_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  const std::string before = books();
  for (const char* who : {"huanglei", "zhangjianguo", "chenzhiyong"})
    EXPECT_EQ(failure_of([&] { office->issue(ref(d), who); }).code, Code::Forbidden) << who;
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().seal_uses().empty());
  EXPECT_EQ(reg().draft(d.id)->state, DraftState::Signed);

  // An unsealed 纪要 may be issued by the admin, and no seal use is registered for it.
  const DraftRecord m = signed_draft("m.toml", minutes_toml("2025年第31次乡长办公会议"));
  const IssueOutcome out = office->issue(ref(m), "huanglei");
  EXPECT_EQ(out.issued.number, "白政纪〔2025〕1号");
  EXPECT_TRUE(reg().seal_uses().empty());
}

TEST_F(WorkflowTest, UnclearedDrafterMayNotSubmitSecretDraft) {
  const std::string secret = notice_toml("关于做好征兵政治考核工作的通知", "2025-07-20",
                                         "wangfang", "\"government\"",
                                         "secrecy = \"秘密\"\nsecrecy_term = \"1年\"\n");
  const fs::path file = write_draft("secret.toml", secret);
  const std::string before = books();
  const Error e = failure_of([&] { office->submit(file, "wangfang"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("秘密"));
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().drafts().empty());

  // The office director holds 秘密 clearance and may.
  const fs::path ok = write_draft(
      "secret2.toml", notice_toml("关于做好征兵政治考核工作的通知", "2025-07-20", "chenzhiyong",
                                  "\"government\"", "secrecy = \"秘密\"\n"));
  EXPECT_EQ(office->submit(ok, "chenzhiyong").secrecy, Secrecy::Secret);
}

TEST_F(WorkflowTest, SecretDocumentGoesThroughClearedHandsOnly) {
  const std::string text = notice_toml("关于做好征兵政治考核工作的通知", "2025-07-20",
                                       "chenzhiyong", "\"government\"", "secrecy = \"秘密\"\n");
  const DraftRecord d = signed_draft("secret.toml", text, "chenzhiyong");
  const IssueOutcome out = office->issue(ref(d), "sunxiuying");
  EXPECT_EQ(out.issued.secrecy, Secrecy::Secret);
  EXPECT_EQ(out.document.copy_number, "000001");
  EXPECT_EQ(reg().seal_uses().at(0).copies, 10);

  // An unsealed secret 纪要: the admin could issue an unsealed document, but is not cleared.
  std::string minutes = minutes_toml("2025年第32次乡长办公会议");
  minutes.replace(minutes.find("drafter = \"wangfang\""), 20,
                  "drafter = \"chenzhiyong\"\nsecrecy = \"秘密\"");
  const DraftRecord m = signed_draft("m.toml", minutes, "chenzhiyong");
  const std::string before = books();
  const Error e = failure_of([&] { office->issue(ref(m), "huanglei"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_THAT(e.message, HasSubstr("秘密"));
  EXPECT_EQ(books(), before);
}

TEST_F(WorkflowTest, EditAfterSignOffBlocksIssue) {
  const DraftRecord d = signed_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  write_draft("n.toml", notice_toml("关于开展环境卫生整治的通知"));  // edited after sign-off
  const std::string before = books();
  const Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Conflict);
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().numbers(2025).empty());
  EXPECT_TRUE(reg().issued().empty());
  EXPECT_EQ(files_under(ws->documents_dir()), 0u);

  // Putting the signed text back lets it through with the first number: none was used up.
  write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  EXPECT_EQ(office->issue(ref(d), "sunxiuying").issued.number, "白政发〔2025〕1号");
}

TEST_F(WorkflowTest, EditAfterReviewStartsTheChainAgain) {
  const fs::path file = write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  const DraftRecord d = office->submit(file, "wangfang");
  office->review(ref(d), "zhaoli", Decision::Approve, "");
  write_draft("n.toml", notice_toml("关于开展人居环境整治的通知"));

  // The edited text is not what was submitted: the next reviewer may not pass it.
  EXPECT_EQ(failure_of([&] { office->review(ref(d), "chenzhiyong", Decision::Approve, ""); }).code,
            Code::Conflict);

  const DraftRecord again = office->submit(file, "wangfang");
  EXPECT_EQ(again.id, d.id);
  EXPECT_EQ(again.round, 2);
  EXPECT_EQ(again.state, DraftState::Submitted);
  EXPECT_EQ(again.title, "关于开展人居环境整治的通知");
  EXPECT_NE(again.content_hash, d.content_hash);
  EXPECT_EQ(services::describe(office->next_step(again)), "review by zhaoli");
  // zhaoli's round-1 approval no longer counts.
  EXPECT_EQ(failure_of([&] { office->review(ref(d), "chenzhiyong", Decision::Approve, ""); }).code,
            Code::Forbidden);
  // Unchanged resubmission is refused.
  EXPECT_EQ(failure_of([&] { office->submit(file, "wangfang"); }).code, Code::Conflict);

  review_all(again);
  const auto reviews = reg().reviews(d.id);
  ASSERT_EQ(reviews.size(), 3u);
  EXPECT_EQ(reviews[1].round, 2);
  EXPECT_EQ(reviews[1].step, 1);
  EXPECT_EQ(reviews[2].step, 2);
  office->sign(ref(d), "zhangjianguo", "");
  EXPECT_EQ(reg().signoff(d.id)->round, 2);
  EXPECT_EQ(office->issue(ref(d), "sunxiuying").issued.title, "关于开展人居环境整治的通知");
}

TEST_F(WorkflowTest, ReturnNeedsAnOpinionAndSendsTheDraftBack) {
  const fs::path file = write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  const DraftRecord d = office->submit(file, "wangfang");
  const std::string before = books();
  EXPECT_EQ(failure_of([&] { office->review(ref(d), "zhaoli", Decision::Return, ""); }).code,
            Code::BadInput);
  EXPECT_EQ(books(), before);

  const DraftRecord back = office->review(ref(d), "zhaoli", Decision::Return, "请补充工作时限");
  EXPECT_EQ(back.state, DraftState::Returned);
  EXPECT_EQ(reg().draft(d.id)->state, DraftState::Returned);
  EXPECT_EQ(reg().reviews(d.id).back().opinion, "请补充工作时限");
  EXPECT_EQ(reg().reviews(d.id).back().decision, Decision::Return);
  EXPECT_EQ(services::describe(office->next_step(back)), "revise and resubmit by wangfang");
  EXPECT_EQ(failure_of([&] { office->review(ref(d), "chenzhiyong", Decision::Approve, ""); }).code,
            Code::Conflict);
  EXPECT_EQ(failure_of([&] { office->sign(ref(d), "zhangjianguo", ""); }).code, Code::Conflict);

  const DraftRecord resubmitted = office->submit(file, "wangfang");
  EXPECT_EQ(resubmitted.round, 2);
  EXPECT_EQ(resubmitted.state, DraftState::Submitted);
}

TEST_F(WorkflowTest, SubmitAsSomeoneElseThanTheNamedDrafter) {
  const fs::path file = write_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  EXPECT_EQ(failure_of([&] { office->submit(file, "liuyang"); }).code, Code::Forbidden);
  EXPECT_EQ(failure_of([&] { office->submit(tmp / "missing.toml", "wangfang"); }).code,
            Code::NotFound);
  EXPECT_TRUE(reg().drafts().empty());
}

TEST_F(WorkflowTest, IssuingTwiceIsAConflictAndKeepsTheNumber) {
  const DraftRecord d = signed_draft("n.toml", notice_toml("关于开展环境整治的通知"));
  office->issue(ref(d), "sunxiuying");
  const std::string before = books();
  // error.hpp: Conflict = "state does not allow the step (already issued …)".
  const Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Conflict) << e.message;
  EXPECT_EQ(books(), before);
  EXPECT_EQ(reg().numbers(2025).size(), 1u);
}

}  // namespace
}  // namespace gongwen::archive::test
