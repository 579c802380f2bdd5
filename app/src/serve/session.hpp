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

// After `per_user` failed logins within `window` for the same user name, or `per_address`
// from the same address (an office shares few addresses, so that limit is higher), further
// attempts are refused until the window has passed since the last failure.
class LoginThrottle {
 public:
  LoginThrottle(int per_user = 5, int per_address = 20,
                std::chrono::seconds window = std::chrono::minutes(15))
      : m_per_user(per_user), m_per_address(per_address), m_window(window) {}
  // Seconds to wait before another attempt may be made; 0 = allowed now.
  long blocked_for(const std::string& user, const std::string& address);
  void failed(const std::string& user, const std::string& address);
  void succeeded(const std::string& user);

 private:
  struct Count {
    int failures = 0;
    std::chrono::steady_clock::time_point last;
  };
  long wait_of(const std::string& key, int max, std::chrono::steady_clock::time_point now);
  std::mutex m_mutex;
  std::map<std::string, Count> m_counts;
  int m_per_user, m_per_address;
  std::chrono::seconds m_window;
};

}  // namespace gongwen::app::serve
