// The registers' schema version (PRAGMA user_version): a registry written before versions
// (tables present, user_version 0) is recognised and stamped, a newer one is refused with a
// message naming the file and both versions, and an upgrade is one transaction.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "gongwen/archive/lending.hpp"
#include "gongwen/archive/receiving.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

// The registers as the code before versions wrote them: SqliteRegistry's schema at first
// open (with its added columns), plus the auth tables, which `user passwd` created when
// first run. Receiving, lending, corrections and the web desk were never used, so their
// tables do not exist yet.
constexpr const char* kUnversionedSchema = R"SQL(
CREATE TABLE drafts (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, template_id TEXT NOT NULL,
  kind TEXT NOT NULL, code TEXT NOT NULL, doc_class TEXT NOT NULL, drafter TEXT NOT NULL,
  secrecy TEXT NOT NULL, year INTEGER NOT NULL, state TEXT NOT NULL, round INTEGER NOT NULL, content_hash TEXT NOT NULL,
  snapshot TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX drafts_source ON drafts(source);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), round INTEGER NOT NULL, step INTEGER NOT NULL,
  reviewer TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ('approve','return')),
  opinion TEXT NOT NULL, content_hash TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE signoffs (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), round INTEGER NOT NULL, signer TEXT NOT NULL,
  opinion TEXT NOT NULL, content_hash TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE numbers (
  code TEXT NOT NULL, year INTEGER NOT NULL, serial INTEGER NOT NULL CHECK (serial > 0),
  draft_id INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('issued','void')),
  reason TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, PRIMARY KEY (code, year, serial));
CREATE TABLE issued (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id), number TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL, year INTEGER NOT NULL, serial INTEGER NOT NULL, title TEXT NOT NULL,
  kind TEXT NOT NULL, issuer TEXT NOT NULL, recipients TEXT NOT NULL, secrecy TEXT NOT NULL,
  date TEXT NOT NULL, pdf_path TEXT NOT NULL, docx_path TEXT NOT NULL, pdf_sha256 TEXT NOT NULL,
  docx_sha256 TEXT NOT NULL, pages INTEGER NOT NULL, issued_at TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE seal_use (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL, seal_text TEXT NOT NULL, approver TEXT NOT NULL,
  keeper TEXT NOT NULL, copies INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE copies (
  number TEXT NOT NULL, copy_number TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
  PRIMARY KEY (number, copy_number));
CREATE TABLE filed (
  year INTEGER NOT NULL, number TEXT NOT NULL, archive_code TEXT NOT NULL UNIQUE,
  item_no INTEGER NOT NULL, retention TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
  filed_at TEXT NOT NULL, PRIMARY KEY (year, number));
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER numbers_no_delete BEFORE DELETE ON numbers
  BEGIN SELECT RAISE(ABORT, 'a 发文字号 once given is never removed; void it instead'); END;
ALTER TABLE issued ADD COLUMN sheet_path TEXT NOT NULL DEFAULT '';
ALTER TABLE issued ADD COLUMN sheet_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE seal_use ADD COLUMN approved_at TEXT NOT NULL DEFAULT '';
CREATE TABLE credentials (
  user TEXT PRIMARY KEY, hash TEXT NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL);
CREATE TABLE login_tokens (
  token_sha256 TEXT PRIMARY KEY, user TEXT NOT NULL, created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL);
INSERT INTO audit VALUES (1, '2025-12-30T09:00:00+08:00', 'wangfang', 'submit', '#1', 'before versions', '', 'h');
INSERT INTO credentials VALUES ('wangfang', '$argon2id$x', '2025-12-30T09:00:00+08:00', '-');
)SQL";

// One value of a query on the file, as text ("" for no row).
std::string scalar(const fs::path& file, const std::string& query) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "(cannot open)";
  }
  sqlite3_stmt* st = nullptr;
  std::string out = "(bad query)";
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK) {
    out = "";
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// Every schema object of the file with its SQL: what "unchanged" compares.
std::string schema_of(const fs::path& file) {
  return scalar(file, "SELECT group_concat(type || ' ' || name || ' ' || COALESCE(sql, ''), char(10)) "
                      "FROM (SELECT * FROM sqlite_master ORDER BY type, name)") +
         "\nuser_version " + scalar(file, "PRAGMA user_version");
}

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp = make_temp_dir();
    auto r = Workspace::init(tmp / "ws", example_profile(), kTemplates);
    ASSERT_TRUE(r.ok()) << r.error().render();
    file = tmp / "ws" / "registry.sqlite3";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(tmp, ec);
  }
  // Replaces the workspace's registry by a file built from `sql` (user_version 0).
  void replace_registry(const std::string& sql) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
    RawDb db(file);
    ASSERT_EQ(db.exec(sql), "");
  }
  fs::path tmp, file;
};

TEST_F(SchemaTest, ANewWorkspaceIsAtTheCurrentVersion) {
  // 2: audit seal, outbox; 3: 请示/批复; 4: login_failures; 5: OFD; 6: the numbered copies' OFDs
  EXPECT_EQ(registry_schema_version(), 9);
  EXPECT_EQ(scalar(file, "PRAGMA user_version"), std::to_string(registry_schema_version()));
  // One schema: every book's table exists from the start, not when first used.
  for (const char* table : {"drafts", "reviews", "signoffs", "numbers", "issued", "copies", "seal_use", "filed",
                            "filed_versions", "received", "circulation", "loans", "credentials", "login_tokens",
                            "web_sessions", "audit", "index_outbox", "replies", "login_failures"})
    EXPECT_EQ(scalar(file, std::string("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='") +
                               table + "'"),
              "1")
        << table;
}

TEST_F(SchemaTest, AWorkspaceWrittenBeforeVersionsOpensAndIsStamped) {
  replace_registry(kUnversionedSchema);
  ASSERT_EQ(scalar(file, "PRAGMA user_version"), "0");
  auto ws = Workspace::open(tmp / "ws");
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(scalar(file, "PRAGMA user_version"), std::to_string(registry_schema_version()));
  // Migration 2: the audit log's sealed rows and MAC, the index outbox (issue 13 #3, #12).
  EXPECT_EQ(scalar(file, "SELECT COUNT(*) FROM pragma_table_info('audit') WHERE name IN ('rows','mac')"), "2");
  EXPECT_EQ(scalar(file, "SELECT COUNT(*) FROM index_outbox"), "0");
  // Migration 5: the issued OFD's path and hash, a received OFD's seal check (issue 16).
  EXPECT_EQ(scalar(file, "SELECT COUNT(*) FROM pragma_table_info('issued') WHERE name IN ('ofd_path','ofd_sha256')"), "2");
  EXPECT_EQ(scalar(file, "SELECT COUNT(*) FROM pragma_table_info('received') WHERE name IN ('seal_check','seal_detail')"),
            "2");
  // Migration 6: each numbered copy's OFD, path and hash (issue 16).
  EXPECT_EQ(scalar(file, "SELECT COUNT(*) FROM pragma_table_info('copies') WHERE name IN ('ofd_path','ofd_sha256')"), "2");
  // Its rows are kept and read through the books.
  Registry& reg = ws.value()->registry();
  ASSERT_EQ(reg.audit_log().size(), 1u);
  EXPECT_EQ(reg.audit_log()[0].detail, "before versions");
  EXPECT_EQ(reg.credential("wangfang").value().hash, "$argon2id$x");
  // The books it never used have their tables now.
  const FixedClock clock(Instant{kDec30_2025, 8 * 60});
  EXPECT_TRUE(Receiving(*ws.value(), clock).list().empty());
  EXPECT_TRUE(Lending(*ws.value(), clock).loans().empty());
  EXPECT_TRUE(reg.filed_versions(2025).empty());
  EXPECT_FALSE(reg.session("x").has_value());
  // Opening again changes nothing more.
  const std::string stamped = schema_of(file);
  ws = Workspace::open(tmp / "ws");
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(schema_of(file), stamped);
}

TEST_F(SchemaTest, AnOlderFileWithoutTheAddedColumnsGetsThem) {
  std::string sql = kUnversionedSchema;
  for (const char* added : {"ALTER TABLE issued ADD COLUMN sheet_path TEXT NOT NULL DEFAULT '';\n",
                            "ALTER TABLE issued ADD COLUMN sheet_sha256 TEXT NOT NULL DEFAULT '';\n",
                            "ALTER TABLE seal_use ADD COLUMN approved_at TEXT NOT NULL DEFAULT '';\n"})
    sql.erase(sql.find(added), std::string(added).size());
  replace_registry(sql);
  auto ws = Workspace::open(tmp / "ws");
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(scalar(file, "SELECT COUNT(*) FROM pragma_table_info('issued') WHERE name IN ('sheet_path','sheet_sha256')"),
            "2");
  EXPECT_EQ(scalar(file, "SELECT COUNT(*) FROM pragma_table_info('seal_use') WHERE name = 'approved_at'"), "1");
  EXPECT_EQ(scalar(file, "PRAGMA user_version"), std::to_string(registry_schema_version()));
}

TEST_F(SchemaTest, ANewerFileIsRefusedNamingTheFileAndBothVersions) {
  ASSERT_EQ(RawDb(file).exec("PRAGMA user_version = 99"), "");
  const std::string before = schema_of(file);
  auto ws = Workspace::open(tmp / "ws");
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.error().code, Code::Conflict);
  EXPECT_EQ(ws.error().field, "schema_version");
  EXPECT_THAT(ws.error().message, HasSubstr(file.string()));
  EXPECT_THAT(ws.error().message, HasSubstr("结构版本是 99"));
  EXPECT_THAT(ws.error().message, HasSubstr("版本 " + std::to_string(registry_schema_version())));
  EXPECT_NE(exit_code(ws.error().code), 0);
  EXPECT_EQ(schema_of(file), before);
  // The web desk's own connection refuses it too.
  auto sessions = open_sqlite_session_book(file);
  ASSERT_FALSE(sessions.ok());
  EXPECT_EQ(sessions.error().field, "schema_version");
}

TEST_F(SchemaTest, AFailingMigrationLeavesTheFileAsItWas) {
  // `issued` is a view here, so migration 1 creates the other tables, then fails when it adds
  // the 发文稿纸 columns: nothing it did before the failure may remain.
  std::string sql = kUnversionedSchema;
  const auto from = sql.find("CREATE TABLE issued (");
  sql.replace(from, sql.find(";", from) + 1 - from, "CREATE VIEW issued AS SELECT 1 AS id;");
  sql.erase(sql.find("ALTER TABLE issued ADD COLUMN sheet_path"));  // and the rest
  replace_registry(sql);
  const std::string before = schema_of(file);
  ASSERT_THAT(before, ::testing::Not(HasSubstr("received")));
  auto ws = Workspace::open(tmp / "ws");
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.error().code, Code::Io);
  EXPECT_EQ(schema_of(file), before);
  EXPECT_EQ(scalar(file, "PRAGMA user_version"), "0");
}

}  // namespace
}  // namespace gongwen::archive::test
