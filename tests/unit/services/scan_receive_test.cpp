// Receiving a scan (issue 19): an image-only PDF of a letter we issued is recognised, its fields
// proposed and the clerk's corrections kept in the row and the audit log, the working copy
// stored beside the original; a blank scan is registered with no text and a warning; a
// decompression bomb is refused with nothing registered and no file left.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gongwen/archive/receiving.hpp"
#include "gongwen/services/workflows.hpp"
#include "scan_material.hpp"
#include "workflows_fixture.hpp"

namespace gongwen::services::test {
namespace {

using namespace gongwen::archive::test;
using archive::read_file;
using archive::write_file_atomic;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

class ScanReceiveTest : public WorkflowsFixture {
 protected:
  fs::path scan_of(const archive::IssuedRecord& issued) {
    const std::string pdf = read_file(ws->root() / issued.pdf_path);
    std::vector<std::string> pages;
    for (int p = 0; p < material::page_count(pdf); ++p)
      pages.push_back(material::scan_page(pdf, p, material::Variant::Colour300, 1));
    const fs::path file = tmp / "扫描件.pdf";
    write_file_atomic(file, material::image_pdf(pages, 300));
    return file;
  }
  std::size_t received_files() {
    std::size_t n = 0;
    const fs::path dir = ws->documents_dir() / "received";
    if (!fs::exists(dir)) return 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file();
    return n;
  }
};

TEST_F(ScanReceiveTest, AScannedLetterIsRecognisedProposedCorrectedAndKept) {
  const auto d = signed_draft("a.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"), "liuyang");
  const auto issued = flows->issue(ref(d), "sunxiuying").issued;
  archive::ReceiveInput in;
  in.file = scan_of(issued);
  int progress_calls = 0;
  ScanHooks hooks;
  hooks.progress = [&](int page, int pages) {
    ++progress_calls;
    EXPECT_LE(page, pages);
  };
  search::ProposedFields seen;
  hooks.confirm = [&](const search::ProposedFields& p, archive::ReceiveInput& fields) {
    seen = p;
    fields.title = "关于商请支持道路交通安全设施建设的函（更正）";  // the clerk corrects one field
  };
  const ReceiveResult got = flows->receive(in, "sunxiuying", hooks);
  EXPECT_GE(progress_calls, 1);
  EXPECT_EQ(seen.number, issued.number);
  EXPECT_EQ(seen.date, "2025-05-20");
  const auto& r = got.received;
  EXPECT_EQ(r.their_number, issued.number);
  EXPECT_EQ(r.title, "关于商请支持道路交通安全设施建设的函（更正）");
  EXPECT_THAT(r.ocr_source, HasSubstr("ocr:"));
  EXPECT_THAT(r.ocr_corrections, HasSubstr("标题\t"));
  EXPECT_THAT(r.text, HasSubstr("道路交通安全"));
  EXPECT_TRUE(fs::exists(ws->root() / r.ocr_copy_path));
  EXPECT_EQ(read_file(ws->root() / r.file_path), read_file(in.file));  // the scan as received
  // The row as stored, and the audit entry.
  archive::Receiving rec(*ws, clock);
  const auto row = rec.get(r.id);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->ocr_source, r.ocr_source);
  EXPECT_EQ(row->ocr_corrections, r.ocr_corrections);
  bool audited = false;
  for (const auto& e : reg().audit_log())
    audited = audited || (e.action == "receive" && e.detail.find("corrected 标题:") != std::string::npos);
  EXPECT_TRUE(audited);
}

TEST_F(ScanReceiveTest, ABlankScanIsRegisteredWithNoTextAndAWarning) {
  archive::ReceiveInput in;
  in.file = tmp / "空白.png";
  write_file_atomic(in.file, material::blank_page_png());
  in.sender = "县人民政府办公室";
  in.title = "空白扫描件";
  in.date = "2025-10-08";
  const ReceiveResult got = flows->receive(in, "sunxiuying");
  EXPECT_EQ(got.received.format, "PNG");
  EXPECT_EQ(got.received.text.find_first_not_of("\n"), std::string::npos);
  ASSERT_EQ(got.ocr_warnings.size(), 1u);
  EXPECT_EQ(got.received.ocr_source, "ocr:0");
}

TEST_F(ScanReceiveTest, ABombIsRefusedAndNothingIsRegistered) {
  // A PNG whose header says 20000 × 20000, and a file that is no image at all.
  std::string bomb = read_file(fs::path(GONGWEN_SOURCE_DIR) / "tests/fuzz/corpus/scan_image_fuzz/bomb.png");
  archive::ReceiveInput in;
  in.file = tmp / "bomb.png";
  write_file_atomic(in.file, bomb);
  in.sender = "县人民政府办公室";
  in.title = "炸弹";
  in.date = "2025-10-08";
  const Error e = failure_of([&] { flows->receive(in, "sunxiuying"); });
  EXPECT_EQ(e.code, Code::BadInput);
  EXPECT_THAT(e.message, HasSubstr("20000"));
  archive::Receiving rec(*ws, clock);
  EXPECT_TRUE(rec.list().empty());
  EXPECT_EQ(received_files(), 0u);
}

}  // namespace
}  // namespace gongwen::services::test
