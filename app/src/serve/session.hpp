#pragma once
// Web sessions and login throttling for `gongwen serve`. Sessions live in memory only (a
// restart logs everyone out, which is the safe default for an office machine); each has a
// random id sent as an HttpOnly SameSite=Strict cookie and a separate CSRF token that the
// pages echo in the X-CSRF-Token header on every state change.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace gongwen::app::serve {

// 32 random bytes from the kernel, hex-encoded.
std::string random_token();
// Compares secrets in time independent of where they differ.
bool equal_secret(const std::string& a, const std::string& b);

struct Session {
  std::string id;
  std::string user;
  std::string csrf;
  std::chrono::steady_clock::time_point last_seen;
};

class SessionStore {
 public:
  explicit SessionStore(std::chrono::minutes idle_limit = std::chrono::minutes(30))
      : m_idle_limit(idle_limit) {}
  Session create(const std::string& user);
  // The live session with this id (touching it), or nothing if unknown or idle too long.
  std::optional<Session> find(const std::string& id);
  void remove(const std::string& id);

 private:
  std::mutex m_mutex;
  std::map<std::string, Session> m_sessions;
  std::chrono::minutes m_idle_limit;
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
