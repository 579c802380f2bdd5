// Passwords (Argon2id) and login tokens, kept in the registry's CredentialBook so that
// setting a password and its audit entry land in one transaction.
#include "gongwen/archive/auth.hpp"

#include <sodium.h>

#include "gongwen/archive/registry.hpp"

namespace gongwen::archive {

namespace {

void init_sodium() {
  if (sodium_init() < 0) fail(Code::Internal, msg("archive.sodium"));
}

Instant add_hours(const Instant& at, int hours) {
  Instant later = at;
  later.unix_seconds += std::int64_t(hours) * 3600;
  return later;
}

// A hash of a password nobody has, made once with the same parameters as real ones: an
// unknown user or one without a password is checked against it, so a refusal costs the same
// Argon2id work whether or not the account exists (issue 13: 1.3 ms against 80 ms told a
// guesser which user ids exist).
const std::string& stand_in_hash() {
  static const std::string hash = [] {
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    return hash_password(std::string(reinterpret_cast<char*>(raw), sizeof raw));
  }();
  return hash;
}

}  // namespace

std::string hash_password(const std::string& password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    fail(Code::Io, msg("auth.memory"));
  return out;
}

bool password_matches(const std::string& hash, const std::string& password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Auth::Auth(Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock) {}

bool Auth::has_password(const std::string& user) { return m_ws.registry().credential(user).has_value(); }

bool Auth::no_passwords_yet() { return m_ws.registry().credential_count() == 0; }

void Auth::set_password(const std::string& user, const std::string& password, const std::string& by) {
  if (!m_ws.profile().user(user))
    fail(Code::NotFound, msg("workflow.user.unknown", {{"id", user}}), {msg("auth.users.hint")});
  const User* actor = by.empty() ? nullptr : m_ws.profile().user(by);
  const bool allowed = by.empty() ? no_passwords_yet()
                                  : actor && (by == user || actor->has(Role::Admin));
  if (!allowed) {
    m_ws.registry().transaction(
        [&] { m_ws.registry().audit(now_iso(), by.empty() ? "-" : by, "refused", user, "set password: not allowed"); });
    fail(Code::Forbidden,
         by.empty() ? msg("auth.passwd.login_first")
                    : msg("auth.passwd.forbidden", {{"by", by}, {"user", user}, {"role", role_chinese(Role::Admin)}}),
         {msg("auth.passwd.own.hint")});
  }
  if (password.size() < 8)
    fail(Code::BadInput, msg("auth.password.short"));
  const std::string hash = hash_password(password);
  m_ws.registry().transaction([&] {
    m_ws.registry().set_credential(CredentialRecord{user, hash, now_iso(), by.empty() ? "-" : by});
    // A new password ends every session of the old one: CLI login tokens and web sessions.
    m_ws.registry().remove_login_tokens_of(user);
    m_ws.registry().remove_sessions_of(user);
    m_ws.registry().audit(now_iso(), by.empty() ? "-" : by, "password", user, "password set");
  });
}

void Auth::check_password(const std::string& user, const std::string& password) {
  std::string hash;
  if (auto c = m_ws.registry().credential(user)) hash = c->hash;
  // Same message whatever failed, so a guesser learns nothing about which ids exist.
  init_sodium();
  const bool known = !hash.empty() && m_ws.profile().user(user);
  const bool matches = password_matches(known ? hash : stand_in_hash(), password);
  if (!known || !matches) {
    m_ws.registry().transaction([&] {
      m_ws.registry().audit(now_iso(), user, "refused", user,
                            hash.empty() ? "login: no password set" : "login: wrong password");
    });
    fail(Code::Forbidden, msg("auth.login.wrong", {{"id", user}}),
         {hash.empty() && m_ws.profile().user(user) ? msg("auth.login.no_password.hint", {{"id", user}})
                                                    : msg("auth.login.check.hint")});
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
  const Instant now = m_clock.now();
  const Instant expires = add_hours(now, hours);
  t.expires_at = expires.iso8601();
  m_ws.registry().transaction([&] {
    m_ws.registry().add_login_token(LoginTokenRecord{sha256_hex(t.token), user, now, expires});
    m_ws.registry().audit(now_iso(), user, "login", user, "until " + t.expires_at);
  });
  return t;
}

std::optional<std::string> Auth::user_for_token(const std::string& token) {
  const auto stored = m_ws.registry().login_token(sha256_hex(token));
  if (!stored) return std::nullopt;
  const std::string user = stored->user;
  if (stored->expires_at.unix_seconds <= m_clock.now().unix_seconds) return std::nullopt;
  if (!m_ws.profile().user(user)) return std::nullopt;
  return user;
}

void Auth::logout(const std::string& token) {
  const auto user = user_for_token(token);
  m_ws.registry().transaction([&] {
    m_ws.registry().remove_login_token(sha256_hex(token));
    if (user) m_ws.registry().audit(now_iso(), *user, "logout", *user, "");
  });
}

}  // namespace gongwen::archive
