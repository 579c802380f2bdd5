#include "gongwen/archive/audit_seal.hpp"

#include <fcntl.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "gongwen/archive/file_writes.hpp"
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

std::optional<AuditHead> AuditSeal::read_head() const {
  std::error_code ec;
  if (!fs::exists(head_file(), ec)) return std::nullopt;
  const std::string text = read_file(head_file());
  AuditHead h;
  char hash[80] = {}, mac[80] = {};
  long long seq = 0;
  if (std::sscanf(text.c_str(), "%lld %79s %79s", &seq, hash, mac) != 3) return AuditHead{};
  h.seq = seq;
  h.hash = hash;
  h.mac = mac;
  return h;
}

void AuditSeal::advance_head(std::int64_t seq, const std::string& hash) const {
  // One writer at a time, on a lock file of its own: the head file itself is replaced.
  const fs::path lock = m_keys_dir / ".audit-head.lock";
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || ::flock(fd, LOCK_EX) != 0) {
    if (fd >= 0) ::close(fd);
    fail(Code::Io, msg("workspace.lock", {{"file", lock.string()}}));
  }
  try {
    const auto now = read_head();
    if (!now || now->seq < seq) {
      // Not synced: after a power cut the head may name an earlier entry (the check is then
      // weaker by the last entries), never a later one; a sync here cost two journal commits
      // per issue (issue 13 #13, bench/README.md).
      const std::string text = std::to_string(seq) + " " + hash + " " + head_mac(seq, hash) + "\n";
      write_files_atomic({FileToWrite{head_file(), text}}, FileAccess::Private, Sync::Lazy);
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);  // releases the lock
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
