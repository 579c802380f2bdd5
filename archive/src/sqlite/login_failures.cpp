// The web login throttle's counts (table login_failures, schema version 4; times in Unix milliseconds).
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

std::optional<LoginFailureRecord> Sessions::login_failures(const std::string& key) {
  sql::Stmt q(m_db, "SELECT key, failures, last_at_ms FROM login_failures WHERE key = ?");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return LoginFailureRecord{q.text(0), q.integer(1), q.integer(2)};
}

void Sessions::set_login_failures(const LoginFailureRecord& r) {
  sql::Stmt q(m_db, "INSERT OR REPLACE INTO login_failures (key, failures, last_at_ms) VALUES (?,?,?)");
  q.bind(1, r.key).bind(2, r.failures).bind(3, r.last_at_ms).run();
}

void Sessions::remove_login_failures(const std::string& key) {
  sql::Stmt q(m_db, "DELETE FROM login_failures WHERE key = ?");
  q.bind(1, key).run();
}

void Sessions::remove_login_failures_before(std::int64_t unix_ms) {
  sql::Stmt q(m_db, "DELETE FROM login_failures WHERE last_at_ms < ?");
  q.bind(1, unix_ms).run();
}

}  // namespace gongwen::archive::sqlite
