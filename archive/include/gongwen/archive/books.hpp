#pragma once
// The office's books, one interface each. Every register the workflows keep is reached
// through one of these (the Registry is their sum, registry.hpp); no caller sees SQL, so a
// second implementation (a server database for a county) needs only to implement them.
// Every method throws Failure(Code::Io) when the store fails; writes are meant to run inside
// Registry::transaction() together with their audit entry.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/records.hpp"

namespace gongwen::archive {

// Drafts, their reviews and sign-offs (分文处理: submit → review → sign).
class DraftBook {
 public:
  virtual ~DraftBook() = default;
  virtual std::int64_t add_draft(const DraftRecord& d) = 0;
  virtual void update_draft(const DraftRecord& d) = 0;
  virtual std::optional<DraftRecord> draft(std::int64_t id) = 0;
  // The newest record for a file: a voided or issued one may be followed by a new draft.
  virtual std::optional<DraftRecord> draft_by_source(const std::string& source) = 0;
  virtual std::vector<DraftRecord> drafts() = 0;
  // Each round of a draft as submitted, oldest first (migration 9; a draft submitted before it
  // has only the round it was at then).
  virtual void add_draft_round(const DraftRoundRecord& r) = 0;
  virtual std::vector<DraftRoundRecord> draft_rounds(std::int64_t draft_id) = 0;

  virtual void add_review(const ReviewRecord& r) = 0;
  virtual std::vector<ReviewRecord> reviews(std::int64_t draft_id) = 0;
  virtual void add_signoff(const SignoffRecord& s) = 0;
  virtual std::optional<SignoffRecord> signoff(std::int64_t draft_id) = 0;  // the latest
  // Every sign-off of a draft, oldest first (a joint issue is signed by each organ: 会签).
  virtual std::vector<SignoffRecord> signoffs(std::int64_t draft_id) = 0;
};

// The 发文字号 book: one gapless sequence per 机关代字 per year; a number is never removed.
class NumberBook {
 public:
  virtual ~NumberBook() = default;
  // Next serial of a 代字 in a year, recorded at once: gapless, never reused. Call inside
  // transaction() so a failed issue gives the serial back.
  virtual int allocate_number(const std::string& code, int year, std::int64_t draft_id,
                              const std::string& at) = 0;
  virtual void void_number(const std::string& code, int year, int serial,
                           const std::string& reason, const std::string& at) = 0;
  virtual std::vector<NumberRecord> numbers(int year) = 0;
};

// Issued documents (发文登记).
class IssuedBook {
 public:
  virtual ~IssuedBook() = default;
  virtual std::int64_t add_issued(const IssuedRecord& r) = 0;
  virtual std::vector<IssuedRecord> issued(std::optional<int> year = std::nullopt) = 0;  // by date
  virtual std::optional<IssuedRecord> issued_by_number(const std::string& number) = 0;
};

// The numbered copies (份号) of secret documents.
class CopyBook {
 public:
  virtual ~CopyBook() = default;
  virtual void add_copy(const CopyRecord& c) = 0;
  virtual std::vector<CopyRecord> copies(const std::string& number) = 0;
};

// 用印登记.
class SealBook {
 public:
  virtual ~SealBook() = default;
  virtual void add_seal_use(const SealUseRecord& r) = 0;
  virtual std::vector<SealUseRecord> seal_uses() = 0;
};

// 收文登记 and 传阅.
class ReceivedBook {
 public:
  virtual ~ReceivedBook() = default;
  // The next 收文号 of a year (call inside the transaction that adds it).
  virtual int next_received_serial(int year) = 0;
  virtual std::int64_t add_received(const ReceivedRecord& r) = 0;  // returns the id
  virtual std::optional<ReceivedRecord> received(std::int64_t id) = 0;
  virtual std::optional<ReceivedRecord> received_by_serial(int year, int serial) = 0;
  virtual std::vector<ReceivedRecord> received_list(std::optional<int> year = std::nullopt) = 0;  // by date
  virtual void set_received_handling(std::int64_t id, const std::string& proposal,
                                     const std::string& instruction) = 0;  // 拟办, 批示
  virtual void set_received_cleared(std::int64_t id, const std::string& at, const std::string& by) = 0;

  virtual void add_circulation(const CirculationRecord& c) = 0;
  virtual std::vector<CirculationRecord> circulation(std::int64_t received_id) = 0;
  // Every copy still out (not returned), by due date.
  virtual std::vector<CirculationRecord> open_circulation() = 0;
  enum class Mark { Read, Returned };
  // Marks the open circulation of `received_id` with `person`; false if there is none.
  virtual bool mark_circulation(std::int64_t received_id, const std::string& person, Mark mark,
                                const std::string& at) = 0;
};

// 请示 and their 批复: one link per 批复; several 批复 may answer one 请示 (a partial answer
// and a later one).
class ReplyBook {
 public:
  virtual ~ReplyBook() = default;
  virtual void add_reply(const ReplyRecord& r) = 0;
  virtual std::vector<ReplyRecord> replies_to(const std::string& request_number) = 0;  // by date
  virtual std::vector<ReplyRecord> replies_by_number(const std::string& reply_number) = 0;  // what a 批复 answers
  virtual std::vector<ReplyRecord> replies() = 0;  // by date
};

// 签名章 registrations (StampRecord); each use is a row of the 用印登记 (SealBook).
class StampBook {
 public:
  virtual ~StampBook() = default;
  virtual void add_stamp(const StampRecord& r) = 0;
  virtual std::optional<StampRecord> current_stamp(const std::string& owner) = 0;  // the newest
  virtual std::vector<StampRecord> stamps() = 0;  // every registration, oldest first
};

// The annual filing (归档) and the corrections after it.
class FilingBook {
 public:
  virtual ~FilingBook() = default;
  virtual void add_filed(const FiledRecord& r) = 0;
  virtual std::vector<FiledRecord> filed(int year) = 0;  // by 档号
  virtual std::optional<FiledRecord> filed_by_code(const std::string& archive_code) = 0;
  // Recorded versions are history: added, never changed.
  virtual void add_filed_version(const CorrectionRecord& r) = 0;
  virtual std::vector<CorrectionRecord> filed_versions(int year) = 0;  // by 档号, version
};

// 借阅登记.
class LoanBook {
 public:
  virtual ~LoanBook() = default;
  virtual std::int64_t add_loan(const LoanRecord& r) = 0;  // returns the id
  virtual std::optional<LoanRecord> loan(std::int64_t id) = 0;
  virtual std::vector<LoanRecord> loans(bool open_only = false) = 0;  // by id
  virtual std::optional<LoanRecord> open_loan(const std::string& archive_code) = 0;
  virtual void record_return(std::int64_t id, const Date& returned_on,
                             const std::string& condition, const std::string& note) = 0;
};

// Passwords and CLI login tokens (the users themselves are in gongwen.toml).
class CredentialBook {
 public:
  virtual ~CredentialBook() = default;
  virtual std::optional<CredentialRecord> credential(const std::string& user) = 0;
  virtual std::int64_t credential_count() = 0;
  virtual void set_credential(const CredentialRecord& c) = 0;  // insert or replace
  virtual void add_login_token(const LoginTokenRecord& t) = 0;
  virtual std::optional<LoginTokenRecord> login_token(const std::string& token_sha256) = 0;
  virtual void remove_login_token(const std::string& token_sha256) = 0;
  virtual void remove_login_tokens_of(const std::string& user) = 0;
};

// Web desk sessions. Reached also through a connection of its own (open_session_book), so
// that a session check does not queue behind the workspace lock of a long issue or filing.
class SessionBook {
 public:
  virtual ~SessionBook() = default;
  virtual void add_session(const WebSessionRecord& s) = 0;
  virtual std::optional<WebSessionRecord> session(const std::string& token_sha256) = 0;
  virtual void extend_session(const std::string& token_sha256, std::int64_t expires_at) = 0;
  virtual void remove_session(const std::string& token_sha256) = 0;
  virtual void remove_sessions_expired_by(std::int64_t unix_seconds) = 0;
  // Every session of one user: a new password ends them all (issue 13 #15).
  virtual void remove_sessions_of(const std::string& user) = 0;
  // The login throttle's counts (issue 13 #10), kept here so that a restart does not reset them.
  virtual std::optional<LoginFailureRecord> login_failures(const std::string& key) = 0;
  virtual void set_login_failures(const LoginFailureRecord& r) = 0;  // insert or replace
  virtual void remove_login_failures(const std::string& key) = 0;
  virtual void remove_login_failures_before(std::int64_t unix_ms) = 0;
};

// The audit log: append-only, hash-chained (each entry's hash covers the previous one's),
// each entry MACed with the workspace's audit key and carrying the sealed register rows its
// transaction wrote (audit_seal.hpp, docs/registers.md).
class AuditBook {
 public:
  virtual ~AuditBook() = default;
  virtual void audit(const std::string& at, const std::string& actor, const std::string& action,
                     const std::string& subject, const std::string& detail) = 0;
  virtual std::vector<AuditEntry> audit_log() = 0;
  virtual std::optional<AuditEntry> audit_last() = 0;
  // True once any entry carries a MAC.
  virtual bool audit_keyed() = 0;
  // The first keyed entry of a log written before the key: it records every sealed row there
  // is, so that from here on each row's history is in the log.
  virtual void start_keyed_log(const std::string& at) = 0;
  // "book<TAB>key" → SHA-256 of every sealed register row as it is now.
  virtual std::map<std::string, std::string> sealed_rows() = 0;
};

// Search-index work recorded in the transaction that registered the document (issue 13 #12):
// done after the commit, or by whoever opens the workspace next (services::catch_up_index).
enum class IndexedBook { Issued, Received };
struct IndexWork {
  std::int64_t id = 0;
  IndexedBook book = IndexedBook::Issued;
  std::string ref;  // 文号 of an issued document, id of a received one
};
class IndexOutboxBook {
 public:
  virtual ~IndexOutboxBook() = default;
  virtual void queue_indexing(IndexedBook book, const std::string& ref, const std::string& at) = 0;
  virtual std::vector<IndexWork> indexing_backlog() = 0;  // oldest first
  virtual void indexing_done(std::int64_t up_to_id) = 0;   // removes the work up to this id
};

}  // namespace gongwen::archive
