#pragma once
// The office's handling of outgoing documents (分文处理制度): submit → review in order →
// sign-off → issue (number, seal, render, register) → void. Every step checks the actor's
// role, clearance and the draft's state, runs in one registry transaction with its audit
// entry, and throws gongwen::Failure with a user-facing message when refused.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/sign.hpp"
#include "gongwen/services/next_step.hpp"

namespace gongwen::services {

using archive::Decision;
using archive::DraftRecord;
using archive::IssuedRecord;
using archive::NumberRecord;
using archive::ReviewRecord;
using archive::SealUseRecord;
using archive::SignoffRecord;
using archive::Workspace;

class IssueStaging;  // the files of one issue until its transaction commits (office.cpp)

struct IssueOutcome {
  IssuedRecord issued;
  Document document;                  // as issued, with its number: for the search index
  std::vector<std::string> warnings;  // from the writers (font stand-ins …)
};

class Office {
 public:
  Office(Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock) {}

  // Reads a draft file into the model against this workspace's templates and profile.
  Draft load_draft(const std::filesystem::path& file) const;

  DraftRecord submit(const std::filesystem::path& draft_file, const std::string& user);
  DraftRecord review(const std::string& ref, const std::string& user, Decision decision,
                     const std::string& opinion);
  DraftRecord sign(const std::string& ref, const std::string& user, const std::string& opinion);
  IssueOutcome issue(const std::string& ref, const std::string& user);
  NumberRecord void_number(const std::string& number, const std::string& user,
                           const std::string& reason);

  // 签名章 (stamps.cpp): a leader's signature picture (a PNG, transparent background)
  // registered by an administrator or the seal keeper; pressed at issue on the 令 and 议案
  // that leader signs off. `file` names the picture in messages.
  archive::StampRecord register_stamp(const std::string& owner, std::string_view png, const std::string& file,
                                      const std::string& user);
  std::vector<archive::StampRecord> stamps(const std::string& user);

  // finish_staged_issues(), for this workspace.
  void recover_staged();

  // "#3", "3" or the path of a submitted draft file.
  DraftRecord resolve(const std::string& ref);
  // Who must act next on a draft: the next reviewer, the signer, or the seal keeper.
  NextStep next_step(const DraftRecord& d);

 private:
  const User& require_user(const std::string& id, std::initializer_list<Role> roles,
                           const std::string& action, const std::string& subject);
  void require_clearance(const User& u, Secrecy secrecy, const std::string& action,
                         const std::string& subject);
  std::vector<ReviewRecord> current_reviews(const DraftRecord& d);
  // This round's sign-offs of this text, oldest first: one per organ of a joint issue (会签).
  std::vector<archive::SignoffRecord> current_signoffs(const DraftRecord& d);
  // The steps of issue(), each one job (office.cpp).
  void refuse_unless_signed(const DraftRecord& d, const std::string& user);
  SignoffRecord approving_signoff(const DraftRecord& d, const Draft& draft, const User& u, bool sealed);
  std::vector<SealUseRecord> approved_seal_uses(const DraftRecord& d, const Draft& draft, const User& u,
                                                const SignoffRecord& signoff);
  // 令 and 议案: puts the 签发人's registered 签名章 on the document and returns its 用印登记
  // row (number and time filled in by the caller); none registered: a 令 is refused, a 议案
  // keeps the typed name (stamps.cpp).
  std::optional<SealUseRecord> press_stamp(const DraftRecord& d, Draft& draft, const User& u,
                                           const SignoffRecord& signoff);
  IssueOutcome issue_in_transaction(DraftRecord& d, Draft& draft, const User& u, const SignoffRecord& signoff,
                                    const std::vector<SealUseRecord>& seal_uses, const PdfSigner& key,
                                    IssueStaging& staging);
  void stage_numbered_copies(const Document& doc, int count, const RenderOptions& opts, const PdfSigner& key,
                             const SignOptions& so, IssueStaging& staging);
  std::string now_iso() const { return m_clock.now().iso8601(); }

  Workspace& m_ws;
  const Clock& m_clock;
};

// Finishes the file moves of issues killed between their register commit and the moves
// (their files are still in .issuing/) and deletes the files of issues that never committed.
// Every opening of the workspace runs it (the CLI's commands, `serve` at start), and every
// issue before its own (docs/workspace.md). Takes the write lock only when .issuing/ holds
// files. Throws Failure when a folder cannot be synced.
void finish_staged_issues(Workspace& ws);

// SHA-256 over everything a sign-off approves (all model fields except those set at issue:
// 发文字号, 份号, 印发日期), so any edit after review or sign-off is detected.
std::string document_fingerprint(const Document& doc);

}  // namespace gongwen::services
