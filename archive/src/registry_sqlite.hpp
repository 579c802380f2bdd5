#pragma once
// The embedded default registry: one SQLite file in WAL mode, so the CLI and the web server
// can read while one writes. Internal to archive/ (no SQLite type leaves the library).
#include <mutex>

#include "gongwen/archive/registry.hpp"
#include "sqlite.hpp"

namespace gongwen::archive {

namespace sqlite_detail {

inline constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS drafts (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, template_id TEXT NOT NULL,
  kind TEXT NOT NULL, code TEXT NOT NULL, doc_class TEXT NOT NULL, drafter TEXT NOT NULL,
  secrecy TEXT NOT NULL, year INTEGER NOT NULL, state TEXT NOT NULL, round INTEGER NOT NULL, content_hash TEXT NOT NULL,
  snapshot TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS drafts_source ON drafts(source);
CREATE TABLE IF NOT EXISTS reviews (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), round INTEGER NOT NULL, step INTEGER NOT NULL,
  reviewer TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ('approve','return')),
  opinion TEXT NOT NULL, content_hash TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signoffs (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), round INTEGER NOT NULL, signer TEXT NOT NULL,
  opinion TEXT NOT NULL, content_hash TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS numbers (
  code TEXT NOT NULL, year INTEGER NOT NULL, serial INTEGER NOT NULL CHECK (serial > 0),
  draft_id INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('issued','void')),
  reason TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, PRIMARY KEY (code, year, serial));
CREATE TABLE IF NOT EXISTS issued (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), number TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL, year INTEGER NOT NULL, serial INTEGER NOT NULL, title TEXT NOT NULL,
  kind TEXT NOT NULL, issuer TEXT NOT NULL, recipients TEXT NOT NULL, secrecy TEXT NOT NULL,
  date TEXT NOT NULL, pdf_path TEXT NOT NULL, docx_path TEXT NOT NULL, pdf_sha256 TEXT NOT NULL,
  docx_sha256 TEXT NOT NULL, pages INTEGER NOT NULL, issued_at TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seal_use (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL, seal_text TEXT NOT NULL, approver TEXT NOT NULL,
  keeper TEXT NOT NULL, copies INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS copies (
  number TEXT NOT NULL, copy_number TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
  PRIMARY KEY (number, copy_number));
CREATE TABLE IF NOT EXISTS filed (
  year INTEGER NOT NULL, number TEXT NOT NULL, archive_code TEXT NOT NULL UNIQUE,
  item_no INTEGER NOT NULL, retention TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
  filed_at TEXT NOT NULL, PRIMARY KEY (year, number));
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
-- The audit log and the number book are append-only: history cannot be edited in place.
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS numbers_no_delete BEFORE DELETE ON numbers
  BEGIN SELECT RAISE(ABORT, 'a 发文字号 once given is never removed; void it instead'); END;
)SQL";

inline DraftRecord read_draft_row(sql::Stmt& s) {
  DraftRecord d;
  d.id = s.integer(0);
  d.source = s.text(1);
  d.title = s.text(2);
  d.template_id = s.text(3);
  d.kind = s.text(4);
  d.code = s.text(5);
  d.doc_class = s.text(6);
  d.drafter = s.text(7);
  d.secrecy = s.text(8);
  d.year = static_cast<int>(s.integer(9));
  d.state = parse_state(s.text(10)).value_or(DraftState::Submitted);
  d.round = static_cast<int>(s.integer(11));
  d.content_hash = s.text(12);
  d.snapshot = s.text(13);
  d.created_at = s.text(14);
  d.updated_at = s.text(15);
  return d;
}

inline constexpr const char* kDraftCols =
    "id, source, title, template_id, kind, code, doc_class, drafter, secrecy, year, state, round, "
    "content_hash, snapshot, created_at, updated_at";

inline IssuedRecord read_issued_row(sql::Stmt& s) {
  IssuedRecord r;
  r.id = s.integer(0);
  r.draft_id = s.integer(1);
  r.number = s.text(2);
  r.code = s.text(3);
  r.year = static_cast<int>(s.integer(4));
  r.serial = static_cast<int>(s.integer(5));
  r.title = s.text(6);
  r.kind = s.text(7);
  r.issuer = s.text(8);
  r.recipients = s.text(9);
  r.secrecy = s.text(10);
  r.date = s.text(11);
  r.pdf_path = s.text(12);
  r.docx_path = s.text(13);
  r.pdf_sha256 = s.text(14);
  r.docx_sha256 = s.text(15);
  r.pages = static_cast<int>(s.integer(16));
  r.issued_at = s.text(17);
  r.text = s.text(18);
  r.sheet_path = s.text(19);
  r.sheet_sha256 = s.text(20);
  return r;
}

inline constexpr const char* kIssuedCols =
    "id, draft_id, number, code, year, serial, title, kind, issuer, recipients, secrecy, date, "
    "pdf_path, docx_path, pdf_sha256, docx_sha256, pages, issued_at, text, sheet_path, sheet_sha256";

// Columns added after the first release: a registry made before them gets them on open.
inline constexpr const char* kAddedColumns[][3] = {
    {"issued", "sheet_path", "TEXT NOT NULL DEFAULT ''"},
    {"issued", "sheet_sha256", "TEXT NOT NULL DEFAULT ''"},
    {"seal_use", "approved_at", "TEXT NOT NULL DEFAULT ''"},
};

}  // namespace sqlite_detail

// The SQLite registry. Other books of the archive (received documents, lending, users) keep
// their tables in the same database file and use db() so that their changes join the same
// transaction().
class SqliteRegistry final : public Registry {
  using Stmt = sql::Stmt;
 public:
  explicit SqliteRegistry(const std::string& path) : m_db(path) {
    m_db.exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
    m_db.exec(sqlite_detail::kSchema);
    for (const auto& c : sqlite_detail::kAddedColumns) {
      sql::Stmt q(m_db, (std::string("SELECT COUNT(*) FROM pragma_table_info('") + c[0] +
                         "') WHERE name='" + c[1] + "'").c_str());
      q.step();
      if (q.integer(0) == 0)
        m_db.exec((std::string("ALTER TABLE ") + c[0] + " ADD COLUMN " + c[1] + " " + c[2]).c_str());
    }
    // Several issuing processes queue for the write lock; an issue holds it while it renders.
    sqlite3_busy_timeout(m_db.handle(), 60000);
  }

  void transaction(const std::function<void()>& work) override {
    m_db.exec("BEGIN IMMEDIATE");
    try {
      work();
      m_db.exec("COMMIT");
    } catch (...) {
      m_db.exec("ROLLBACK");
      throw;
    }
  }

  std::int64_t add_draft(const DraftRecord& d) override {
    sql::Stmt s(m_db,
                "INSERT INTO drafts (source, title, template_id, kind, code, doc_class, drafter, "
                "secrecy, year, state, round, content_hash, snapshot, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, d.source).bind(2, d.title).bind(3, d.template_id).bind(4, d.kind).bind(5, d.code);
    s.bind(6, d.doc_class).bind(7, d.drafter).bind(8, d.secrecy).bind(9, d.year);
    s.bind(10, state_name(d.state)).bind(11, d.round).bind(12, d.content_hash).bind(13, d.snapshot);
    s.bind(14, d.created_at).bind(15, d.updated_at);
    s.run();
    return m_db.last_rowid();
  }

  void update_draft(const DraftRecord& d) override {
    sql::Stmt s(m_db,
                "UPDATE drafts SET title=?, template_id=?, kind=?, code=?, doc_class=?, secrecy=?, "
                "year=?, state=?, round=?, content_hash=?, snapshot=?, updated_at=? WHERE id=?");
    s.bind(1, d.title).bind(2, d.template_id).bind(3, d.kind).bind(4, d.code).bind(5, d.doc_class);
    s.bind(6, d.secrecy).bind(7, d.year).bind(8, state_name(d.state)).bind(9, d.round);
    s.bind(10, d.content_hash).bind(11, d.snapshot).bind(12, d.updated_at).bind(13, d.id);
    s.run();
  }

  std::optional<DraftRecord> draft(std::int64_t id) override {
    sql::Stmt s(m_db, (std::string("SELECT ") + sqlite_detail::kDraftCols + " FROM drafts WHERE id=?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return sqlite_detail::read_draft_row(s);
  }

  std::optional<DraftRecord> draft_by_source(const std::string& source) override {
    // The newest record for a file: a voided or issued one may be followed by a new draft.
    sql::Stmt s(m_db, (std::string("SELECT ") + sqlite_detail::kDraftCols +
                       " FROM drafts WHERE source=? ORDER BY id DESC LIMIT 1")
                          .c_str());
    s.bind(1, source);
    if (!s.step()) return std::nullopt;
    return sqlite_detail::read_draft_row(s);
  }

  std::vector<DraftRecord> drafts() override {
    sql::Stmt s(m_db, (std::string("SELECT ") + sqlite_detail::kDraftCols + " FROM drafts ORDER BY id").c_str());
    std::vector<DraftRecord> out;
    while (s.step()) out.push_back(sqlite_detail::read_draft_row(s));
    return out;
  }

  void add_review(const ReviewRecord& r) override {
    sql::Stmt s(m_db,
                "INSERT INTO reviews (draft_id, round, step, reviewer, decision, opinion, content_hash, at) "
                "VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, r.draft_id).bind(2, r.round).bind(3, r.step).bind(4, r.reviewer);
    s.bind(5, r.decision == Decision::Approve ? "approve" : "return");
    s.bind(6, r.opinion).bind(7, r.content_hash).bind(8, r.at);
    s.run();
  }

  std::vector<ReviewRecord> reviews(std::int64_t draft_id) override {
    sql::Stmt s(m_db,
                "SELECT draft_id, step, reviewer, decision, opinion, content_hash, at, round FROM reviews "
                "WHERE draft_id=? ORDER BY id");
    s.bind(1, draft_id);
    std::vector<ReviewRecord> out;
    while (s.step()) {
      ReviewRecord r;
      r.draft_id = s.integer(0);
      r.step = static_cast<int>(s.integer(1));
      r.reviewer = s.text(2);
      r.decision = s.text(3) == "approve" ? Decision::Approve : Decision::Return;
      r.opinion = s.text(4);
      r.content_hash = s.text(5);
      r.at = s.text(6);
      r.round = static_cast<int>(s.integer(7));
      out.push_back(r);
    }
    return out;
  }

  void add_signoff(const SignoffRecord& r) override {
    sql::Stmt s(m_db,
                "INSERT INTO signoffs (draft_id, round, signer, opinion, content_hash, at) "
                "VALUES (?,?,?,?,?,?)");
    s.bind(1, r.draft_id).bind(2, r.round).bind(3, r.signer).bind(4, r.opinion);
    s.bind(5, r.content_hash).bind(6, r.at);
    s.run();
  }

  std::optional<SignoffRecord> signoff(std::int64_t draft_id) override {
    sql::Stmt s(m_db,
                "SELECT draft_id, round, signer, opinion, content_hash, at FROM signoffs WHERE draft_id=? "
                "ORDER BY id DESC LIMIT 1");
    s.bind(1, draft_id);
    if (!s.step()) return std::nullopt;
    return SignoffRecord{s.integer(0), static_cast<int>(s.integer(1)), s.text(2), s.text(3),
                         s.text(4), s.text(5)};
  }

  int allocate_number(const std::string& code, int year, std::int64_t draft_id,
                      const std::string& at) override {
    sql::Stmt q(m_db, "SELECT COALESCE(MAX(serial), 0) + 1 FROM numbers WHERE code=? AND year=?");
    q.bind(1, code).bind(2, year);
    q.step();
    const int serial = static_cast<int>(q.integer(0));
    sql::Stmt s(m_db,
                "INSERT INTO numbers (code, year, serial, draft_id, status, at) "
                "VALUES (?,?,?,?,'issued',?)");
    s.bind(1, code).bind(2, year).bind(3, serial).bind(4, draft_id).bind(5, at);
    s.run();
    return serial;
  }

  void void_number(const std::string& code, int year, int serial, const std::string& reason,
                   const std::string& at) override {
    sql::Stmt s(m_db,
                "UPDATE numbers SET status='void', reason=?, at=? WHERE code=? AND year=? AND serial=?");
    s.bind(1, reason).bind(2, at).bind(3, code).bind(4, year).bind(5, serial);
    s.run();
  }

  std::vector<NumberRecord> numbers(int year) override {
    sql::Stmt s(m_db,
                "SELECT code, year, serial, draft_id, status, reason, at FROM numbers WHERE year=? "
                "ORDER BY code, serial");
    s.bind(1, year);
    std::vector<NumberRecord> out;
    while (s.step())
      out.push_back(NumberRecord{s.text(0), static_cast<int>(s.integer(1)),
                                 static_cast<int>(s.integer(2)), s.integer(3), s.text(4), s.text(5),
                                 s.text(6)});
    return out;
  }

  std::int64_t add_issued(const IssuedRecord& r) override {
    sql::Stmt s(m_db,
                "INSERT INTO issued (draft_id, number, code, year, serial, title, kind, issuer, "
                "recipients, secrecy, date, pdf_path, docx_path, pdf_sha256, docx_sha256, pages, "
                "issued_at, text, sheet_path, sheet_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.draft_id).bind(2, r.number).bind(3, r.code).bind(4, r.year).bind(5, r.serial);
    s.bind(6, r.title).bind(7, r.kind).bind(8, r.issuer).bind(9, r.recipients).bind(10, r.secrecy);
    s.bind(11, r.date).bind(12, r.pdf_path).bind(13, r.docx_path).bind(14, r.pdf_sha256);
    s.bind(15, r.docx_sha256).bind(16, r.pages).bind(17, r.issued_at).bind(18, r.text);
    s.bind(19, r.sheet_path).bind(20, r.sheet_sha256);
    s.run();
    return m_db.last_rowid();
  }

  std::vector<IssuedRecord> issued(std::optional<int> year) override {
    std::string q = std::string("SELECT ") + sqlite_detail::kIssuedCols + " FROM issued";
    if (year) q += " WHERE year=?";
    q += " ORDER BY date, id";
    sql::Stmt s(m_db, q.c_str());
    if (year) s.bind(1, *year);
    std::vector<IssuedRecord> out;
    while (s.step()) out.push_back(sqlite_detail::read_issued_row(s));
    return out;
  }

  std::optional<IssuedRecord> issued_by_number(const std::string& number) override {
    sql::Stmt s(m_db, (std::string("SELECT ") + sqlite_detail::kIssuedCols + " FROM issued WHERE number=?").c_str());
    s.bind(1, number);
    if (!s.step()) return std::nullopt;
    return sqlite_detail::read_issued_row(s);
  }

  void add_seal_use(const SealUseRecord& r) override {
    sql::Stmt s(m_db,
                "INSERT INTO seal_use (number, seal_text, approver, keeper, copies, at, approved_at) "
                "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, r.number).bind(2, r.seal_text).bind(3, r.approver).bind(4, r.keeper);
    s.bind(5, r.copies).bind(6, r.at).bind(7, r.approved_at);
    s.run();
  }

  std::vector<SealUseRecord> seal_uses() override {
    sql::Stmt s(m_db,
                "SELECT id, number, seal_text, approver, keeper, copies, at, approved_at FROM seal_use ORDER BY id");
    std::vector<SealUseRecord> out;
    while (s.step())
      out.push_back(SealUseRecord{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                  static_cast<int>(s.integer(5)), s.text(6), s.text(7)});
    return out;
  }

  void add_copy(const CopyRecord& c) override {
    sql::Stmt s(m_db, "INSERT INTO copies (number, copy_number, path, sha256) VALUES (?,?,?,?)");
    s.bind(1, c.number).bind(2, c.copy_number).bind(3, c.path).bind(4, c.sha256);
    s.run();
  }

  std::vector<CopyRecord> copies(const std::string& number) override {
    sql::Stmt s(m_db, "SELECT number, copy_number, path, sha256 FROM copies WHERE number=? ORDER BY copy_number");
    s.bind(1, number);
    std::vector<CopyRecord> out;
    while (s.step()) out.push_back(CopyRecord{s.text(0), s.text(1), s.text(2), s.text(3)});
    return out;
  }

  void add_filed(const FiledRecord& r) override {
    sql::Stmt s(m_db,
                "INSERT INTO filed (year, number, archive_code, item_no, retention, path, sha256, "
                "filed_at) VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, r.year).bind(2, r.number).bind(3, r.archive_code).bind(4, r.item_no);
    s.bind(5, r.retention).bind(6, r.path).bind(7, r.sha256).bind(8, r.filed_at);
    s.run();
  }

  std::vector<FiledRecord> filed(int year) override {
    sql::Stmt s(m_db,
                "SELECT year, number, archive_code, item_no, retention, path, sha256, filed_at "
                "FROM filed WHERE year=? ORDER BY archive_code");
    s.bind(1, year);
    std::vector<FiledRecord> out;
    while (s.step())
      out.push_back(FiledRecord{static_cast<int>(s.integer(0)), s.text(1), s.text(2),
                                static_cast<int>(s.integer(3)), s.text(4), s.text(5), s.text(6),
                                s.text(7)});
    return out;
  }

  void audit(const std::string& at, const std::string& actor, const std::string& action,
             const std::string& subject, const std::string& detail) override {
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
                "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) "
                "VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.subject);
    s.bind(6, e.detail).bind(7, e.prev_hash).bind(8, e.hash);
    s.run();
  }

  std::vector<AuditEntry> audit_log() override {
    sql::Stmt s(m_db,
                "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq");
    std::vector<AuditEntry> out;
    while (s.step())
      out.push_back(AuditEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5),
                               s.text(6), s.text(7)});
    return out;
  }

 sql::Db& db() { return m_db; }

 private:
  sql::Db m_db;
};

// The SQLite connection behind a registry (Internal error for another kind of registry).
sql::Db& sqlite_db(Registry& registry);

}  // namespace gongwen::archive


