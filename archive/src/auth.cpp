// Passwords (Argon2id) and login tokens. The tables sit in the registry's database so that
// setting a password and its audit entry land in one transaction.
#include "gongwen/archive/auth.hpp"

#include <sodium.h>

#include "registry_sqlite.hpp"

namespace gongwen::archive {

namespace {

constexpr const char* kAuthSchema = R"SQL(
CREATE TABLE IF NOT EXISTS credentials (
  user TEXT PRIMARY KEY, hash TEXT NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS login_tokens (
  token_sha256 TEXT PRIMARY KEY, user TEXT NOT NULL, created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL);
)SQL";

void init_sodium() {
  if (sodium_init() < 0) fail(Code::Internal, "libsodium cannot start");
}

std::string add_hours(const Instant& at, int hours) {
  Instant later = at;
  later.unix_seconds += std::int64_t(hours) * 3600;
  return later.iso8601();
}

}  // namespace

std::string hash_password(const std::string& password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    fail(Code::Io, "not enough memory to hash the password");
  return out;
}

bool password_matches(const std::string& hash, const std::string& password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Auth::Auth(Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock) {
  sqlite_db(ws.registry()).exec(kAuthSchema);
}

bool Auth::has_password(const std::string& user) {
  sql::Stmt s(sqlite_db(m_ws.registry()), "SELECT 1 FROM credentials WHERE user=?");
  s.bind(1, user);
  return s.step();
}

bool Auth::no_passwords_yet() {
  sql::Stmt s(sqlite_db(m_ws.registry()), "SELECT COUNT(*) FROM credentials");
  s.step();
  return s.integer(0) == 0;
}

void Auth::set_password(const std::string& user, const std::string& password, const std::string& by) {
  if (!m_ws.profile().user(user))
    fail(Code::NotFound, "unknown user '" + user + "'", {"users are listed in gongwen.toml under [[users]]"});
  const User* actor = by.empty() ? nullptr : m_ws.profile().user(by);
  const bool allowed = by.empty() ? no_passwords_yet()
                                  : actor && (by == user || actor->has(Role::Admin));
  if (!allowed) {
    m_ws.registry().transaction(
        [&] { m_ws.registry().audit(now_iso(), by.empty() ? "-" : by, "refused", user, "set password: not allowed"); });
    fail(Code::Forbidden,
         by.empty() ? "passwords exist already: log in first (only an admin sets another user's password)"
                    : by + " may not set " + user + "'s password: it needs the role " +
                          role_chinese(Role::Admin),
         {"change your own with: gongwen user passwd --as YOU"});
  }
  if (password.size() < 8)
    fail(Code::BadInput, "the password is too short: use at least 8 characters");
  const std::string hash = hash_password(password);
  m_ws.registry().transaction([&] {
    sql::Stmt s(sqlite_db(m_ws.registry()),
                "INSERT INTO credentials (user, hash, set_at, set_by) VALUES (?,?,?,?) "
                "ON CONFLICT(user) DO UPDATE SET hash=excluded.hash, set_at=excluded.set_at, "
                "set_by=excluded.set_by");
    s.bind(1, user).bind(2, hash).bind(3, now_iso()).bind(4, by.empty() ? "-" : by);
    s.run();
    // A new password ends every session of the old one.
    sql::Stmt t(sqlite_db(m_ws.registry()), "DELETE FROM login_tokens WHERE user=?");
    t.bind(1, user);
    t.run();
    m_ws.registry().audit(now_iso(), by.empty() ? "-" : by, "password", user, "password set");
  });
}

void Auth::check_password(const std::string& user, const std::string& password) {
  std::string hash;
  {
    sql::Stmt s(sqlite_db(m_ws.registry()), "SELECT hash FROM credentials WHERE user=?");
    s.bind(1, user);
    if (s.step()) hash = s.text(0);
  }
  // Same message whatever failed, so a guesser learns nothing about which ids exist.
  if (hash.empty() || !m_ws.profile().user(user) || !password_matches(hash, password)) {
    m_ws.registry().transaction([&] {
      m_ws.registry().audit(now_iso(), user, "refused", user,
                            hash.empty() ? "login: no password set" : "login: wrong password");
    });
    fail(Code::Forbidden, "wrong user or password for '" + user + "'",
         {hash.empty() && m_ws.profile().user(user)
              ? "this user has no password yet: an admin sets it with gongwen user passwd " + user
              : "check the password (GONGWEN_PASSWORD or --password-file for scripts)"});
  }
}

LoginToken Auth::login(const std::string& user, const std::string& password, int hours) {
  check_password(user, password);
  init_sodium();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  LoginToken t;
  t.user = user;
  t.token = sha256_hex(std::string_view(reinterpret_cast<char*>(raw), sizeof raw));
  t.expires_at = add_hours(m_clock.now(), hours);
  m_ws.registry().transaction([&] {
    sql::Stmt s(sqlite_db(m_ws.registry()),
                "INSERT INTO login_tokens (token_sha256, user, created_at, expires_at) VALUES (?,?,?,?)");
    s.bind(1, sha256_hex(t.token)).bind(2, user).bind(3, now_iso()).bind(4, t.expires_at);
    s.run();
    m_ws.registry().audit(now_iso(), user, "login", user, "until " + t.expires_at);
  });
  return t;
}

std::optional<std::string> Auth::user_for_token(const std::string& token) {
  sql::Stmt s(sqlite_db(m_ws.registry()),
              "SELECT user, expires_at FROM login_tokens WHERE token_sha256=?");
  s.bind(1, sha256_hex(token));
  if (!s.step()) return std::nullopt;
  const std::string user = s.text(0);
  const auto expires = parse_instant(s.text(1));
  if (!expires || expires->unix_seconds <= m_clock.now().unix_seconds) return std::nullopt;
  if (!m_ws.profile().user(user)) return std::nullopt;
  return user;
}

void Auth::logout(const std::string& token) {
  const auto user = user_for_token(token);
  m_ws.registry().transaction([&] {
    sql::Stmt s(sqlite_db(m_ws.registry()), "DELETE FROM login_tokens WHERE token_sha256=?");
    s.bind(1, sha256_hex(token));
    s.run();
    if (user) m_ws.registry().audit(now_iso(), *user, "logout", *user, "");
  });
}

}  // namespace gongwen::archive
