#pragma once
// Every workflow of the office, once, for every front end: the command line and the web desk
// parse their input, call one of these and present the result. Each step checks what the
// books demand (archive/), keeps the search index in step with the registers (issue and
// receive index the document; filing and correcting re-index what changed, issued and received
// alike) and returns what comes next as data (NextStep).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/filing_correct.hpp"
#include "gongwen/archive/lending.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "gongwen/services/next_step.hpp"
#include "gongwen/services/office.hpp"
#include "gongwen/services/progress.hpp"
#include "gongwen/search/scan_fields.hpp"
#include <functional>

namespace gongwen::services {

struct DraftStep {
  archive::DraftRecord draft;
  NextStep next;
};

struct IssueResult {
  archive::IssuedRecord issued;
  std::vector<archive::CopyRecord> copies;  // 份号 of a secret document, else empty
  std::vector<std::string> warnings;        // from the writers (font stand-ins …)
  // Set when the document is issued and registered but the index could not take it (the
  // index lags until `gongwen search reindex`); the issue itself stands.
  std::string index_problem;
  NextStep next;
};

struct ReceiveResult {
  archive::ReceivedRecord received;
  std::string index_problem;  // as for IssueResult
  // A received OFD's electronic seals (GB/T 38540), one line each: "有效：…" or the problem;
  // empty for other formats. Kept in the register as received.seal_check (seal_check.hpp).
  std::vector<std::string> seal_checks;
  NextStep next;
  // A scan (issue 19): pages recognised, their mean confidence, the fields proposed from page 1,
  // what the clerk changed ("字段\tproposed\tfinal" lines), warnings (a blank scan).
  int ocr_pages = 0, ocr_confidence = 0;
  search::ProposedFields proposed;
  std::string corrections;
  std::vector<std::string> ocr_warnings;
};

// How a front end takes part in receiving a scan: progress per page, and the clerk's turn to
// confirm or correct the proposed fields (edits `in`, which already holds the clerk's flags and
// the proposals for what the flags left empty).
struct ScanHooks {
  std::function<void(int page, int pages)> progress;
  std::function<void(const search::ProposedFields& proposed, archive::ReceiveInput& in)> confirm;
};

struct FileResult {
  archive::FilingResult filing;
  std::size_t reindexed = 0;  // issued and received documents of the year, now with 档号
  NextStep next;
};

struct CorrectResult {
  archive::CorrectionRecord correction;
  std::size_t reindexed = 0;
  NextStep next;
};

struct LoanResult {
  archive::LoanRecord loan;
  NextStep next;
};

class Workflows {
 public:
  Workflows(archive::Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock), m_office(ws, clock) {}

  // Outgoing documents (分文处理制度).
  DraftStep submit(const std::filesystem::path& draft_file, const std::string& user);
  DraftStep review(const std::string& ref, const std::string& user, archive::Decision decision,
                   const std::string& opinion);
  DraftStep sign(const std::string& ref, const std::string& user, const std::string& opinion);
  // Number, seal, render, register, then index: searchable when this returns.
  IssueResult issue(const std::string& ref, const std::string& user);
  // Several drafts (`gongwen issue #1 #2 …`), each in its own transaction as issue() does,
  // then one index commit for all of them: searchable when this returns. A refusal stops
  // the batch after what was issued before it (which stays issued and is indexed).
  std::vector<IssueResult> issue_all(const std::vector<std::string>& refs, const std::string& user);
  archive::NumberRecord void_number(const std::string& number, const std::string& user,
                                    const std::string& reason);
  NextStep next_step(const archive::DraftRecord& d) { return m_office.next_step(d); }

  // Incoming documents: register (the text is extracted from the file when `in.text` is
  // empty), then index; circulating re-indexes it, so the new reader may find it.
  // A scan (an image, or a PDF with pages without text) is recognised first (search/ocr.hpp)
  // and its fields proposed; nothing is registered when the scan is refused.
  ReceiveResult receive(archive::ReceiveInput in, const std::string& user, const ScanHooks& hooks = {});
  void circulate(std::int64_t id, const std::string& person, int days, const std::string& user);

  // Year-end filing, then the year's issued and received documents re-indexed with their
  // 档号 and 保管期限. Progress: "staging" per 件, "indexing" per document, then "done".
  // A year that has not ended by the clock's date is refused unless `confirm_open_year`:
  // filing locks it, so nothing dated in that year can be issued or received afterwards.
  FileResult file_year(int year, const std::string& user, const archive::RetentionOverrides& overrides = {},
                       const ProgressFn& progress = {}, bool confirm_open_year = false);
  // A correction of a filed 件 (a new version), then its year re-indexed.
  CorrectResult correct(const archive::CorrectionRequest& request, const std::string& user);

  // Lending filed 件.
  LoanResult lend(const archive::LoanRequest& request, const std::string& user);
  LoanResult give_back(std::int64_t loan_id, archive::Condition condition, const std::string& note,
                       const std::string& user);

  Office& office() { return m_office; }

 private:
  archive::Workspace& m_ws;
  const Clock& m_clock;
  Office m_office;
};

}  // namespace gongwen::services
