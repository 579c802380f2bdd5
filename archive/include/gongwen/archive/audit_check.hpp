#pragma once
// `gongwen audit verify` (issue 13 #3): whether the audit log and the registers it seals are
// as gongwen wrote them, against someone who can edit registry.sqlite3 (docs/security.md).
// Checked: the hash chain; each entry's MAC with keys/audit.key; the head in keys/audit-head
// (a log cut short); the checkpoints signed into the issued PDFs (a log cut short or
// re-chained behind a document that left the office); every sealed register row against the
// latest record of it (a row edited, added or deleted with the sqlite3 tool).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"

namespace gongwen::archive {

struct AuditReport {
  std::size_t entries = 0;
  std::int64_t keyed_from = 0;    // the first entry the key covers (0: the log is not keyed)
  std::size_t checkpoints = 0;    // signed checkpoints in issued PDFs that agree with the log
  std::size_t rows = 0;           // sealed register rows that agree with their record
  std::vector<std::string> problems;  // each names what changed, in the user's language
  bool ok() const { return problems.empty(); }
};

AuditReport check_audit(Workspace& ws);

// The checkpoint an issued PDF's signature carries in its /Reason: "审计链第N条 <sha256>".
std::string audit_checkpoint_text(const AuditEntry& head);
struct AuditCheckpoint {
  std::int64_t seq = 0;
  std::string hash;
};
std::optional<AuditCheckpoint> parse_audit_checkpoint(const std::string& reason);

}  // namespace gongwen::archive
