#pragma once
// The archive fixture with the office's workflow on top: the books are filled the way the
// office fills them (submit → review → sign → issue), so these tests live with the services
// that own that workflow, and the archive's own tests need no upward link.
#include <memory>
#include <string>

#include "archive/fixture.hpp"
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

  std::unique_ptr<Office> office;
};

}  // namespace gongwen::archive::test
