#pragma once
// The whole schema of registry.sqlite3, in one place (docs/registers.md).
#include "sqlite/db.hpp"

namespace gongwen::archive::sqlite {

// Version 1: the registers as gongwen wrote them before the schema had a version (the
// tables were then created piecemeal by each book). Idempotent (IF NOT EXISTS, columns
// added only when missing), so it also completes and stamps a file written before
// versions: a file that never used receiving lacks those tables, one made before the
// 发文稿纸 lacks issued.sheet_path.
void create_schema_v1(sql::Db& db);

// Version 2 (issue 13 #3, #12): the audit log's sealed rows and MAC (audit.rows, audit.mac)
// and the search index's outbox (index_outbox).
void add_audit_seal_and_index_outbox_v2(sql::Db& db);
// Version 3 (issue 15): the links between 请示 and their 批复 (table replies).
void create_replies_v3(sql::Db& db);
// Version 7 (issue 15): the leaders' registered 签名章 (table stamps).
void create_stamps_v7(sql::Db& db);
// Version 4: failed web logins per user and source and per source (table login_failures),
// so that the web desk's growing delays survive a restart (issue 13 #10).
void create_login_failures_v4(sql::Db& db);
// Version 5 (issue 16): the issued OFD's path and hash (issued.ofd_path, ofd_sha256) and a
// received OFD's seal check (received.seal_check, seal_detail). Nullable, no default: the
// rows written before keep NULL there, and with it the digest the audit log sealed.
void add_ofd_columns_v5(sql::Db& db);
// Version 6 (issue 16): each numbered copy's OFD (copies.ofd_path, ofd_sha256), nullable as in 5.
void add_copy_ofd_columns_v6(sql::Db& db);
// Version 8 (issue 15): each round of a draft as submitted (table draft_rounds).
void create_draft_rounds_v8(sql::Db& db);
// Version 9 (issue 19): a scanned 收文's OCR — where its text came from
// ("ocr:87"), the working copy with the text layer, the fields the clerk corrected.
void add_ocr_columns_v9(sql::Db& db);

}  // namespace gongwen::archive::sqlite
