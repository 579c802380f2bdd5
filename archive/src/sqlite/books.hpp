#pragma once
// The SQLite implementation of each book (gongwen/archive/books.hpp): one class per book,
// each over the connection it is given; its SQL and its row mapper are in the .cpp of the
// same name. SqliteRegistry (registry.cpp) is the sum of them over one connection.
#include <memory>
#include <optional>
#include <utility>

#include "gongwen/archive/books.hpp"
#include "sqlite/db.hpp"
#include "sqlite/sealed_rows.hpp"

namespace gongwen::archive {
class AuditSeal;
}

namespace gongwen::archive::sqlite {

class Drafts : public virtual DraftBook {
 public:
  explicit Drafts(sql::Db& db) : m_db(db) {}
  std::int64_t add_draft(const DraftRecord& d) override;
  void update_draft(const DraftRecord& d) override;
  std::optional<DraftRecord> draft(std::int64_t id) override;
  std::optional<DraftRecord> draft_by_source(const std::string& source) override;
  std::vector<DraftRecord> drafts() override;
  void add_draft_round(const DraftRoundRecord& r) override;
  std::vector<DraftRoundRecord> draft_rounds(std::int64_t draft_id) override;
  void add_review(const ReviewRecord& r) override;
  std::vector<ReviewRecord> reviews(std::int64_t draft_id) override;
  void add_signoff(const SignoffRecord& s) override;
  std::optional<SignoffRecord> signoff(std::int64_t draft_id) override;
  std::vector<SignoffRecord> signoffs(std::int64_t draft_id) override;

 private:
  sql::Db& m_db;
};

class Numbers : public virtual NumberBook {
 public:
  explicit Numbers(sql::Db& db) : m_db(db) {}
  int allocate_number(const std::string& code, int year, std::int64_t draft_id, const std::string& at) override;
  void void_number(const std::string& code, int year, int serial, const std::string& reason,
                   const std::string& at) override;
  std::vector<NumberRecord> numbers(int year) override;

 private:
  sql::Db& m_db;
};

class Issued : public virtual IssuedBook {
 public:
  explicit Issued(sql::Db& db) : m_db(db) {}
  std::int64_t add_issued(const IssuedRecord& r) override;
  std::vector<IssuedRecord> issued(std::optional<int> year) override;
  std::optional<IssuedRecord> issued_by_number(const std::string& number) override;

 private:
  sql::Db& m_db;
};

class Copies : public virtual CopyBook {
 public:
  explicit Copies(sql::Db& db) : m_db(db) {}
  void add_copy(const CopyRecord& c) override;
  std::vector<CopyRecord> copies(const std::string& number) override;

 private:
  sql::Db& m_db;
};

class Seals : public virtual SealBook {
 public:
  explicit Seals(sql::Db& db) : m_db(db) {}
  void add_seal_use(const SealUseRecord& r) override;
  std::vector<SealUseRecord> seal_uses() override;

 private:
  sql::Db& m_db;
};

class Received : public virtual ReceivedBook {
 public:
  explicit Received(sql::Db& db) : m_db(db) {}
  int next_received_serial(int year) override;
  std::int64_t add_received(const ReceivedRecord& r) override;
  std::optional<ReceivedRecord> received(std::int64_t id) override;
  std::optional<ReceivedRecord> received_by_serial(int year, int serial) override;
  std::vector<ReceivedRecord> received_list(std::optional<int> year) override;
  void set_received_handling(std::int64_t id, const std::string& proposal, const std::string& instruction) override;
  void set_received_cleared(std::int64_t id, const std::string& at, const std::string& by) override;
  void add_circulation(const CirculationRecord& c) override;
  std::vector<CirculationRecord> circulation(std::int64_t received_id) override;
  std::vector<CirculationRecord> open_circulation() override;
  bool mark_circulation(std::int64_t received_id, const std::string& person, Mark mark,
                        const std::string& at) override;

 private:
  sql::Db& m_db;
};

class Filing : public virtual FilingBook {
 public:
  explicit Filing(sql::Db& db) : m_db(db) {}
  void add_filed(const FiledRecord& r) override;
  std::vector<FiledRecord> filed(int year) override;
  std::optional<FiledRecord> filed_by_code(const std::string& archive_code) override;
  void add_filed_version(const CorrectionRecord& r) override;
  std::vector<CorrectionRecord> filed_versions(int year) override;

 private:
  sql::Db& m_db;
};

class Replies : public virtual ReplyBook {
 public:
  explicit Replies(sql::Db& db) : m_db(db) {}
  void add_reply(const ReplyRecord& r) override;
  std::vector<ReplyRecord> replies_to(const std::string& request_number) override;
  std::vector<ReplyRecord> replies_by_number(const std::string& reply_number) override;
  std::vector<ReplyRecord> replies() override;

 private:
  sql::Db& m_db;
};

class Stamps : public virtual StampBook {
 public:
  explicit Stamps(sql::Db& db) : m_db(db) {}
  void add_stamp(const StampRecord& r) override;
  std::optional<StampRecord> current_stamp(const std::string& owner) override;
  std::vector<StampRecord> stamps() override;

 private:
  sql::Db& m_db;
};

class Loans : public virtual LoanBook {
 public:
  explicit Loans(sql::Db& db) : m_db(db) {}
  std::int64_t add_loan(const LoanRecord& r) override;
  std::optional<LoanRecord> loan(std::int64_t id) override;
  std::vector<LoanRecord> loans(bool open_only) override;
  std::optional<LoanRecord> open_loan(const std::string& archive_code) override;
  void record_return(std::int64_t id, const Date& returned_on, const std::string& condition,
                     const std::string& note) override;

 private:
  sql::Db& m_db;
};

class Credentials : public virtual CredentialBook {
 public:
  explicit Credentials(sql::Db& db) : m_db(db) {}
  std::optional<CredentialRecord> credential(const std::string& user) override;
  std::int64_t credential_count() override;
  void set_credential(const CredentialRecord& c) override;
  void add_login_token(const LoginTokenRecord& t) override;
  std::optional<LoginTokenRecord> login_token(const std::string& token_sha256) override;
  void remove_login_token(const std::string& token_sha256) override;
  void remove_login_tokens_of(const std::string& user) override;

 private:
  sql::Db& m_db;
};

class Sessions : public virtual SessionBook {
 public:
  explicit Sessions(sql::Db& db) : m_db(db) {}
  void add_session(const WebSessionRecord& s) override;
  std::optional<WebSessionRecord> session(const std::string& token_sha256) override;
  void extend_session(const std::string& token_sha256, std::int64_t expires_at) override;
  void remove_session(const std::string& token_sha256) override;
  void remove_sessions_expired_by(std::int64_t unix_seconds) override;
  void remove_sessions_of(const std::string& user) override;
  std::optional<LoginFailureRecord> login_failures(const std::string& key) override;
  void set_login_failures(const LoginFailureRecord& r) override;
  void remove_login_failures(const std::string& key) override;
  void remove_login_failures_before(std::int64_t unix_ms) override;

 private:
  sql::Db& m_db;
};

// What the audit book and the registry's transaction share on one connection: the seal, the
// sealed rows written since the last entry, and the head to publish once the commit is done.
struct AuditState {
  std::shared_ptr<const AuditSeal> seal;
  RowWatch watch;
  std::optional<std::pair<std::int64_t, std::string>> pending_head;
  void committed();    // publishes the head (keys/audit-head)
  void rolled_back();  // forgets the rows and the head of the undone work
};

class Audit : public virtual AuditBook {
 public:
  Audit(sql::Db& db, AuditState& state) : m_db(db), m_state(state) {}
  void audit(const std::string& at, const std::string& actor, const std::string& action,
             const std::string& subject, const std::string& detail) override;
  std::vector<AuditEntry> audit_log() override;
  std::optional<AuditEntry> audit_last() override;
  bool audit_keyed() override;
  void start_keyed_log(const std::string& at) override;
  std::map<std::string, std::string> sealed_rows() override;
  // Before a commit: sealed rows written with no entry after them get one.
  void seal_unrecorded_rows();

 private:
  void append(AuditEntry e, std::optional<std::string> rows = std::nullopt);
  sql::Db& m_db;
  AuditState& m_state;
};

class IndexOutbox : public virtual IndexOutboxBook {
 public:
  explicit IndexOutbox(sql::Db& db) : m_db(db) {}
  void queue_indexing(IndexedBook book, const std::string& ref, const std::string& at) override;
  std::vector<IndexWork> indexing_backlog() override;
  void indexing_done(std::int64_t up_to_id) override;

 private:
  sql::Db& m_db;
};

}  // namespace gongwen::archive::sqlite
