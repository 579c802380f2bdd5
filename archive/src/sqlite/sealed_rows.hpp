#pragma once
// The register rows the audit log seals (issue 13 #3): every row of these books is recorded,
// with the SHA-256 of all its columns, in the audit entry of the transaction that wrote it.
// `gongwen audit verify` compares the books with the latest record of each row, so a row
// edited, added or deleted with the sqlite3 tool (triggers dropped or not) is named.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sqlite/db.hpp"

namespace gongwen::archive::sqlite {

// "book<TAB>key" → sha256 of the row, for every row of every sealed book now.
std::map<std::string, std::string> sealed_rows_now(sql::Db& db);

// Rows changed through this connection since the last take(), seen by SQLite's update hook:
// only this program's own writes, never a change made behind its back.
class RowWatch {
 public:
  void attach(sql::Db& db);
  // The record lines ("book<TAB>key<TAB>sha256") of the rows touched, in the order first
  // touched; clears the list.
  std::string take(sql::Db& db);
  void clear() { m_touched.clear(); }
  bool empty() const { return m_touched.empty(); }

 private:
  static void on_change(void* self, int op, const char* db, const char* table, sqlite3_int64 rowid);
  std::vector<std::pair<int, std::int64_t>> m_touched;  // (book index, rowid)
};

}  // namespace gongwen::archive::sqlite
