// The audit log (table audit; triggers make it append-only). Each entry is hash-chained,
// carries the sealed rows its transaction wrote (sealed_rows.hpp) and, with the workspace's
// seal, a MAC made with a key outside the database (audit_seal.hpp).
#include "gongwen/archive/audit_seal.hpp"
#include "gongwen/archive/registry.hpp"
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

namespace {
constexpr const char* kColumns = "seq, at, actor, action, subject, detail, prev_hash, hash, rows, mac";

AuditEntry audit_row(sql::Stmt& s) {
  AuditEntry e{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)};
  e.rows = s.text(8);
  e.mac = s.text(9);
  return e;
}
}  // namespace

void AuditState::committed() {
  if (pending_head && seal) seal->advance_head(pending_head->first, pending_head->second);
  pending_head.reset();
}

void AuditState::rolled_back() {
  watch.clear();
  pending_head.reset();
}

void Audit::append(AuditEntry e, std::optional<std::string> rows) {
  if (m_state.seal && !m_state.seal->readable())
    fail(Code::Forbidden, msg("registry.audit_key.unreadable"), {msg("registry.audit_key.unreadable.hint")});
  if (auto last = audit_last()) {
    e.seq = last->seq + 1;
    e.prev_hash = last->hash;
  } else {
    e.seq = 1;
  }
  e.rows = rows ? std::move(*rows) : m_state.watch.take(m_db);
  e.hash = audit_entry_hash(e);
  if (m_state.seal) e.mac = m_state.seal->entry_mac(e.hash);
  sql::Stmt s(m_db,
              "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash, rows, mac) "
              "VALUES (?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.subject);
  s.bind(6, e.detail).bind(7, e.prev_hash).bind(8, e.hash).bind(9, e.rows).bind(10, e.mac);
  s.run();
  m_state.pending_head = {e.seq, e.hash};
  if (!m_db.in_transaction()) m_state.committed();  // a lone statement commits at once
}

void Audit::audit(const std::string& at, const std::string& actor, const std::string& action,
                  const std::string& subject, const std::string& detail) {
  AuditEntry e;
  e.at = at;
  e.actor = actor;
  e.action = action;
  e.subject = subject;
  e.detail = detail;
  append(std::move(e));
}

void Audit::seal_unrecorded_rows() {
  if (m_state.watch.empty()) return;
  // A write whose step forgot its own entry still gets one: a sealed row is never left
  // unrecorded by this program. Dated like the entry before it (time never goes back).
  const auto last = audit_last();
  audit(last ? last->at : "", "system", "registers", "", "rows written without an entry of their own");
}

void Audit::start_keyed_log(const std::string& at) {
  std::string rows;
  for (const auto& [name, digest] : sealed_rows_now(m_db)) rows += (rows.empty() ? "" : "\n") + name + '\t' + digest;
  m_state.watch.clear();
  AuditEntry e;
  e.at = at;
  e.actor = "system";
  e.action = "audit-key";
  e.subject = "keys/audit.key";
  e.detail = "the log is keyed from this entry on; it records every sealed register row there is";
  append(std::move(e), std::move(rows));
}

std::vector<AuditEntry> Audit::audit_log() {
  sql::Stmt s(m_db, (std::string("SELECT ") + kColumns + " FROM audit ORDER BY seq").c_str());
  std::vector<AuditEntry> out;
  while (s.step()) out.push_back(audit_row(s));
  return out;
}

std::optional<AuditEntry> Audit::audit_last() {
  sql::Stmt s(m_db, (std::string("SELECT ") + kColumns + " FROM audit ORDER BY seq DESC LIMIT 1").c_str());
  if (!s.step()) return std::nullopt;
  return audit_row(s);
}

bool Audit::audit_keyed() {
  sql::Stmt s(m_db, "SELECT 1 FROM audit WHERE mac != '' LIMIT 1");
  return s.step();
}

std::map<std::string, std::string> Audit::sealed_rows() { return sealed_rows_now(m_db); }

}  // namespace gongwen::archive::sqlite
