#pragma once
// The registers: the books of books.hpp behind one interface, so that a county-level
// deployment can put the same books in a server database; the embedded default is SQLite
// (open_sqlite_registry, implemented in archive/src/sqlite/).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/books.hpp"
#include "gongwen/archive/records.hpp"
#include "gongwen/pipeline/error.hpp"

namespace gongwen::archive {

// The sum of the books. `virtual` inheritance lets an implementation be assembled from one
// class per book (archive/src/sqlite/) whose overrides fill this interface.
class Registry : public virtual DraftBook,
                 public virtual NumberBook,
                 public virtual IssuedBook,
                 public virtual CopyBook,
                 public virtual SealBook,
                 public virtual ReceivedBook,
                 public virtual ReplyBook,
                 public virtual StampBook,
                 public virtual FilingBook,
                 public virtual LoanBook,
                 public virtual CredentialBook,
                 public virtual SessionBook,
                 public virtual AuditBook,
                 public virtual IndexOutboxBook {
 public:
  ~Registry() override = default;

  // Runs `work` in one write transaction: every register change inside it lands together
  // or not at all (an exception rolls back and propagates).
  virtual void transaction(const std::function<void()>& work) = 0;
};

// The version of the registers' schema this program writes (PRAGMA user_version of
// registry.sqlite3; docs/registers.md lists the migrations).
int registry_schema_version();

class AuditSeal;

// Opens (creating if needed) the SQLite registry in WAL mode and brings an older file up to
// registry_schema_version() in one transaction. A file written by a newer program is refused:
// Code::Conflict, field "schema_version", naming the file and both versions.
// With a seal (the workspace's, audit_seal.hpp), each audit entry is MACed and keys/audit-head
// advanced after its commit; without one (tests of the books alone) entries are unkeyed.
Result<std::unique_ptr<Registry>> open_sqlite_registry(const std::filesystem::path& file,
                                                       std::shared_ptr<const AuditSeal> seal = nullptr);

// The web sessions of the registry file on a connection of their own (the web server's
// session checks run beside a long issue that holds the workspace). Not thread-safe: the
// caller serialises its use. Same schema checks as open_sqlite_registry.
Result<std::unique_ptr<SessionBook>> open_sqlite_session_book(const std::filesystem::path& file);

// Checks the audit chain; returns the first broken entry's sequence number, if any.
std::optional<std::int64_t> verify_audit_chain(const std::vector<AuditEntry>& log);
std::string audit_entry_hash(const AuditEntry& e);

std::string sha256_hex(std::string_view bytes);

}  // namespace gongwen::archive
