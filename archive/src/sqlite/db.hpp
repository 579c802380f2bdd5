#pragma once
// The project's one SQLite wrapper: a thin RAII layer over the C API. SQLite errors become
// gongwen::Failure (Code::Io) here, at the adapter, so no SQLite type or code leaks past
// archive/src/sqlite/.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace gongwen::archive::sql {

class Db {
 public:
  explicit Db(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void exec(const char* sql);
  sqlite3* handle() const { return m_db; }
  std::int64_t last_rowid() const;
  int changes() const;  // rows changed by the last statement
  void busy_timeout(int milliseconds);
  bool in_transaction() const;  // false in autocommit: a statement's change is committed

 private:
  sqlite3* m_db = nullptr;
};

class Stmt {
 public:
  Stmt(Db& db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, std::string_view text);
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind_null(int i);
  bool step();  // true while a row is available
  void run();   // step to completion
  std::string text(int col) const;
  std::int64_t integer(int col) const;
  bool is_null(int col) const;
  int columns() const;

 private:
  Db& m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

}  // namespace gongwen::archive::sql
