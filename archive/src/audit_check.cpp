#include "gongwen/archive/audit_check.hpp"


#include <map>
#include <regex>
#include <sstream>

#include "gongwen/archive/audit_seal.hpp"
#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

std::string audit_checkpoint_text(const AuditEntry& head) {
  return "审计链第" + std::to_string(head.seq) + "条 " + head.hash;
}

std::optional<AuditCheckpoint> parse_audit_checkpoint(const std::string& reason) {
  static const std::regex re("审计链第([0-9]+)条 ([0-9a-f]{64})");
  std::smatch m;
  if (!std::regex_search(reason, m, re)) return std::nullopt;
  return AuditCheckpoint{std::stoll(m[1]), m[2]};
}

namespace {

std::string seq_text(std::int64_t seq) { return std::to_string(seq); }

// The chain and the MACs. Entries before the log was keyed (an "audit-key" entry, in a
// workspace older than the key) are covered by the chain into the first keyed entry.
void check_entries(const std::vector<AuditEntry>& log, const std::optional<AuditSeal>& seal, AuditReport& r) {
  std::string prev;
  for (const auto& e : log) {
    if (e.prev_hash != prev) {
      r.problems.push_back(msg("audit.chain.broken", {{"seq", seq_text(e.seq)}}));
      return;  // every entry after it is out of the chain as well
    }
    if (audit_entry_hash(e) != e.hash) {
      r.problems.push_back(msg("audit.entry.changed", {{"seq", seq_text(e.seq)}}));
      return;
    }
    prev = e.hash;
  }
  if (!seal || log.empty()) return;
  r.keyed_from = log.front().seq;
  for (const auto& e : log)
    if (e.action == "audit-key" && e.actor == "system") r.keyed_from = e.seq;
  for (const auto& e : log) {
    if (e.seq < r.keyed_from) continue;
    if (e.mac.empty())
      r.problems.push_back(msg("audit.mac.missing", {{"seq", seq_text(e.seq)}}));
    else if (e.mac != seal->entry_mac(e.hash))
      r.problems.push_back(msg("audit.mac.wrong", {{"seq", seq_text(e.seq)}}));
  }
}

const AuditEntry* entry_at(const std::vector<AuditEntry>& log, std::int64_t seq) {
  for (const auto& e : log)
    if (e.seq == seq) return &e;
  return nullptr;
}

// keys/audit-head: the log reaches at least the entry it names, with that hash.
void check_head(Workspace& ws, const std::vector<AuditEntry>& log, const AuditSeal& seal, AuditReport& r) {
  const std::string file = ws.relative(seal.head_file());
  const auto head = seal.read_head();
  if (!head) {
    if (!log.empty()) r.problems.push_back(msg("audit.head.missing", {{"file", file}}));
    return;
  }
  if (head->mac != seal.head_mac(head->seq, head->hash)) {
    r.problems.push_back(msg("audit.head.bad", {{"file", file}}));
    return;
  }
  const std::int64_t last = log.empty() ? 0 : log.back().seq;
  if (head->seq > last)
    r.problems.push_back(msg("audit.truncated", {{"file", file}, {"head", seq_text(head->seq)}, {"last", seq_text(last)}}));
  else if (const AuditEntry* e = entry_at(log, head->seq); !e || e->hash != head->hash)
    r.problems.push_back(msg("audit.head.differs", {{"file", file}, {"seq", seq_text(head->seq)}}));
}

// The checkpoints signed into the issued PDFs (and their numbered copies) in documents/.
void check_checkpoints(Workspace& ws, const std::vector<AuditEntry>& log, AuditReport& r) {
  std::error_code ec;
  const std::int64_t last = log.empty() ? 0 : log.back().seq;
  for (auto it = fs::recursive_directory_iterator(ws.documents_dir(), ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().filename() == "received" && it->is_directory()) {
      it.disable_recursion_pending();  // 收文 are other offices' files
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".pdf") continue;
    const SignatureReport sig = verify_pdf_signature(read_file(it->path()));
    if (!sig.valid()) continue;  // a file's own integrity is `gongwen verify`'s and 四性检测's
    const auto cp = parse_audit_checkpoint(sig.reason);
    if (!cp) continue;
    const std::string pdf = ws.relative(it->path());
    if (cp->seq > last)
      r.problems.push_back(msg("audit.checkpoint.beyond", {{"pdf", pdf}, {"seq", seq_text(cp->seq)}, {"last", seq_text(last)}}));
    else if (const AuditEntry* e = entry_at(log, cp->seq); !e || e->hash != cp->hash)
      r.problems.push_back(msg("audit.checkpoint.differs", {{"pdf", pdf}, {"seq", seq_text(cp->seq)}}));
    else
      ++r.checkpoints;
  }
}

// Every sealed row as the log last recorded it, against the books.
void check_rows(Workspace& ws, const std::vector<AuditEntry>& log, AuditReport& r) {
  std::map<std::string, std::pair<std::string, std::int64_t>> recorded;  // name → (sha256, entry)
  for (const auto& e : log) {
    std::istringstream lines(e.rows);
    for (std::string line; std::getline(lines, line);) {
      const auto tab = line.rfind('\t');
      if (tab != std::string::npos) recorded[line.substr(0, tab)] = {line.substr(tab + 1), e.seq};
    }
  }
  const auto now = ws.registry().sealed_rows();
  auto split = [](const std::string& name) {
    const auto tab = name.find('\t');
    return std::make_pair(name.substr(0, tab), name.substr(tab + 1));
  };
  for (const auto& [name, rec] : recorded) {
    const auto [book, key] = split(name);
    const auto it = now.find(name);
    if (it == now.end())
      r.problems.push_back(msg("audit.row.deleted", {{"book", book}, {"key", key}, {"seq", seq_text(rec.second)}}));
    else if (it->second != rec.first)
      r.problems.push_back(msg("audit.row.changed", {{"book", book}, {"key", key}, {"seq", seq_text(rec.second)}}));
    else
      ++r.rows;
  }
  for (const auto& [name, digest] : now)
    if (!recorded.count(name)) {
      const auto [book, key] = split(name);
      r.problems.push_back(msg("audit.row.unrecorded", {{"book", book}, {"key", key}}));
    }
}

}  // namespace

AuditReport check_audit(Workspace& ws) {
  AuditReport r;
  const auto log = ws.registry().audit_log();
  r.entries = log.size();
  // The key is read, never made here: a missing key is a finding, not a fresh start.
  std::optional<AuditSeal> seal;
  const fs::path key_file = audit_key_file(ws.keys_dir());
  std::error_code ec;
  if (fs::exists(key_file, ec)) {
    const auto hex = read_file(key_file);
    const auto key = from_hex(hex.substr(0, hex.find_first_of("\n ")));
    if (key) seal.emplace(ws.keys_dir(), *key, AuditSeal::KeyState::Keyed);
  }
  if (!seal && !log.empty())
    r.problems.push_back(msg("audit.key.missing", {{"file", ws.relative(key_file)}}));
  check_entries(log, seal, r);
  if (seal) check_head(ws, log, *seal, r);
  check_checkpoints(ws, log, r);
  if (seal) check_rows(ws, log, r);
  return r;
}

}  // namespace gongwen::archive
