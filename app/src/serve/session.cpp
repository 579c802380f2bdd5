#include "gongwen/pipeline/hex.hpp"
#include "serve/session.hpp"

#include <sodium.h>
#include <sqlite3.h>
#include <sys/random.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "gongwen/pipeline/error.hpp"

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

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS web_sessions (
  token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
)SQL";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string sha256_hex(const std::string& text) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return to_hex(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

// One prepared statement, reset after use (the store's mutex is held throughout).
class Query {
 public:
  Query(sqlite3* db, const char* sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) broken();
  }
  ~Query() { sqlite3_finalize(m_stmt); }
  Query& bind(int i, const std::string& v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
  }
  bool row() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) broken();
    return false;
  }
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

 private:
  [[noreturn]] void broken() {
    fail(Code::Io, std::string("the session table in registry.sqlite3 failed: ") + sqlite3_errmsg(m_db),
         {"check the workspace's disk and permissions, then restart gongwen serve"});
  }
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

}  // namespace

struct SessionStore::Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close(handle); }
};

SessionStore::SessionStore(const std::filesystem::path& db_file, std::chrono::seconds idle_limit)
    : m_db(std::make_unique<Db>()), m_idle_limit(idle_limit) {
  if (sqlite3_open_v2(db_file.c_str(), &m_db->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK)
    fail(Code::Io, "cannot open " + db_file.string() + " for the web sessions",
         {"is this a gongwen workspace? (gongwen init)"});
  // The registry holds the write lock while it issues a document: wait for it, like the CLI.
  sqlite3_busy_timeout(m_db->handle, 30000);
  char* err = nullptr;
  if (sqlite3_exec(m_db->handle, kSchema, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    fail(Code::Io, "cannot create the web session table in " + db_file.string() + ": " + why);
  }
}

SessionStore::~SessionStore() = default;

Session SessionStore::create(const std::string& user) {
  const std::int64_t now = unix_now();
  Session s{random_token(), user, random_token(), now + m_idle_limit.count()};
  std::lock_guard lock(m_mutex);
  Query(m_db->handle, "DELETE FROM web_sessions WHERE expires_at <= ?").bind(1, now).row();
  Query(m_db->handle, "INSERT INTO web_sessions (token_hash, user, csrf, created_at, expires_at) VALUES (?,?,?,?,?)")
      .bind(1, sha256_hex(s.id)).bind(2, s.user).bind(3, s.csrf).bind(4, now).bind(5, s.expires_at)
      .row();
  return s;
}

std::optional<Session> SessionStore::find(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  const std::string hash = sha256_hex(token);
  const std::int64_t now = unix_now();
  std::lock_guard lock(m_mutex);
  Query q(m_db->handle, "SELECT user, csrf, expires_at FROM web_sessions WHERE token_hash = ?");
  q.bind(1, hash);
  if (!q.row()) return std::nullopt;
  Session s{token, q.text(0), q.text(1), q.integer(2)};
  if (s.expires_at <= now) {
    Query(m_db->handle, "DELETE FROM web_sessions WHERE token_hash = ?").bind(1, hash).row();
    return std::nullopt;
  }
  // Extend an active session, but write at most once a minute per session: a busy page
  // (search under load) must not turn every read into a database write.
  if (s.expires_at - now < m_idle_limit.count() - 60) {
    s.expires_at = now + m_idle_limit.count();
    Query(m_db->handle, "UPDATE web_sessions SET expires_at = ? WHERE token_hash = ?")
        .bind(1, s.expires_at).bind(2, hash).row();
  }
  return s;
}

void SessionStore::remove(const std::string& token) {
  std::lock_guard lock(m_mutex);
  Query(m_db->handle, "DELETE FROM web_sessions WHERE token_hash = ?").bind(1, sha256_hex(token)).row();
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
