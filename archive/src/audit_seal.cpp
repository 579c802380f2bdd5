#include "gongwen/archive/audit_seal.hpp"

#include <fcntl.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/hex.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

fs::path audit_key_file(const fs::path& keys_dir) { return keys_dir / "audit.key"; }

AuditSeal::AuditSeal(fs::path keys_dir, std::string key, KeyState state)
    : m_keys_dir(std::move(keys_dir)), m_key(std::move(key)), m_state(state) {}

fs::path AuditSeal::head_file() const { return m_keys_dir / "audit-head"; }

std::string AuditSeal::mac(std::string_view message) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), m_key.data(), static_cast<int>(m_key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &len);
  return to_hex(std::string_view(reinterpret_cast<const char*>(out), len));
}

std::string AuditSeal::entry_mac(std::string_view hash) const { return mac(hash); }

std::string AuditSeal::head_mac(std::int64_t seq, std::string_view hash) const {
  return mac("head\x1f" + std::to_string(seq) + "\x1f" + std::string(hash));
}

namespace {

// keys/audit-head's one writer at a time, and its readers, on a lock file of its own: the
// head is rewritten in place, and a reader must not see half of a new line.
class HeadLock {
 public:
  HeadLock(const fs::path& keys_dir, int operation) {
    const fs::path lock = keys_dir / ".audit-head.lock";
    if (operation == LOCK_SH) {
      // A reader that may not write keys/ still reads; no lock file yet means no writer yet.
      m_fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
      if (m_fd >= 0) ::flock(m_fd, LOCK_SH);
      return;
    }
    m_fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0 || ::flock(m_fd, operation) != 0) {
      if (m_fd >= 0) ::close(m_fd);
      fail(Code::Io, msg("workspace.lock", {{"file", lock.string()}}));
    }
  }
  ~HeadLock() {
    if (m_fd >= 0) ::close(m_fd);  // releases the lock
  }
  HeadLock(const HeadLock&) = delete;
  HeadLock& operator=(const HeadLock&) = delete;

 private:
  int m_fd = -1;
};

std::optional<AuditHead> parse_head(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  const std::string text = read_file(file);
  AuditHead h;
  char hash[80] = {}, mac[80] = {};
  long long seq = 0;
  if (std::sscanf(text.c_str(), "%lld %79s %79s", &seq, hash, mac) != 3) return AuditHead{};
  h.seq = seq;
  h.hash = hash;
  h.mac = mac;
  return h;
}

}  // namespace

std::optional<AuditHead> AuditSeal::read_head() const {
  const HeadLock lock(m_keys_dir, LOCK_SH);
  return parse_head(head_file());
}

void AuditSeal::advance_head(std::int64_t seq, const std::string& hash) const {
  const HeadLock lock(m_keys_dir, LOCK_EX);
  const auto now = parse_head(head_file());
  if (now && now->seq >= seq) return;
  // Rewritten in place, not replaced by a new file: one short line in the file's first
  // sector, and no new inode per commit (on ext4 without a journal, every file made scans
  // past the inodes freed in the last seconds, and a replaced head freed one per commit).
  // Not synced: after a power cut the head may name an earlier entry (the check is then
  // weaker by the last entries), never a later one; a sync here cost two journal commits
  // per issue (issue 13 #13, bench/README.md). The line only grows (seq does), and what
  // follows its newline is not read; the file is cut to it all the same.
  const std::string text = std::to_string(seq) + " " + hash + " " + head_mac(seq, hash) + "\n";
  const int fd = ::open(head_file().c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::pwrite(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::ftruncate(fd, static_cast<off_t>(text.size())) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok)
    fail(Code::Io, msg("workspace.write", {{"file", head_file().string()}, {"why", ""}}), {msg("workspace.write.hint")});
}

LoadedAuditKey load_or_create_audit_key(const fs::path& keys_dir) {
  LoadedAuditKey out;
  const fs::path file = audit_key_file(keys_dir);
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    char buf[128];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    ::close(fd);
    std::string hex(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
    auto bytes = from_hex(hex);
    if (!bytes || bytes->size() < 32)
      fail(Code::Conflict, msg("workspace.audit_key.bad", {{"file", file.string()}}),
           {msg("workspace.audit_key.restore.hint")});
    out.key = std::move(*bytes);
    return out;
  }
  if (errno == EACCES) {
    out.state = AuditSeal::KeyState::Unreadable;
    return out;
  }
  if (sodium_init() < 0) fail(Code::Internal, msg("archive.sodium"));
  std::string key(32, '\0');
  randombytes_buf(key.data(), key.size());
  // Made beside and linked into place: of two processes opening an old workspace at once,
  // one key wins and the other process reads it.
  const fs::path tmp = keys_dir / (".audit.key.new" + std::to_string(::getpid()));
  write_file_atomic(tmp, to_hex(key) + "\n", FileAccess::Private);
  const bool linked = ::link(tmp.c_str(), file.c_str()) == 0;
  const int err = errno;
  std::error_code ec;
  fs::remove(tmp, ec);
  if (!linked) {
    if (err == EEXIST) return load_or_create_audit_key(keys_dir);
    fail(Code::Io, msg("workspace.create", {{"file", file.string()}}));
  }
  sync_directory(keys_dir);
  out.key = std::move(key);
  out.created = true;
  return out;
}

}  // namespace gongwen::archive
