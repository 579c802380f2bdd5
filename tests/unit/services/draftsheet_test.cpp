// 发文稿纸: issuing writes the one-page handling record beside the document, registered with
// its SHA-256 in the `issued` row (sheet_path, sheet_sha256) so the filing code files it.
#include <gmock/gmock.h>

#include <cstdio>

#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

std::string pdftotext(const fs::path& pdf) {
  std::string out;
  if (FILE* p = ::popen(("pdftotext -layout '" + pdf.string() + "' - 2>&1").c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

class DraftSheetTest : public OfficeTest {};

TEST_F(DraftSheetTest, IssueWritesAndRegistersTheSheet) {
  const std::string text = notice_toml("关于开展环境整治的通知", "2025-06-02", "wangfang", "\"government\"",
                                       "copies_to = \"县生态环境局\"\n");
  const IssueOutcome out = issue_new("n.toml", text);
  EXPECT_EQ(out.issued.sheet_path, "documents/2025/白政发〔2025〕1号.发文稿纸.pdf");
  const fs::path sheet = ws->root() / out.issued.sheet_path;
  ASSERT_TRUE(fs::exists(sheet));
  EXPECT_EQ(sha256_hex(read_file(sheet)), out.issued.sheet_sha256);
  EXPECT_EQ(reg().issued_by_number("白政发〔2025〕1号")->sheet_sha256, out.issued.sheet_sha256);

  const std::string t = pdftotext(sheet);
  EXPECT_EQ(std::count(t.begin(), t.end(), '\f'), 1) << "one page";
  for (const char* want : {"白路乡人民政府发文稿纸", "关于开展环境整治的通知", "白政发〔2025〕1号", "王芳",
                           "赵丽", "陈志勇", "张建国", "同意印发", "各村民委员会", "10份", "县生态环境局"})
    EXPECT_THAT(t, HasSubstr(want)) << t;
}

TEST_F(DraftSheetTest, SecretSheetShowsTheSecrecy) {
  const std::string text = notice_toml("关于做好征兵政治考核工作的通知", "2025-07-20", "chenzhiyong",
                                       "\"government\"", "secrecy = \"秘密\"\n");
  const DraftRecord d = signed_draft("s.toml", text, "chenzhiyong");
  const IssueOutcome out = office->issue(ref(d), "sunxiuying");
  const std::string t = pdftotext(ws->root() / out.issued.sheet_path);
  EXPECT_THAT(t, HasSubstr("秘密"));
  EXPECT_THAT(t, HasSubstr("陈志勇"));
}

}  // namespace
}  // namespace gongwen::archive::test
