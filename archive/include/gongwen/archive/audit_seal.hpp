#pragma once
// The audit log's seal, kept outside the database in keys/ (issue 13 #3; docs/security.md):
//  - keys/audit.key (mode 0600): a random key. Every audit entry carries HMAC-SHA256(key,
//    its hash), so an entry rewritten, re-chained or appended with the sqlite3 tool has no
//    valid MAC;
//  - keys/audit-head: the newest entry's number and hash with their MAC, moved forward after
//    each commit that appended entries, so a log shorter than it was truncated.
// Someone who can read keys/ can forge both: the checkpoints in the issued PDFs' signatures
// (Office::issue) are the seal against them.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gongwen::archive {

struct AuditHead {
  std::int64_t seq = 0;
  std::string hash, mac;
};

class AuditSeal {
 public:
  enum class KeyState { Keyed, Unreadable };
  AuditSeal(std::filesystem::path keys_dir, std::string key, KeyState state);

  bool readable() const { return m_state == KeyState::Keyed; }
  // Hex HMAC-SHA256 of an entry's hash, and of a head (seq, hash).
  std::string entry_mac(std::string_view hash) const;
  std::string head_mac(std::int64_t seq, std::string_view hash) const;
  // Moves keys/audit-head to (seq, hash) unless it already names a later entry (several
  // processes commit in turn; the file never goes back). Rewritten in place under a lock
  // that read_head() shares; not synced (it may lag the log after a power cut, never lead).
  void advance_head(std::int64_t seq, const std::string& hash) const;
  std::optional<AuditHead> read_head() const;
  std::filesystem::path head_file() const;

 private:
  std::string mac(std::string_view message) const;
  std::filesystem::path m_keys_dir;
  std::string m_key;
  KeyState m_state;
};

std::filesystem::path audit_key_file(const std::filesystem::path& keys_dir);

struct LoadedAuditKey {
  std::string key;                 // raw bytes; empty when unreadable
  bool created = false;            // made just now (a new workspace, or one from before the key)
  AuditSeal::KeyState state = AuditSeal::KeyState::Keyed;
};
// Reads keys/audit.key, making it (32 random bytes, 0600, durable) when missing. An account
// that may not read keys/ gets Unreadable: it may read the registers but not write them.
LoadedAuditKey load_or_create_audit_key(const std::filesystem::path& keys_dir);

}  // namespace gongwen::archive
