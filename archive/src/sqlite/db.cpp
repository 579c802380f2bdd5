#include "sqlite/db.hpp"

#include "gongwen/pipeline/error.hpp"

namespace gongwen::archive::sql {

namespace {
[[noreturn]] void raise(sqlite3* db, const std::string& what) {
  const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  std::string msg = what + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
  std::vector<std::string> hints;
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    hints.push_back("another gongwen process is writing; try again in a moment");
  if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN)
    hints.push_back("check that the workspace folder is writable");
  if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    hints.push_back("registry.sqlite3 is damaged: restore it from the backup");
  fail(Code::Io, "registry: " + msg, hints);
}
}  // namespace

Db::Db(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    sqlite3* db = m_db;
    m_db = nullptr;
    std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    fail(Code::Io, "registry: cannot open " + path + ": " + msg);
  }
  // The CLI and the web server share one registry: wait for a writer instead of failing.
  sqlite3_busy_timeout(m_db, 5000);
}

Db::~Db() { sqlite3_close(m_db); }

void Db::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    raise(m_db, msg);
  }
}

std::int64_t Db::last_rowid() const { return sqlite3_last_insert_rowid(m_db); }

int Db::changes() const { return sqlite3_changes(m_db); }

void Db::busy_timeout(int milliseconds) { sqlite3_busy_timeout(m_db, milliseconds); }

bool Db::in_transaction() const { return sqlite3_get_autocommit(m_db) == 0; }

Stmt::Stmt(Db& db, const char* sql) : m_db(db) {
  if (sqlite3_prepare_v2(db.handle(), sql, -1, &m_stmt, nullptr) != SQLITE_OK)
    raise(db.handle(), "prepare");
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

Stmt& Stmt::bind(int i, std::string_view text) {
  if (sqlite3_bind_text(m_stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    raise(m_db.handle(), "bind");
  return *this;
}

Stmt& Stmt::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(m_stmt, i, v) != SQLITE_OK) raise(m_db.handle(), "bind");
  return *this;
}

Stmt& Stmt::bind_null(int i) {
  if (sqlite3_bind_null(m_stmt, i) != SQLITE_OK) raise(m_db.handle(), "bind");
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  raise(m_db.handle(), "step");
}

void Stmt::run() {
  while (step()) {
  }
}

std::string Stmt::text(int col) const {
  const auto* p = sqlite3_column_text(m_stmt, col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
           : std::string();
}

std::int64_t Stmt::integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

bool Stmt::is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

int Stmt::columns() const { return sqlite3_column_count(m_stmt); }

}  // namespace gongwen::archive::sql
