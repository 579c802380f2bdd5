#include "serve/session.hpp"

#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include "gongwen/archive/registry.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

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
    e.hints.push_back(msg("web.session.workspace.hint"));
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

namespace {

std::unique_ptr<archive::SessionBook> open_book(const std::filesystem::path& db_file) {
  auto book = archive::open_sqlite_session_book(db_file);
  if (!book) {
    Error e = book.error();
    e.hints.push_back(msg("web.session.workspace.hint"));
    throw Failure(std::move(e));
  }
  return std::move(book).value();
}

std::string pair_key(const std::string& user, const std::string& address) { return "u:" + user + " a:" + address; }
std::string source_key(const std::string& address) { return "a:" + address; }

}  // namespace

LoginThrottle::LoginThrottle(const std::filesystem::path& db_file, ThrottleRule rule)
    : m_book(open_book(db_file)), m_rule(rule) {}

LoginThrottle::~LoginThrottle() = default;

namespace {
std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

long LoginThrottle::wait_of(const std::string& key, int free, std::int64_t now_ms) {
  const auto r = m_book->login_failures(key);
  if (!r || r->failures <= free) return 0;
  // 1 s after the first failure past the free ones, doubling, capped.
  const int doublings = static_cast<int>(std::min<std::int64_t>(r->failures - free - 1, 30));
  const std::int64_t delay_ms = std::min<std::int64_t>(std::int64_t{1000} << doublings, m_rule.cap.count() * 1000);
  const std::int64_t left_ms = r->last_at_ms + delay_ms - now_ms;
  return left_ms > 0 ? static_cast<long>((left_ms + 999) / 1000) : 0;
}

long LoginThrottle::blocked_for(const std::string& user, const std::string& address) {
  std::lock_guard lock(m_mutex);
  const std::int64_t now = unix_ms();
  return std::max(wait_of(pair_key(user, address), m_rule.free_per_user, now),
                  wait_of(source_key(address), m_rule.free_per_source, now));
}

void LoginThrottle::failed(const std::string& user, const std::string& address) {
  std::lock_guard lock(m_mutex);
  const std::int64_t now = unix_ms();
  m_book->remove_login_failures_before(now - 24 * 3600 * 1000);
  for (const auto& key : {pair_key(user, address), source_key(address)}) {
    archive::LoginFailureRecord r = m_book->login_failures(key).value_or(archive::LoginFailureRecord{key, 0, now});
    r.failures += 1;
    r.last_at_ms = now;
    m_book->set_login_failures(r);
  }
}

void LoginThrottle::succeeded(const std::string& user, const std::string& address) {
  std::lock_guard lock(m_mutex);
  m_book->remove_login_failures(pair_key(user, address));
}

std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (forwarded_for.empty() || !trusted(peer)) return peer;
  // "client, proxy1, proxy2": read from the right, past the proxies we trust.
  std::string rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    std::string a = comma == std::string::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string::npos ? std::string() : rest.substr(0, comma);
    a.erase(0, a.find_first_not_of(" \t"));
    a.erase(a.find_last_not_of(" \t") + 1);
    if (a.empty()) continue;
    if (!trusted(a)) return a;
  }
  return peer;
}

}  // namespace gongwen::app::serve
