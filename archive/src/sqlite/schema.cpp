#include "sqlite/schema.hpp"

#include <string>

namespace gongwen::archive::sqlite {

namespace {

// The books of the first release, in the order their columns were first written.
constexpr const char* kRegisters = R"SQL(
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

// Columns the first release added to its own tables after they existed.
constexpr const char* kAddedColumns[][3] = {
    {"issued", "sheet_path", "TEXT NOT NULL DEFAULT ''"},
    {"issued", "sheet_sha256", "TEXT NOT NULL DEFAULT ''"},
    {"seal_use", "approved_at", "TEXT NOT NULL DEFAULT ''"},
};

// The books the first release created when first used (receiving, lending, auth, filing
// corrections, the web desk).
constexpr const char* kLaterBooks = R"SQL(
CREATE TABLE IF NOT EXISTS received (
  id INTEGER PRIMARY KEY, year INTEGER NOT NULL, serial INTEGER NOT NULL, sender TEXT NOT NULL,
  their_number TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
  secrecy TEXT NOT NULL, copies INTEGER NOT NULL, copy_numbers TEXT NOT NULL, signed_by TEXT NOT NULL,
  registered_by TEXT NOT NULL, file_path TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
  slip_path TEXT NOT NULL, proposal TEXT NOT NULL, instruction TEXT NOT NULL, text TEXT NOT NULL,
  received_at TEXT NOT NULL, cleared_at TEXT NOT NULL DEFAULT '', cleared_by TEXT NOT NULL DEFAULT '',
  UNIQUE (year, serial));
CREATE TABLE IF NOT EXISTS circulation (
  received_id INTEGER NOT NULL REFERENCES received(id), person TEXT NOT NULL, sent_at TEXT NOT NULL,
  due TEXT NOT NULL, read_at TEXT NOT NULL DEFAULT '', returned_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (received_id, person, sent_at));
CREATE TABLE IF NOT EXISTS loans (
  id INTEGER PRIMARY KEY, archive_code TEXT NOT NULL, number TEXT NOT NULL, title TEXT NOT NULL,
  secrecy TEXT NOT NULL, borrower TEXT NOT NULL, unit TEXT NOT NULL, purpose TEXT NOT NULL,
  borrowed_on TEXT NOT NULL, due TEXT NOT NULL, approved_by TEXT NOT NULL, returned_on TEXT NOT NULL DEFAULT '',
  condition TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', recorded_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS credentials (
  user TEXT PRIMARY KEY, hash TEXT NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS login_tokens (
  token_sha256 TEXT PRIMARY KEY, user TEXT NOT NULL, created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS filed_versions (
  year INTEGER NOT NULL, archive_code TEXT NOT NULL, version INTEGER NOT NULL, path TEXT NOT NULL,
  sha256 TEXT NOT NULL, metadata_path TEXT NOT NULL, metadata_sha256 TEXT NOT NULL, fields TEXT NOT NULL,
  reason TEXT NOT NULL, corrected_by TEXT NOT NULL, corrected_at TEXT NOT NULL,
  PRIMARY KEY (year, archive_code, version));
-- A recorded version is history: it is never edited or removed.
CREATE TRIGGER IF NOT EXISTS filed_versions_no_update BEFORE UPDATE ON filed_versions
  BEGIN SELECT RAISE(ABORT, 'recorded versions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS filed_versions_no_delete BEFORE DELETE ON filed_versions
  BEGIN SELECT RAISE(ABORT, 'recorded versions are append-only'); END;
CREATE TABLE IF NOT EXISTS web_sessions (
  token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
)SQL";

}  // namespace

void create_login_failures_v4(sql::Db& db) {
  db.exec(R"SQL(
CREATE TABLE IF NOT EXISTS login_failures (
  key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_at_ms INTEGER NOT NULL);
)SQL");
}

void add_ofd_columns_v5(sql::Db& db) {
  db.exec(R"SQL(
ALTER TABLE issued ADD COLUMN ofd_path TEXT;
ALTER TABLE issued ADD COLUMN ofd_sha256 TEXT;
ALTER TABLE received ADD COLUMN seal_check TEXT;
ALTER TABLE received ADD COLUMN seal_detail TEXT;
)SQL");
}

void add_copy_ofd_columns_v6(sql::Db& db) {
  db.exec(R"SQL(
ALTER TABLE copies ADD COLUMN ofd_path TEXT;
ALTER TABLE copies ADD COLUMN ofd_sha256 TEXT;
)SQL");
}

// Each round of a draft as submitted: the reviewer's "what changed since the last round".
// A draft already in the registry keeps the round it is at, with its snapshot (its plain
// text is not known without reading the draft again: left empty).
void create_draft_rounds_v8(sql::Db& db) {
  db.exec(R"SQL(
CREATE TABLE IF NOT EXISTS draft_rounds (
  draft_id INTEGER NOT NULL REFERENCES drafts(id),
  round INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  text TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  PRIMARY KEY (draft_id, round));
INSERT OR IGNORE INTO draft_rounds (draft_id, round, content_hash, snapshot, text, submitted_at)
  SELECT id, round, content_hash, snapshot, '', updated_at FROM drafts;
)SQL");
}

void add_ocr_columns_v9(sql::Db& db) {
  db.exec(R"SQL(
ALTER TABLE received ADD COLUMN ocr_source TEXT;
ALTER TABLE received ADD COLUMN ocr_copy_path TEXT;
ALTER TABLE received ADD COLUMN ocr_corrections TEXT;
)SQL");
}

void create_schema_v1(sql::Db& db) {
  db.exec(kRegisters);
  for (const auto& c : kAddedColumns) {
    sql::Stmt q(db, "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?");
    q.bind(1, std::string_view(c[0])).bind(2, std::string_view(c[1]));
    q.step();
    if (q.integer(0) == 0)
      db.exec((std::string("ALTER TABLE ") + c[0] + " ADD COLUMN " + c[1] + " " + c[2]).c_str());
  }
  db.exec(kLaterBooks);
}

void add_audit_seal_and_index_outbox_v2(sql::Db& db) {
  db.exec(R"SQL(
ALTER TABLE audit ADD COLUMN rows TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN mac TEXT NOT NULL DEFAULT '';
CREATE TABLE index_outbox (
  id INTEGER PRIMARY KEY, book TEXT NOT NULL CHECK (book IN ('issued','received')), ref TEXT NOT NULL,
  queued_at TEXT NOT NULL);
)SQL");
}

void create_stamps_v7(sql::Db& db) {
  db.exec(R"SQL(
CREATE TABLE stamps (
  id INTEGER PRIMARY KEY, owner TEXT NOT NULL, sha256 TEXT NOT NULL, path TEXT NOT NULL,
  pixel_width INTEGER NOT NULL, pixel_height INTEGER NOT NULL,
  registered_by TEXT NOT NULL, registered_at TEXT NOT NULL);
CREATE INDEX stamps_owner ON stamps(owner);
)SQL");
}

void create_replies_v3(sql::Db& db) {
  db.exec(R"SQL(
CREATE TABLE replies (
  id INTEGER PRIMARY KEY, request_number TEXT NOT NULL, request_title TEXT NOT NULL,
  reply_number TEXT NOT NULL, reply_title TEXT NOT NULL, replied_by TEXT NOT NULL,
  replied_on TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
  UNIQUE (request_number, reply_number));
CREATE INDEX replies_request ON replies(request_number);
)SQL");
}

}  // namespace gongwen::archive::sqlite
