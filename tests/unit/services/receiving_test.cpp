// 收文: registration with the 文件处理签, circulation and the overdue list, 清退 of secret
// copies blocking the filing, received documents filed with the year, and every refusal.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include "office_fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/receiving.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class ReceivingTest : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    const auto out = issue_new("letter.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"), "liuyang");
    // An incoming PDF: any real PDF serves; copy it outside the workspace.
    incoming = tmp / "incoming.pdf";
    fs::copy_file(ws->root() / out.issued.pdf_path, incoming);
    rec = std::make_unique<Receiving>(*ws, clock);
  }
  ReceiveInput input(const std::string& secrecy = "") {
    ReceiveInput in;
    in.file = incoming;
    in.sender = "县人民政府办公室";
    in.their_number = "县政办发〔2025〕12号";
    in.title = "关于做好秋冬季森林防火工作的通知";
    in.kind = "通知";
    in.date = "2025-10-08";
    in.secrecy = secrecy;
    in.copies = secrecy.empty() ? 1 : 2;
    in.copy_numbers = secrecy.empty() ? "" : "003-004";
    in.text = "森林防火";
    return in;
  }
  fs::path incoming;
  std::unique_ptr<Receiving> rec;
};

TEST_F(ReceivingTest, RegistersWithSerialStoredFileAndProcessingSlip) {
  const ReceivedRecord a = rec->receive(input(), "sunxiuying");
  const ReceivedRecord b = rec->receive(input(), "sunxiuying");
  EXPECT_EQ(a.registration(), "收〔2025〕1号");
  EXPECT_EQ(b.registration(), "收〔2025〕2号");
  EXPECT_EQ(a.format, "PDF");
  EXPECT_EQ(a.signed_by, "孙秀英");
  EXPECT_EQ(sha256_hex(read_file(ws->root() / a.file_path)), sha256_hex(read_file(incoming)));
  const std::string slip = read_file(ws->root() / a.slip_path);
  std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(slip.data(), slip.size()));
  ASSERT_TRUE(d);
  std::unique_ptr<poppler::page> p(d->create_page(0));
  const auto t = p->text().to_utf8();
  const std::string text(t.begin(), t.end());
  for (const char* want : {"文件处理签", "收〔2025〕1号", "县人民政府办公室", "拟办意见", "领导批示"})
    EXPECT_THAT(text, HasSubstr(want));
  rec->set_handling(a.id, "请张乡长阅示", "同意，请各村落实", "chenzhiyong");
  EXPECT_EQ(rec->get(a.id)->instruction, "同意，请各村落实");
  EXPECT_EQ(reg().audit_log().back().action, "receive-handling");
}

TEST_F(ReceivingTest, RefusalsChangeNothing) {
  auto in = input();
  in.date = "2025-02-30";
  EXPECT_EQ(failure_of([&] { rec->receive(in, "sunxiuying"); }).code, Code::BadInput);
  EXPECT_EQ(failure_of([&] { rec->receive(input(), "wangfang"); }).code, Code::Forbidden);
  EXPECT_EQ(failure_of([&] { rec->receive(input("机密"), "sunxiuying"); }).code, Code::Forbidden);  // clearance
  auto no_copies = input("秘密");
  no_copies.copy_numbers = "";
  EXPECT_EQ(failure_of([&] { rec->receive(no_copies, "sunxiuying"); }).code, Code::BadInput);
  auto text = input();
  text.file = tmp / "note.txt";
  write_file_atomic(text.file, "hello");
  EXPECT_EQ(failure_of([&] { rec->receive(text, "sunxiuying"); }).code, Code::BadInput);
  EXPECT_THAT(rec->list(), IsEmpty());
  EXPECT_FALSE(fs::exists(ws->documents_dir() / "received"));
}

// One secrecy table: 非密 and 无 are the open level (kept as "", so they neither block the
// filing nor need 清退); a name that is no 密级 is refused before anything is written.
TEST_F(ReceivingTest, OpenLevelNamesAreTheOpenLevelAndUnknownOnesAreRefused) {
  const ReceivedRecord a = rec->receive(input("非密"), "sunxiuying");
  const ReceivedRecord b = rec->receive(input("无"), "sunxiuying");
  EXPECT_EQ(a.secrecy, Secrecy::None);
  EXPECT_EQ(rec->get(b.id)->secrecy, Secrecy::None);
  EXPECT_THAT(filing_blockers(*ws, 2025), IsEmpty());
  EXPECT_EQ(failure_of([&] { rec->clear_secret(a.id, "sunxiuying"); }).code, Code::Conflict);  // not secret
  const Error unknown = failure_of([&] { rec->receive(input("内部"), "sunxiuying"); });
  EXPECT_EQ(unknown.code, Code::BadInput);
  EXPECT_THAT(unknown.message, HasSubstr("内部"));
  EXPECT_EQ(rec->list().size(), 2u);
}

TEST_F(ReceivingTest, CirculationIsTrackedAndOverdueListed) {
  const ReceivedRecord a = rec->receive(input(), "sunxiuying");
  rec->circulate(a.id, "zhangjianguo", 3, "sunxiuying");
  rec->circulate(a.id, "chenzhiyong", 10, "sunxiuying");
  EXPECT_EQ(failure_of([&] { rec->circulate(a.id, "nobody", 3, "sunxiuying"); }).code, Code::NotFound);
  rec->mark_read(a.id, "zhangjianguo", "sunxiuying");
  // The printed 文件处理签 lists the circulation as it stands, readers by name.
  {
    const std::string slip = read_file(ws->root() / a.slip_path);
    std::unique_ptr<poppler::document> d(poppler::document::load_from_raw_data(slip.data(), slip.size()));
    ASSERT_TRUE(d);
    const auto t = std::unique_ptr<poppler::page>(d->create_page(0))->text().to_utf8();
    const std::string text(t.begin(), t.end());
    EXPECT_THAT(text, HasSubstr("张建国"));
    EXPECT_THAT(text, HasSubstr("陈志勇"));
    EXPECT_THAT(text, HasSubstr("阅毕 2025-12-30"));
  }
  const auto c = rec->circulation(a.id);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].due, (Date{2026, 1, 2}));  // 2025-12-30 + 3
  EXPECT_FALSE(c[1].read_at.empty());
  // Five days later: the 3-day reader is 2 days late, the 10-day one is not.
  FixedClock later(Instant{kDec30_2025 + 5 * 86400, 8 * 60});
  Receiving rec2(*ws, later);
  const auto late = rec2.overdue();
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].person, "zhangjianguo");
  EXPECT_EQ(late[0].days_late, 2);
  // Still out: the year cannot be filed.
  EXPECT_THAT(filing_blockers(*ws, 2025), Contains(HasSubstr("still in circulation with zhangjianguo")));
  rec->mark_returned(a.id, "zhangjianguo", "sunxiuying");
  rec->mark_returned(a.id, "chenzhiyong", "sunxiuying");
  EXPECT_EQ(failure_of([&] { rec->mark_returned(a.id, "chenzhiyong", "sunxiuying"); }).code, Code::Conflict);
  EXPECT_THAT(rec2.overdue(), IsEmpty());
  EXPECT_THAT(filing_blockers(*ws, 2025), IsEmpty());
}

TEST_F(ReceivingTest, UnreturnedSecretCopyBlocksFilingUntilCleared) {
  const ReceivedRecord s = rec->receive(input("秘密"), "sunxiuying");
  const auto blockers = filing_blockers(*ws, 2025);
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_THAT(blockers[0], HasSubstr("收〔2025〕1号"));
  EXPECT_THAT(blockers[0], HasSubstr("003-004"));
  EXPECT_EQ(failure_of([&] { file_year(*ws, 2025, clock, "zhouhong"); }).code, Code::Conflict);
  rec->clear_secret(s.id, "sunxiuying");
  EXPECT_EQ(failure_of([&] { rec->clear_secret(s.id, "sunxiuying"); }).code, Code::Conflict);
  EXPECT_THAT(filing_blockers(*ws, 2025), IsEmpty());
  const auto r = file_year(*ws, 2025, clock, "zhouhong");
  // The returned secret document is not kept; the 备考表 says so.
  EXPECT_EQ(r.items.size(), 1u);
  EXPECT_THAT(read_file(ws->archive_dir() / "2025" / "data" / "备考表.txt"), HasSubstr("收〔2025〕1号（秘密，份号 003-004）已于 2025-12-30 清退"));
}

TEST_F(ReceivingTest, ReceivedDocumentsAreFiledWithTheYearAndTheYearThenLocks) {
  rec->receive(input(), "sunxiuying");
  auto docx = input();
  docx.file = tmp / "incoming.docx";
  fs::copy_file(ws->root() / reg().issued().front().docx_path, docx.file);
  docx.sender = "县交通运输局";
  docx.their_number = "县交函〔2025〕3号";
  docx.kind = "函";
  rec->receive(docx, "sunxiuying");
  const auto plan = filing_plan(*ws, 2025);
  ASSERT_EQ(plan.size(), 3u);
  int received = 0;
  for (const auto& p : plan)
    if (p.origin == "收文") {
      ++received;
      // 县人民政府 → 定期30年 (收文 rule); a 函 → 定期10年.
      EXPECT_EQ(p.retention, p.author == "县人民政府办公室" ? "定期30年" : "定期10年") << p.title;
    }
  EXPECT_EQ(received, 2);
  const auto r = file_year(*ws, 2025, clock, "zhouhong");
  ASSERT_EQ(r.items.size(), 3u);
  bool docx_kept = false;
  for (const auto& f : r.items) docx_kept |= f.path.ends_with(".docx");
  EXPECT_TRUE(docx_kept);
  const std::string csv = read_file(ws->archive_dir() / "2025" / "data" / "归档文件目录.csv");
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");  // the BOM Excel needs to read UTF-8
  EXPECT_THAT(csv, HasSubstr(",县政办发〔2025〕12号,县人民政府办公室,关于做好秋冬季森林防火工作的通知,20251008,"));
  // Each 来文 is filed with its 文件处理签 beside it (<档号>.文件处理签.pdf).
  int slips = 0;
  for (const auto& f : r.items)
    slips += fs::exists(ws->archive_dir() / "2025" / "data" / "documents" / (f.archive_code + ".文件处理签.pdf"));
  EXPECT_EQ(slips, 2);
  EXPECT_TRUE(verify_year(*ws, 2025).ok());
  // Locked: a late receipt dated 2025 is refused.
  EXPECT_EQ(failure_of([&] { rec->receive(input(), "sunxiuying"); }).code, Code::Conflict);
}

}  // namespace
}  // namespace gongwen::archive::test
