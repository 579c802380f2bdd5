#pragma once
// Rows of the office's books (the registers, books.hpp), as plain structs. 密级 is a typed
// Secrecy and calendar days (成文日期, 借出/应还/归还日, 传阅期限) are typed Dates, both parsed
// once by the row mappers (the stored text stays the canonical name, "" for none, and the ISO
// day 2026-09-01; a stored day that is not a calendar day is refused as a damaged register).
// Instants (`*_at`) stay ISO 8601 strings from the injected clock: the audit chain hashes that
// text byte for byte.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/secrecy.hpp"

namespace gongwen::archive {

// draft → submitted → reviewed (all reviewers in order) → signed → issued; `returned` sends
// it back to the drafter; voided is a spoiled issued number.
enum class DraftState { Submitted, Reviewing, Returned, Reviewed, Signed, Issued, Voided };
const char* state_name(DraftState s);          // submitted, reviewing, …
const char* state_chinese(DraftState s);       // 已提交, 审核中, …
std::optional<DraftState> parse_state(const std::string& s);

struct DraftRecord {
  std::int64_t id = 0;
  std::string source;        // absolute path of the draft file
  std::string title;
  std::string template_id;
  std::string kind;
  std::string code;          // 机关代字
  std::string doc_class;
  std::string drafter;
  Secrecy secrecy = Secrecy::None;
  int year = 0;              // of 成文日期
  DraftState state = DraftState::Submitted;
  int round = 1;             // +1 each time an edited draft is resubmitted: resets the chain
  std::string content_hash;  // SHA-256 of the document as submitted (hex)
  std::string snapshot;      // the draft text as submitted
  std::string created_at, updated_at;
};

// One round of a draft as it was submitted (a new round each time an edited draft is
// resubmitted), so that a reviewer sees what changed since the round before.
struct DraftRoundRecord {
  std::int64_t draft_id = 0;
  int round = 1;
  std::string content_hash;
  std::string snapshot;      // the draft file's text as submitted
  std::string text;          // the document's plain text (Document::plain_text) as submitted
  std::string submitted_at;
};

enum class Decision { Approve, Return };

struct ReviewRecord {
  std::int64_t draft_id = 0;
  int round = 1;
  int step = 0;              // 1-based position in the review chain
  std::string reviewer;
  Decision decision = Decision::Approve;
  std::string opinion;
  std::string content_hash;
  std::string at;
};

struct SignoffRecord {
  std::int64_t draft_id = 0;
  int round = 1;
  std::string signer;
  std::string opinion;       // e.g. 同意印发
  std::string content_hash;
  std::string at;
};

struct IssuedRecord {
  std::int64_t id = 0;
  std::int64_t draft_id = 0;
  std::string number;        // 白政发〔2026〕7号
  std::string code;
  int year = 0;
  int serial = 0;
  std::string title, kind, issuer, recipients;
  Date date;                 // 成文日期
  Secrecy secrecy = Secrecy::None;
  std::string pdf_path, docx_path;    // relative to the workspace
  std::string pdf_sha256, docx_sha256;
  std::string sheet_path, sheet_sha256;  // 发文稿纸 (documents/<year>/<文号>.发文稿纸.pdf), filed with it
  // The OFD with its SM2 electronic seal (documents/<year>/<文号>.ofd), filed beside the PDF.
  // Empty in a row issued before the register kept it (schema version 5).
  std::string ofd_path, ofd_sha256;
  int pages = 0;
  std::string issued_at;
  std::string text;          // plain text of the document as issued: the search index's source
};

struct SealUseRecord {
  std::int64_t id = 0;
  std::string number;        // the document sealed
  std::string seal_text;
  std::string approver;      // the leader whose sign-off approves the use
  std::string keeper;        // 监印人 who applied it
  int copies = 0;
  std::string at;
  std::string approved_at;   // when the approver signed it off (签发时间)
};

// One numbered copy (份号) of a secret document: its own signed PDF, and the same copy as a
// sealed OFD beside it (schema 6; "" in rows registered before).
struct CopyRecord {
  std::string number;        // 文号
  std::string copy_number;   // 份号, 000001 …
  std::string path;          // relative to the workspace
  std::string sha256;
  std::string ofd_path;      // relative to the workspace, "" when not registered
  std::string ofd_sha256;
};

struct NumberRecord {
  std::string code;
  int year = 0;
  int serial = 0;
  std::int64_t draft_id = 0;
  std::string status;        // issued / void
  std::string reason;
  std::string at;
};

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at, actor, action, subject, detail;
  std::string prev_hash, hash;
  // The register rows this entry's action wrote, one "book<TAB>key<TAB>sha256 of the row" a
  // line (docs/registers.md, "What the audit log seals"); covered by `hash`.
  std::string rows;
  // HMAC-SHA256 of `hash` with the workspace's audit key (keys/audit.key), which is not in
  // the database: someone who can edit registry.sqlite3 cannot re-chain (issue 13 #3).
  // Empty in entries written before the log was keyed.
  std::string mac;
};

struct FiledRecord {
  int year = 0;
  std::string number;        // 文号 of the document filed
  std::string archive_code;  // 档号
  int item_no = 0;           // 件号
  std::string retention;     // 永久 / 定期30年 / 定期10年
  std::string path;          // archival copy, relative to the workspace
  std::string sha256;
  std::string filed_at;
};

// A received OFD's electronic seals (GB/T 38540) as `verify_ofd` found them when it was
// registered.
struct ReceivedSealCheck {
  // "" : not checked (not an OFD, or registered before the register kept it: schema 5);
  // verified: every seal and every file checks; failed: something does not; unsealed: an
  // OFD without an electronic seal.
  std::string result;
  struct Seal {
    bool valid = false;
    std::string seal_name, signer, maker, signed_at;
    std::string problem;  // the problems, "；"-joined ("" when valid)
  };
  std::vector<Seal> seals;
  std::vector<std::string> problems;  // the package's: files changed, added or removed
};

// 收文 (receiving.hpp): one registered incoming document.
struct ReceivedRecord {
  std::int64_t id = 0;
  int year = 0;              // of the document's date
  int serial = 0;            // 收文号 inside the year
  std::string sender, their_number, title, kind;
  Date date;                 // the document's 成文日期
  Secrecy secrecy = Secrecy::None;
  int copies = 1;
  std::string copy_numbers;  // e.g. "003-004" for secret copies
  std::string signed_by;     // who signed for it (签收人)
  std::string registered_by; // user id
  std::string file_path, sha256, format;  // stored file, relative to the workspace
  std::string slip_path;     // 文件处理签 PDF
  std::string proposal, instruction;  // 拟办, 批示
  std::string text;          // extracted text (search)
  std::string received_at;
  std::string cleared_at, cleared_by;  // 清退 (secret copies only)
  ReceivedSealCheck seal_check;        // an OFD's electronic seals, checked on receipt
  // A scan recognised on receipt (issue 19): "ocr:87" (mean page confidence), the working copy
  // with its invisible text layer (relative path), and the proposed fields the clerk corrected,
  // one "字段<TAB>proposed<TAB>final" line each. All "" for a document that was not recognised.
  std::string ocr_source, ocr_copy_path, ocr_corrections;
  std::string registration() const;    // 收〔2025〕3号
};

// A 批复 and the 请示 it answers, linked when the 批复 is issued (ours, answering a 请示 we
// received) or received (the answer to a 请示 we issued). Looked up from either side.
struct ReplyRecord {
  std::int64_t id = 0;
  std::string request_number, request_title;  // the 请示 (its 文号 in the normal form)
  std::string reply_number, reply_title;      // the 批复
  std::string replied_by;  // the organ that answered (发文机关 of the 批复)
  Date replied_on;         // the 批复's 成文日期
  std::string recorded_by, recorded_at;
};

// A leader's registered 签名章 (GB/T 9704 7.3.5.3): the picture of the signature, kept under
// keys/stamps/ by its hash and pressed on the 令 and 议案 that leader signs off. A newer
// registration replaces an older one for later documents; the older row stays.
struct StampRecord {
  std::int64_t id = 0;
  std::string owner;       // user id of the leader
  std::string sha256;      // of the PNG as registered
  std::string path;        // workspace-relative
  int pixel_width = 0, pixel_height = 0;
  std::string registered_by, registered_at;
};

// One person a received document was passed to (传阅).
struct CirculationRecord {
  std::int64_t received_id = 0;
  std::string person, sent_at;
  std::optional<Date> due;   // 传阅期限, if one was set
  std::string read_at, returned_at;
};

// 借阅 (lending.hpp): one loan of a filed 件.
struct LoanRecord {
  std::int64_t id = 0;
  std::string archive_code, number, title;
  Secrecy secrecy = Secrecy::None;
  std::string borrower, unit, purpose;
  Date borrowed_on, due;
  std::string approved_by;             // user id of the leader (secret items)
  std::optional<Date> returned_on;     // none while out
  std::string condition;               // 完好 / 有损 ("" while out)
  std::string note, recorded_by;
};

// A correction of a filed 件 after the lock (filing_correct.hpp): version 2, 3, …
struct CorrectionRecord {
  int year = 0;
  std::string archive_code;
  int version = 0;  // 2, 3, …: version 1 is the filed original
  std::string path;           // the new file, relative to the workspace; empty for metadata only
  std::string sha256;
  std::string metadata_path;  // the version's EEP XML
  std::string metadata_sha256;
  std::string fields;  // what changed, "题名：旧 → 新；…"
  std::string reason, corrected_by, corrected_at;
};

// A user's password (auth.hpp): the Argon2id string hash, never the password.
struct CredentialRecord {
  std::string user, hash, set_at, set_by;
};

// A CLI login: only the token's SHA-256 is kept.
struct LoginTokenRecord {
  std::string token_sha256, user;
  Instant created_at, expires_at;
};

// A web desk session (app/src/serve/session.hpp): the cookie token's SHA-256, the CSRF
// token, Unix seconds.
// Failed web logins under one key ("u:<user> a:<address>" or "a:<address>"): how many in a
// row, and when the last one was (Unix milliseconds: the first delays are a second). Issue 13 #10.
struct LoginFailureRecord {
  std::string key;
  std::int64_t failures = 0, last_at_ms = 0;
};

struct WebSessionRecord {
  std::string token_sha256, user, csrf;
  std::int64_t created_at = 0, expires_at = 0;
};

}  // namespace gongwen::archive
