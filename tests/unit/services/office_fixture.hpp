#pragma once
// The archive fixture with the office's workflow on top: the books are filled the way the
// office fills them (submit → review → sign → issue), so these tests live with the services
// that own that workflow, and the archive's own tests need no upward link.
#include <memory>
#include <string>

#include "archive/fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/services/office.hpp"

namespace gongwen::archive::test {

using services::document_fingerprint;
using services::IssueOutcome;
using services::Office;

class OfficeTest : public ArchiveTest {
 protected:
  void SetUp() override {
    ArchiveTest::SetUp();
    if (HasFatalFailure()) return;
    office = std::make_unique<Office>(*ws, clock);
  }

  void TearDown() override {
    office.reset();
    ArchiveTest::TearDown();
  }

  static std::string ref(const DraftRecord& d) { return "#" + std::to_string(d.id); }

  DraftRecord review_all(const DraftRecord& d) {
    office->review(ref(d), "zhaoli", Decision::Approve, "");
    return office->review(ref(d), "chenzhiyong", Decision::Approve, "");
  }

  // submit → review (zhaoli, chenzhiyong) → sign, ready for the seal keeper.
  DraftRecord signed_draft(const std::string& name, const std::string& text,
                           const std::string& drafter = "wangfang",
                           const std::string& signer = "zhangjianguo") {
    const DraftRecord d = office->submit(write_draft(name, text), drafter);
    review_all(d);
    return office->sign(ref(d), signer, "同意印发");
  }

  IssueOutcome issue_new(const std::string& name, const std::string& text,
                         const std::string& drafter = "wangfang") {
    const DraftRecord d = signed_draft(name, text, drafter);
    return office->issue(ref(d), "sunxiuying");
  }

  // The 2025 documents the filing tests start from: a 纪要 (白政纪〔2025〕1号) and a 函.
  void issue_minutes_and_letter() {
    issue_new("minutes.toml", minutes_toml("2025年第31次乡长办公会议"));
    issue_new("letter-a.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"), "liuyang");
  }

  std::unique_ptr<Office> office;
};

// The failures of a 四性检测 report, a line each ("aspect file: problem"): what tests match on.
inline std::string failures_text(const VerifyReport& r) {
  std::string s;
  for (const auto& f : r.failures) s += f.aspect + " " + f.file + ": " + f.problem + "\n";
  return s;
}

}  // namespace gongwen::archive::test
