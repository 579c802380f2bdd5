#include "serve/session.hpp"

#include <sys/random.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace gongwen::app::serve {

using Clock = std::chrono::steady_clock;

std::string random_token() {
  std::array<unsigned char, 32> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0) throw std::runtime_error("getrandom failed");
    got += static_cast<std::size_t>(n);
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

bool equal_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Session SessionStore::create(const std::string& user) {
  Session s{random_token(), user, random_token(), Clock::now()};
  std::lock_guard lock(m_mutex);
  m_sessions[s.id] = s;
  return s;
}

std::optional<Session> SessionStore::find(const std::string& id) {
  if (id.size() != 64) return std::nullopt;
  std::lock_guard lock(m_mutex);
  auto it = m_sessions.find(id);
  if (it == m_sessions.end()) return std::nullopt;
  const auto now = Clock::now();
  if (now - it->second.last_seen > m_idle_limit) {
    m_sessions.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::remove(const std::string& id) {
  std::lock_guard lock(m_mutex);
  m_sessions.erase(id);
}

long LoginThrottle::wait_of(const std::string& key, int max, Clock::time_point now) {
  auto it = m_counts.find(key);
  if (it == m_counts.end()) return 0;
  const auto since = now - it->second.last;
  if (since >= m_window) {
    m_counts.erase(it);
    return 0;
  }
  if (it->second.failures < max) return 0;
  return static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(m_window - since).count()) + 1;
}

long LoginThrottle::blocked_for(const std::string& user, const std::string& address) {
  std::lock_guard lock(m_mutex);
  const auto now = Clock::now();
  return std::max(wait_of("u:" + user, m_per_user, now), wait_of("a:" + address, m_per_address, now));
}

void LoginThrottle::failed(const std::string& user, const std::string& address) {
  std::lock_guard lock(m_mutex);
  const auto now = Clock::now();
  for (const auto& key : {"u:" + user, "a:" + address}) {
    auto& c = m_counts[key];
    if (c.failures > 0 && now - c.last >= m_window) c.failures = 0;
    c.failures += 1;
    c.last = now;
  }
}

void LoginThrottle::succeeded(const std::string& user) {
  std::lock_guard lock(m_mutex);
  m_counts.erase("u:" + user);
}

}  // namespace gongwen::app::serve
