// Passwords and CLI login tokens (tables credentials, login_tokens).
#include "sqlite/books.hpp"
#include "sqlite/time_columns.hpp"

namespace gongwen::archive::sqlite {

namespace {
CredentialRecord credential_row(sql::Stmt& s) { return CredentialRecord{s.text(0), s.text(1), s.text(2), s.text(3)}; }
LoginTokenRecord token_row(sql::Stmt& s) {
  return LoginTokenRecord{s.text(0), s.text(1), instant_column(s, 2, "login_tokens", "created_at"),
                          instant_column(s, 3, "login_tokens", "expires_at")};
}
}  // namespace

std::optional<CredentialRecord> Credentials::credential(const std::string& user) {
  sql::Stmt s(m_db, "SELECT user, hash, set_at, set_by FROM credentials WHERE user=?");
  s.bind(1, user);
  if (!s.step()) return std::nullopt;
  return credential_row(s);
}

std::int64_t Credentials::credential_count() {
  sql::Stmt s(m_db, "SELECT COUNT(*) FROM credentials");
  s.step();
  return s.integer(0);
}

void Credentials::set_credential(const CredentialRecord& c) {
  sql::Stmt s(m_db,
              "INSERT INTO credentials (user, hash, set_at, set_by) VALUES (?,?,?,?) "
              "ON CONFLICT(user) DO UPDATE SET hash=excluded.hash, set_at=excluded.set_at, set_by=excluded.set_by");
  s.bind(1, c.user).bind(2, c.hash).bind(3, c.set_at).bind(4, c.set_by);
  s.run();
}

void Credentials::add_login_token(const LoginTokenRecord& t) {
  sql::Stmt s(m_db, "INSERT INTO login_tokens (token_sha256, user, created_at, expires_at) VALUES (?,?,?,?)");
  s.bind(1, t.token_sha256).bind(2, t.user).bind(3, t.created_at.iso8601()).bind(4, t.expires_at.iso8601());
  s.run();
}

std::optional<LoginTokenRecord> Credentials::login_token(const std::string& token_sha256) {
  sql::Stmt s(m_db, "SELECT token_sha256, user, created_at, expires_at FROM login_tokens WHERE token_sha256=?");
  s.bind(1, token_sha256);
  if (!s.step()) return std::nullopt;
  return token_row(s);
}

void Credentials::remove_login_token(const std::string& token_sha256) {
  sql::Stmt s(m_db, "DELETE FROM login_tokens WHERE token_sha256=?");
  s.bind(1, token_sha256);
  s.run();
}

void Credentials::remove_login_tokens_of(const std::string& user) {
  sql::Stmt s(m_db, "DELETE FROM login_tokens WHERE user=?");
  s.bind(1, user);
  s.run();
}

}  // namespace gongwen::archive::sqlite
