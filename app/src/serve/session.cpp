#include "serve/session.hpp"

#include <sys/random.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "gongwen/archive/registry.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/hex.hpp"

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
  return to_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

bool equal_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SessionStore::SessionStore(const std::filesystem::path& db_file, std::chrono::seconds idle_limit)
    : m_idle_limit(idle_limit) {
  auto book = archive::open_sqlite_session_book(db_file);
  if (!book) {
    Error e = book.error();
    e.hints.push_back("is this a gongwen workspace? (gongwen init)");
    throw Failure(std::move(e));
  }
  m_book = std::move(book).value();
}

SessionStore::~SessionStore() = default;

Session SessionStore::create(const std::string& user) {
  const std::int64_t now = unix_now();
  Session s{random_token(), user, random_token(), now + m_idle_limit.count()};
  std::lock_guard lock(m_mutex);
  m_book->remove_sessions_expired_by(now);
  m_book->add_session(archive::WebSessionRecord{archive::sha256_hex(s.id), s.user, s.csrf, now, s.expires_at});
  return s;
}

std::optional<Session> SessionStore::find(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  const std::string hash = archive::sha256_hex(token);
  const std::int64_t now = unix_now();
  std::lock_guard lock(m_mutex);
  const auto row = m_book->session(hash);
  if (!row) return std::nullopt;
  Session s{token, row->user, row->csrf, row->expires_at};
  if (s.expires_at <= now) {
    m_book->remove_session(hash);
    return std::nullopt;
  }
  // Extend an active session, but write at most once a minute per session: a busy page
  // (search under load) must not turn every read into a database write.
  if (s.expires_at - now < m_idle_limit.count() - 60) {
    s.expires_at = now + m_idle_limit.count();
    m_book->extend_session(hash, s.expires_at);
  }
  return s;
}

void SessionStore::remove(const std::string& token) {
  std::lock_guard lock(m_mutex);
  m_book->remove_session(archive::sha256_hex(token));
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
