#pragma once
// Who is acting: passwords and login tokens of the workspace's users. Users and their roles
// are in gongwen.toml; their passwords live only in the registry, as Argon2id hashes
// (libsodium crypto_pwhash_str, salted, slow). A login gives a random token; only its
// SHA-256 is stored, the token itself goes to a file only the OS user can read (app/).
// Every refusal is written to the audit log and changes nothing else.
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::archive {

struct LoginToken {
  std::string user;
  std::string token;       // 64 hex characters; shown once, never stored in clear
  std::string expires_at;  // ISO 8601
};

class Auth {
 public:
  Auth(Workspace& ws, const Clock& clock);

  bool has_password(const std::string& user);
  // True while no user of the workspace has a password yet (a fresh `gongwen init`).
  bool no_passwords_yet();

  // Sets `user`'s password. `by` is the authenticated actor: the user themself or an admin
  // (管理员); while no password exists at all, `by` may be empty (bootstrap by the owner of
  // the workspace files). Refuses passwords shorter than 8 bytes.
  void set_password(const std::string& user, const std::string& password, const std::string& by);

  // Checks a password; a wrong one (or an unknown user, or a user without a password) is
  // audited and throws Failure(Forbidden) with the same message, whatever the reason.
  void check_password(const std::string& user, const std::string& password);

  // After check_password: a new token valid for `hours`.
  LoginToken login(const std::string& user, const std::string& password, int hours = 12);
  // The user a token stands for, if it is known and not expired.
  std::optional<std::string> user_for_token(const std::string& token);
  void logout(const std::string& token);

 private:
  std::string now_iso() const { return m_clock.now().iso8601(); }
  Workspace& m_ws;
  const Clock& m_clock;
};

// Argon2id (libsodium) string hash and its check, exposed for tests.
std::string hash_password(const std::string& password);
bool password_matches(const std::string& hash, const std::string& password);

}  // namespace gongwen::archive
