// 份号: a secret document is issued as its 印数 numbered copies, each its own signed PDF and
// sealed OFD, all registered; the master copy stays the registered document.
#include <gmock/gmock.h>

#include "office_fixture.hpp"
#include "gongwen/archive/audit_check.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/pipeline/sign.hpp"
#include "gongwen/services/documents.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

class CopiesTest : public OfficeTest {};

std::string secret_notice(int copies) {
  std::string t = notice_toml("关于做好征兵政治考核工作的通知", "2025-07-20", "chenzhiyong",
                              "\"government\"", "secrecy = \"秘密\"\n");
  t.replace(t.find("copies = 10"), 11, "copies = " + std::to_string(copies));
  return t;
}

TEST_F(CopiesTest, EverySecretCopyIsNumberedSignedAndRegistered) {
  const DraftRecord d = signed_draft("secret.toml", secret_notice(3), "chenzhiyong");
  const IssueOutcome out = office->issue(ref(d), "sunxiuying");
  const auto copies = reg().copies(out.issued.number);
  ASSERT_EQ(copies.size(), 3u);
  std::set<std::string> hashes;
  for (int k = 0; k < 3; ++k) {
    const std::string no = "00000" + std::to_string(k + 1);
    EXPECT_EQ(copies[k].copy_number, no);
    EXPECT_EQ(copies[k].path, "documents/2025/白政发〔2025〕1号/份号-" + no + ".pdf");
    const std::string bytes = read_file(ws->root() / copies[k].path);
    EXPECT_EQ(sha256_hex(bytes), copies[k].sha256);
    const auto v = verify_pdf_signature(bytes);
    EXPECT_TRUE(v.valid()) << v.message;
    EXPECT_TRUE(v.whole_document);
    hashes.insert(copies[k].sha256);
  }
  EXPECT_EQ(hashes.size(), 3u) << "each copy carries its own 份号, so each file differs";
  // The master stays the registered document (份号 000001), copies beside it.
  EXPECT_EQ(out.issued.pdf_path, "documents/2025/白政发〔2025〕1号.pdf");
  EXPECT_EQ(out.document.copy_number, "000001");
  EXPECT_EQ(sha256_hex(read_file(ws->root() / out.issued.pdf_path)), out.issued.pdf_sha256);
  EXPECT_FALSE(fs::exists(ws->root() / ".issuing" / "documents" / "2025" / "白政发〔2025〕1号.pdf"));
}

TEST_F(CopiesTest, EachCopysOfdIsRegisteredBesideItsPdfAndSealed) {
  const DraftRecord d = signed_draft("secret.toml", secret_notice(2), "chenzhiyong");
  const IssueOutcome out = office->issue(ref(d), "sunxiuying");
  const auto copies = reg().copies(out.issued.number);
  ASSERT_EQ(copies.size(), 2u);
  std::set<std::string> hashes;
  for (const auto& c : copies) {
    EXPECT_EQ(c.ofd_path, "documents/2025/白政发〔2025〕1号/份号-" + c.copy_number + ".ofd");
    const std::string bytes = read_file(ws->root() / c.ofd_path);
    EXPECT_EQ(sha256_hex(bytes), c.ofd_sha256);
    const OfdVerifyReport v = verify_ofd(bytes);
    EXPECT_TRUE(v.ok()) << (v.problems.empty() ? "" : v.problems.front());
    hashes.insert(c.ofd_sha256);
    // Known by its path, as the copy's PDF is; another file at that path is named as swapped.
    const auto id = services::identify_file(*ws, ws->root() / c.ofd_path, c.ofd_sha256);
    EXPECT_EQ(id.number, out.issued.number + " 份号 " + c.copy_number + " (OFD)");
    EXPECT_TRUE(id.by_path);
    const Error e = failure_of([&] { services::identify_file(*ws, ws->root() / c.ofd_path, std::string(64, '0')); });
    EXPECT_EQ(e.code, Code::Conflict);
  }
  EXPECT_EQ(hashes.size(), 2u) << "each copy's OFD carries its own 份号";
  // The registered document is 份号 000001: its OFD is that copy's, byte for byte.
  EXPECT_EQ(copies[0].ofd_sha256, out.issued.ofd_sha256);
  // The copies book is sealed history: the audit log's digests cover the new columns.
  const AuditReport audit = check_audit(*ws);
  EXPECT_TRUE(audit.ok()) << (audit.problems.empty() ? "" : audit.problems.front());
}

TEST_F(CopiesTest, OrdinaryDocumentHasNoNumberedCopies) {
  const IssueOutcome out = issue_new("n.toml", notice_toml("关于开展环境整治的通知"));
  EXPECT_TRUE(reg().copies(out.issued.number).empty());
  EXPECT_FALSE(fs::exists(ws->documents_dir() / "2025" / out.issued.number));
  EXPECT_EQ(out.document.copy_number, "");
}

TEST_F(CopiesTest, AFailedIssueLeavesNoCopyBehind) {
  const DraftRecord d = signed_draft("secret.toml", secret_notice(2), "chenzhiyong");
  // No signing key: refused before the number is taken; nothing is written or registered.
  fs::remove_all(ws->keys_dir());
  const std::string before = books();
  const Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::NotFound);
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(reg().copies("白政发〔2025〕1号").empty());
  EXPECT_EQ(files_under(ws->root() / ".issuing"), 0u);
}

TEST_F(CopiesTest, StagedFilesOfAKilledIssueAreFinishedOrRemoved) {
  const IssueOutcome out = issue_new("n.toml", notice_toml("关于开展环境整治的通知"));
  // As if killed after the commit (file still staged) and before it (an unregistered file).
  const fs::path staged = ws->root() / ".issuing" / out.issued.sheet_path;
  fs::create_directories(staged.parent_path());
  fs::rename(ws->root() / out.issued.sheet_path, staged);
  const fs::path stray = ws->root() / ".issuing/documents/2025/白政发〔2025〕9号.pdf";
  write_file_atomic(stray, "half");
  office->recover_staged();
  EXPECT_TRUE(fs::exists(ws->root() / out.issued.sheet_path));
  EXPECT_EQ(sha256_hex(read_file(ws->root() / out.issued.sheet_path)), out.issued.sheet_sha256);
  EXPECT_FALSE(fs::exists(stray));
  EXPECT_FALSE(fs::exists(ws->documents_dir() / "2025" / "白政发〔2025〕9号.pdf"));
}

// The OFDs too: a kill after the commit leaves them staged, and they are registered files.
TEST_F(CopiesTest, StagedOfdsOfAKilledIssueAreFinishedNotDeleted) {
  const DraftRecord d = signed_draft("secret.toml", secret_notice(1), "chenzhiyong");
  const IssueOutcome out = office->issue(ref(d), "sunxiuying");
  const auto copies = reg().copies(out.issued.number);
  ASSERT_EQ(copies.size(), 1u);
  const std::vector<std::pair<std::string, std::string>> files{{out.issued.ofd_path, out.issued.ofd_sha256},
                                                               {copies[0].ofd_path, copies[0].ofd_sha256}};
  for (const auto& [rel, sha] : files) {
    const fs::path staged = ws->root() / ".issuing" / rel;
    fs::create_directories(staged.parent_path());
    fs::rename(ws->root() / rel, staged);
  }
  office->recover_staged();
  for (const auto& [rel, sha] : files) {
    ASSERT_TRUE(fs::exists(ws->root() / rel)) << rel;
    EXPECT_EQ(sha256_hex(read_file(ws->root() / rel)), sha) << rel;
  }
}

}  // namespace
}  // namespace gongwen::archive::test
