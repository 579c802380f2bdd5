// The embedded default registry: one SQLite file in WAL mode, so the CLI and the web server
// can read while one writes. Assembled from one class per book over one connection; the
// connection is opened, and the file brought to the current schema, before any book uses it.
#include "gongwen/archive/registry.hpp"

#include "gongwen/archive/audit_seal.hpp"

#include "sqlite/books.hpp"
#include "sqlite/migrations.hpp"

namespace gongwen::archive {

namespace sqlite {
namespace {

// First base of the registries below, so that the connection exists before the books that
// hold a reference to it are constructed.
struct Connection {
  Connection(const std::string& path, int busy_ms, std::shared_ptr<const AuditSeal> seal = nullptr) : db(path) {
    // synchronous=FULL: a commit is on the disk when it returns (WAL with NORMAL may lose the
    // last commits to a power cut, after the files they registered were moved into place).
    db.exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
    migrate(db, path, migrations());
    db.busy_timeout(busy_ms);
    audit_state.seal = std::move(seal);
    audit_state.watch.attach(db);
  }
  sql::Db db;
  AuditState audit_state;
};

class SqliteRegistry final : private Connection,
                             public Registry,
                             private Drafts,
                             private Numbers,
                             private Issued,
                             private Copies,
                             private Seals,
                             private Received,
                             private Replies,
                             private Stamps,
                             private Filing,
                             private Loans,
                             private Credentials,
                             private Sessions,
                             private Audit,
                             private IndexOutbox {
 public:
  // Several issuing processes queue for the write lock; an issue holds it while it renders.
  SqliteRegistry(const std::string& path, std::shared_ptr<const AuditSeal> seal)
      : Connection(path, 60000, std::move(seal)), Drafts(db), Numbers(db), Issued(db), Copies(db), Seals(db),
        Received(db), Replies(db), Stamps(db), Filing(db), Loans(db), Credentials(db), Sessions(db), Audit(db, audit_state),
        IndexOutbox(db) {}

  void transaction(const std::function<void()>& work) override {
    db.exec("BEGIN IMMEDIATE");
    audit_state.rolled_back();  // nothing of an earlier, failed statement carries over
    try {
      work();
      seal_unrecorded_rows();
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      audit_state.rolled_back();
      throw;
    }
    audit_state.committed();
  }
};

// The web sessions alone, on a connection of their own.
class SqliteSessionBook final : private Connection, public Sessions {
 public:
  // The registry holds the write lock while it issues a document: wait for it, like the CLI.
  explicit SqliteSessionBook(const std::string& path) : Connection(path, 30000), Sessions(db) {}
};

}  // namespace
}  // namespace sqlite

int registry_schema_version() { return sqlite::migrations().back().version; }

Result<std::unique_ptr<Registry>> open_sqlite_registry(const std::filesystem::path& file,
                                                       std::shared_ptr<const AuditSeal> seal) {
  try {
    return std::unique_ptr<Registry>(std::make_unique<sqlite::SqliteRegistry>(file.string(), std::move(seal)));
  } catch (const Failure& f) {
    return f.error();
  }
}

Result<std::unique_ptr<SessionBook>> open_sqlite_session_book(const std::filesystem::path& file) {
  try {
    return std::unique_ptr<SessionBook>(std::make_unique<sqlite::SqliteSessionBook>(file.string()));
  } catch (const Failure& f) {
    return f.error();
  }
}

}  // namespace gongwen::archive
