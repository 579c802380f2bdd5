#include "sqlite/sealed_rows.hpp"

#include <algorithm>
#include <iterator>
#include <cstring>

#include "gongwen/archive/registry.hpp"

namespace gongwen::archive::sqlite {

namespace {

struct SealedBook {
  const char* table;
  const char* key;  // SQL naming a row the way a clerk would (文号, 档号 …), stable across VACUUM
};

// The books whose rows are history. Drafts, sessions, credentials, loans and the outbox are
// working state; their changes are in the audit entries' words.
constexpr SealedBook kSealed[] = {
    {"numbers", "code || '〔' || year || '〕' || serial || '号'"},
    {"issued", "number"},
    {"copies", "number || ' 份号' || copy_number"},
    {"seal_use", "'#' || id"},
    {"received", "'收' || year || '-' || serial"},
    {"filed", "year || ' ' || number"},
    {"filed_versions", "archive_code || ' v' || version"},
};

// "key<TAB>sha256" of each row the query returns (the key first, then every column). A NULL
// column is left out: columns added by a later migration (issued.ofd_path, received.seal_check
// …) are NULL in the rows written before it, so those rows keep the digest the log recorded;
// every column of the first schema is NOT NULL.
void digest_rows(sql::Stmt& q, const char* table, std::map<std::string, std::string>* all, std::string* line) {
  while (q.step()) {
    std::string joined;
    for (int c = 1; c < q.columns(); ++c)
      if (!q.is_null(c)) joined += q.text(c) + '\x1f';
    const std::string name = std::string(table) + '\t' + q.text(0);
    if (all) (*all)[name] = sha256_hex(joined);
    if (line) *line = name + '\t' + sha256_hex(joined);
  }
}

}  // namespace

std::map<std::string, std::string> sealed_rows_now(sql::Db& db) {
  std::map<std::string, std::string> all;
  for (const auto& b : kSealed) {
    sql::Stmt q(db, (std::string("SELECT ") + b.key + ", * FROM " + b.table).c_str());
    digest_rows(q, b.table, &all, nullptr);
  }
  return all;
}

void RowWatch::attach(sql::Db& db) { sqlite3_update_hook(db.handle(), &RowWatch::on_change, this); }

void RowWatch::on_change(void* self, int /*op*/, const char* /*db*/, const char* table, sqlite3_int64 rowid) {
  auto* w = static_cast<RowWatch*>(self);
  for (int i = 0; i < static_cast<int>(std::size(kSealed)); ++i)
    if (std::strcmp(table, kSealed[i].table) == 0) {
      const std::pair<int, std::int64_t> t{i, rowid};
      if (std::find(w->m_touched.begin(), w->m_touched.end(), t) == w->m_touched.end()) w->m_touched.push_back(t);
    }
}

std::string RowWatch::take(sql::Db& db) {
  std::string lines;
  for (const auto& [book, rowid] : m_touched) {
    const SealedBook& b = kSealed[book];
    sql::Stmt q(db, (std::string("SELECT ") + b.key + ", * FROM " + b.table + " WHERE rowid = ?").c_str());
    q.bind(1, rowid);
    std::string line;
    digest_rows(q, b.table, nullptr, &line);
    // The program never deletes a sealed row (triggers forbid it): a row gone is left out.
    if (!line.empty()) lines += (lines.empty() ? "" : "\n") + line;
  }
  m_touched.clear();
  return lines;
}

}  // namespace gongwen::archive::sqlite
