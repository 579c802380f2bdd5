#include "sqlite/migrations.hpp"

#include "gongwen/pipeline/error.hpp"
#include "sqlite/schema.hpp"

namespace gongwen::archive::sqlite {

namespace {

int user_version(sql::Db& db) {
  sql::Stmt q(db, "PRAGMA user_version");
  q.step();
  return static_cast<int>(q.integer(0));
}

int known_version(const std::vector<Migration>& list) { return list.empty() ? 0 : list.back().version; }

void refuse_newer(const std::string& file, int found, int known) {
  Error e = make_error(Code::Conflict,
                       "登记簿 " + file + " 的结构版本是 " + std::to_string(found) + "，本程序只认识到版本 " +
                           std::to_string(known) + "：它由更新的 gongwen 写成，本程序不打开它",
                       {"请升级 gongwen 后再使用这个工作区；不要用旧版本改动它"});
  e.field = "schema_version";
  throw Failure(std::move(e));
}

}  // namespace

const std::vector<Migration>& migrations() {
  // To change the schema, append a migration (never edit a released one): docs/registers.md.
  static const std::vector<Migration> list{
      {1, "the registers of the first release (a file without a version is completed and stamped)",
       &create_schema_v1},
      {2, "the audit log keyed and sealing the register rows; the search index's outbox",
       &add_audit_seal_and_index_outbox_v2},
      {3, "the links between 请示 and the 批复 that answer them (table replies)", &create_replies_v3},
      {4, "failed web logins per user and source (login_failures): the login throttle survives a restart",
       &create_login_failures_v4},
      {5, "the issued OFD's path and hash; a received OFD's electronic seal check (issue 16)",
       &add_ofd_columns_v5},
      {6, "each numbered copy's OFD: its path and hash in the copies book (issue 16)", &add_copy_ofd_columns_v6},
      {7, "the leaders' registered 签名章, pressed on 令 and 议案 (table stamps, issue 15)", &create_stamps_v7},
      {8, "each round of a draft as submitted, for the reviewer's changes since the last round (issue 15)",
       &create_draft_rounds_v8},
      {9, "a scanned 收文's OCR: text source and confidence, working copy, corrected fields (issue 19)",
       &add_ocr_columns_v9},
  };
  return list;
}

void check_not_newer(sql::Db& db, const std::string& file, const std::vector<Migration>& list) {
  const int found = user_version(db);
  if (found > known_version(list)) refuse_newer(file, found, known_version(list));
}

void migrate(sql::Db& db, const std::string& file, const std::vector<Migration>& list) {
  const int known = known_version(list);
  check_not_newer(db, file, list);
  if (user_version(db) == known) return;
  db.exec("BEGIN IMMEDIATE");
  try {
    // Read again under the write lock: another process may have upgraded the file meanwhile.
    const int found = user_version(db);
    if (found > known) refuse_newer(file, found, known);
    for (const auto& m : list)
      if (m.version > found) m.apply(db);
    db.exec(("PRAGMA user_version = " + std::to_string(known)).c_str());
    db.exec("COMMIT");
  } catch (...) {
    try {
      db.exec("ROLLBACK");
    } catch (const Failure&) {
      // SQLite already rolled back (a failed COMMIT): nothing is left to undo.
    }
    throw;
  }
}

}  // namespace gongwen::archive::sqlite
