// The audit log (table audit; triggers make it append-only).
#include "gongwen/archive/registry.hpp"
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

namespace {
AuditEntry audit_row(sql::Stmt& s) {
  return AuditEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)};
}
}  // namespace

void Audit::audit(const std::string& at, const std::string& actor, const std::string& action,
                  const std::string& subject, const std::string& detail) {
  AuditEntry e;
  {
    sql::Stmt q(m_db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (q.step()) {
      e.seq = q.integer(0) + 1;
      e.prev_hash = q.text(1);
    } else {
      e.seq = 1;
    }
  }
  e.at = at;
  e.actor = actor;
  e.action = action;
  e.subject = subject;
  e.detail = detail;
  e.hash = audit_entry_hash(e);
  sql::Stmt s(m_db,
              "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.subject);
  s.bind(6, e.detail).bind(7, e.prev_hash).bind(8, e.hash);
  s.run();
}

std::vector<AuditEntry> Audit::audit_log() {
  sql::Stmt s(m_db, "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq");
  std::vector<AuditEntry> out;
  while (s.step()) out.push_back(audit_row(s));
  return out;
}

}  // namespace gongwen::archive::sqlite
