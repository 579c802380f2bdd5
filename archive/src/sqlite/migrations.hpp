#pragma once
// Numbered schema migrations, recorded in the file's PRAGMA user_version.
#include <string>
#include <vector>

#include "sqlite/db.hpp"

namespace gongwen::archive::sqlite {

struct Migration {
  int version;              // the user_version the file has after it
  const char* what;         // one line for docs/registers.md and the audit of an upgrade
  void (*apply)(sql::Db&);  // runs inside the upgrade's transaction; throws on failure
};

// Every migration, in order; the last one's version is the program's schema version.
const std::vector<Migration>& migrations();

// Brings `db` up to the last of `list` in one transaction (all of them or none: a failing
// migration leaves the file as it was). A file newer than the list is refused with
// Code::Conflict naming `file` and both versions.
void migrate(sql::Db& db, const std::string& file, const std::vector<Migration>& list);

// Refuses a file newer than the list (nothing is written): the check of a second connection.
void check_not_newer(sql::Db& db, const std::string& file, const std::vector<Migration>& list);

}  // namespace gongwen::archive::sqlite
