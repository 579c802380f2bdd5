#pragma once
// The registers (drafts, reviews, sign-offs, numbers, issued documents, seal use, filing,
// audit log). An interface so that a county-level deployment can put the same books in a
// server database; the embedded default is SQLite (open_sqlite_registry).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/records.hpp"
#include "gongwen/pipeline/error.hpp"

namespace gongwen::archive {

class Registry {
 public:
  virtual ~Registry() = default;

  // Runs `work` in one write transaction: every register change inside it lands together
  // or not at all (an exception rolls back and propagates).
  virtual void transaction(const std::function<void()>& work) = 0;

  virtual std::int64_t add_draft(const DraftRecord& d) = 0;
  virtual void update_draft(const DraftRecord& d) = 0;
  virtual std::optional<DraftRecord> draft(std::int64_t id) = 0;
  virtual std::optional<DraftRecord> draft_by_source(const std::string& source) = 0;
  virtual std::vector<DraftRecord> drafts() = 0;

  virtual void add_review(const ReviewRecord& r) = 0;
  virtual std::vector<ReviewRecord> reviews(std::int64_t draft_id) = 0;
  virtual void add_signoff(const SignoffRecord& s) = 0;
  virtual std::optional<SignoffRecord> signoff(std::int64_t draft_id) = 0;

  // Next serial of a 代字 in a year, recorded at once: gapless, never reused. Call inside
  // transaction() so a failed issue gives the serial back.
  virtual int allocate_number(const std::string& code, int year, std::int64_t draft_id,
                              const std::string& at) = 0;
  virtual void void_number(const std::string& code, int year, int serial,
                           const std::string& reason, const std::string& at) = 0;
  virtual std::vector<NumberRecord> numbers(int year) = 0;

  virtual std::int64_t add_issued(const IssuedRecord& r) = 0;
  virtual std::vector<IssuedRecord> issued(std::optional<int> year = std::nullopt) = 0;
  virtual std::optional<IssuedRecord> issued_by_number(const std::string& number) = 0;

  virtual void add_copy(const CopyRecord& c) = 0;
  virtual std::vector<CopyRecord> copies(const std::string& number) = 0;

  virtual void add_seal_use(const SealUseRecord& r) = 0;
  virtual std::vector<SealUseRecord> seal_uses() = 0;

  virtual void add_filed(const FiledRecord& r) = 0;
  virtual std::vector<FiledRecord> filed(int year) = 0;

  // Append-only, hash-chained: each entry's hash covers the previous entry's hash.
  virtual void audit(const std::string& at, const std::string& actor, const std::string& action,
                     const std::string& subject, const std::string& detail) = 0;
  virtual std::vector<AuditEntry> audit_log() = 0;
};

// Opens (creating if needed) the SQLite registry in WAL mode.
Result<std::unique_ptr<Registry>> open_sqlite_registry(const std::filesystem::path& file);

// Checks the audit chain; returns the first broken entry's sequence number, if any.
std::optional<std::int64_t> verify_audit_chain(const std::vector<AuditEntry>& log);
std::string audit_entry_hash(const AuditEntry& e);

std::string sha256_hex(std::string_view bytes);

}  // namespace gongwen::archive
