#pragma once
// Web sessions and login throttling for `gongwen serve`. Sessions are kept in the
// registry's SessionBook (table web_sessions of registry.sqlite3), so a restart of the server (an update, a
// reboot of the office machine) does not log everyone out. Each session has a random token
// sent as an HttpOnly SameSite=Strict cookie — only its SHA-256 is stored, so a copy of the
// database does not hand out live sessions — and a separate CSRF token that the pages echo
// in the X-CSRF-Token header on every state change. Logout and expiry delete the row.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/books.hpp"

namespace gongwen::app::serve {

// 32 random bytes from the kernel, hex-encoded.
std::string random_token();
// Compares secrets in time independent of where they differ.
bool equal_secret(const std::string& a, const std::string& b);

struct Session {
  std::string id;  // the cookie's token (never stored)
  std::string user;
  std::string csrf;
  std::int64_t expires_at = 0;  // Unix seconds
};

class SessionStore {
 public:
  // Opens (and if needed creates the table in) the SQLite database at `db_file`. A session
  // expires after `idle_limit` without a request.
  SessionStore(const std::filesystem::path& db_file, std::chrono::seconds idle_limit);
  ~SessionStore();
  SessionStore(const SessionStore&) = delete;
  SessionStore& operator=(const SessionStore&) = delete;

  // A new session; also deletes the sessions that have expired meanwhile.
  Session create(const std::string& user);
  // The live session with this token (extending its life), or nothing if unknown or expired
  // (an expired one is deleted).
  std::optional<Session> find(const std::string& token);
  void remove(const std::string& token);

 private:
  std::unique_ptr<archive::SessionBook> m_book;  // its own connection to the registry file
  std::mutex m_mutex;  // one connection, used by every server thread in turn
  std::chrono::seconds m_idle_limit;
};

// Failed logins slow the next attempt down instead of locking anyone out (issue 13 #10: five
// wrong passwords locked the real user out for 15 minutes, and behind nginx twenty locked out
// the whole office). Failures are counted per user *and* source address, so a guesser
// elsewhere never delays the user at their own desk, and per source over all users (against
// one address trying many names). After `free` failures in a row a key waits 1 s, then 2, 4, 8 …
// up to `cap`; a success from that source clears its count for that user. The counts live in
// the registry (SessionBook), so a restart does not clear them; a count unused for a day is
// forgotten.
struct ThrottleRule {
  int free_per_user = 3;     // failures of one user from one source before delays begin
  int free_per_source = 20;  // failures from one source, any user
  std::chrono::seconds cap{15 * 60};
};

class LoginThrottle {
 public:
  LoginThrottle(const std::filesystem::path& db_file, ThrottleRule rule = {});
  ~LoginThrottle();
  // Seconds to wait before another attempt may be made; 0 = allowed now.
  long blocked_for(const std::string& user, const std::string& address);
  void failed(const std::string& user, const std::string& address);
  void succeeded(const std::string& user, const std::string& address);

 private:
  long wait_of(const std::string& key, int free, std::int64_t now_ms);
  std::unique_ptr<archive::SessionBook> m_book;  // a connection of its own to the registry
  std::mutex m_mutex;
  ThrottleRule m_rule;
};

// The client's address for the throttle and the log: the connection's peer, or, when the peer
// is one of `trusted_proxies` (the office's nginx), the last address in X-Forwarded-For that
// is not itself a trusted proxy. X-Forwarded-For from anyone else is ignored: a client could
// write any address there.
std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace gongwen::app::serve
