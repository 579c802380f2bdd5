// Web desk sessions (table web_sessions; times in Unix seconds).
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

namespace {
WebSessionRecord session_row(sql::Stmt& s) {
  return WebSessionRecord{s.text(0), s.text(1), s.text(2), s.integer(3), s.integer(4)};
}
}  // namespace

void Sessions::add_session(const WebSessionRecord& s) {
  sql::Stmt q(m_db, "INSERT INTO web_sessions (token_hash, user, csrf, created_at, expires_at) VALUES (?,?,?,?,?)");
  q.bind(1, s.token_sha256).bind(2, s.user).bind(3, s.csrf).bind(4, s.created_at).bind(5, s.expires_at).run();
}

std::optional<WebSessionRecord> Sessions::session(const std::string& token_sha256) {
  sql::Stmt q(m_db, "SELECT token_hash, user, csrf, created_at, expires_at FROM web_sessions WHERE token_hash = ?");
  q.bind(1, token_sha256);
  if (!q.step()) return std::nullopt;
  return session_row(q);
}

void Sessions::extend_session(const std::string& token_sha256, std::int64_t expires_at) {
  sql::Stmt q(m_db, "UPDATE web_sessions SET expires_at = ? WHERE token_hash = ?");
  q.bind(1, expires_at).bind(2, token_sha256).run();
}

void Sessions::remove_session(const std::string& token_sha256) {
  sql::Stmt q(m_db, "DELETE FROM web_sessions WHERE token_hash = ?");
  q.bind(1, token_sha256).run();
}

void Sessions::remove_sessions_expired_by(std::int64_t unix_seconds) {
  sql::Stmt q(m_db, "DELETE FROM web_sessions WHERE expires_at <= ?");
  q.bind(1, unix_seconds).run();
}

void Sessions::remove_sessions_of(const std::string& user) {
  sql::Stmt q(m_db, "DELETE FROM web_sessions WHERE user = ?");
  q.bind(1, user).run();
}

}  // namespace gongwen::archive::sqlite
