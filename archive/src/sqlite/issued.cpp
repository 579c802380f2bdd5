// Issued documents, their numbered copies and the seal register (tables issued, copies,
// seal_use).
#include "sqlite/books.hpp"
#include "sqlite/time_columns.hpp"

namespace gongwen::archive::sqlite {

namespace {

constexpr const char* kIssuedCols =
    "id, draft_id, number, code, year, serial, title, kind, issuer, recipients, secrecy, date, "
    "pdf_path, docx_path, pdf_sha256, docx_sha256, pages, issued_at, text, sheet_path, sheet_sha256, ofd_path, ofd_sha256";

IssuedRecord issued_row(sql::Stmt& s) {
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
  r.secrecy = secrecy_or_strictest(s.text(10));  // legacy 无/非密 → None; unreadable → 绝密
  r.date = day_column(s, 11, "issued", "date");
  r.pdf_path = s.text(12);
  r.docx_path = s.text(13);
  r.pdf_sha256 = s.text(14);
  r.docx_sha256 = s.text(15);
  r.pages = static_cast<int>(s.integer(16));
  r.issued_at = s.text(17);
  r.text = s.text(18);
  r.sheet_path = s.text(19);
  r.sheet_sha256 = s.text(20);
  r.ofd_path = s.text(21);  // NULL (issued before schema 5) reads as ""
  r.ofd_sha256 = s.text(22);
  return r;
}

// ofd_path, ofd_sha256: NULL (registered before schema 6) reads as "".
CopyRecord copy_row(sql::Stmt& s) {
  return CopyRecord{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

SealUseRecord seal_use_row(sql::Stmt& s) {
  return SealUseRecord{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                       static_cast<int>(s.integer(5)), s.text(6), s.text(7)};
}

}  // namespace

std::int64_t Issued::add_issued(const IssuedRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO issued (draft_id, number, code, year, serial, title, kind, issuer, "
              "recipients, secrecy, date, pdf_path, docx_path, pdf_sha256, docx_sha256, pages, "
              "issued_at, text, sheet_path, sheet_sha256, ofd_path, ofd_sha256) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.draft_id).bind(2, r.number).bind(3, r.code).bind(4, r.year).bind(5, r.serial);
  s.bind(6, r.title).bind(7, r.kind).bind(8, r.issuer).bind(9, r.recipients).bind(10, to_chinese(r.secrecy));
  s.bind(11, day_text(r.date)).bind(12, r.pdf_path).bind(13, r.docx_path).bind(14, r.pdf_sha256);
  s.bind(15, r.docx_sha256).bind(16, r.pages).bind(17, r.issued_at).bind(18, r.text);
  s.bind(19, r.sheet_path).bind(20, r.sheet_sha256);
  // No OFD: NULL, as in the rows written before the column existed.
  if (r.ofd_path.empty()) s.bind_null(21).bind_null(22);
  else s.bind(21, r.ofd_path).bind(22, r.ofd_sha256);
  s.run();
  return m_db.last_rowid();
}

std::vector<IssuedRecord> Issued::issued(std::optional<int> year) {
  std::string q = std::string("SELECT ") + kIssuedCols + " FROM issued";
  if (year) q += " WHERE year=?";
  q += " ORDER BY date, id";
  sql::Stmt s(m_db, q.c_str());
  if (year) s.bind(1, *year);
  std::vector<IssuedRecord> out;
  while (s.step()) out.push_back(issued_row(s));
  return out;
}

std::optional<IssuedRecord> Issued::issued_by_number(const std::string& number) {
  sql::Stmt s(m_db, (std::string("SELECT ") + kIssuedCols + " FROM issued WHERE number=?").c_str());
  s.bind(1, number);
  if (!s.step()) return std::nullopt;
  return issued_row(s);
}

void Copies::add_copy(const CopyRecord& c) {
  sql::Stmt s(m_db,
              "INSERT INTO copies (number, copy_number, path, sha256, ofd_path, ofd_sha256) VALUES (?,?,?,?,?,?)");
  s.bind(1, c.number).bind(2, c.copy_number).bind(3, c.path).bind(4, c.sha256);
  // No OFD: NULL, as in the rows written before the columns existed.
  if (c.ofd_path.empty()) s.bind_null(5).bind_null(6);
  else s.bind(5, c.ofd_path).bind(6, c.ofd_sha256);
  s.run();
}

std::vector<CopyRecord> Copies::copies(const std::string& number) {
  sql::Stmt s(m_db, "SELECT number, copy_number, path, sha256, ofd_path, ofd_sha256 FROM copies WHERE number=? "
                    "ORDER BY copy_number");
  s.bind(1, number);
  std::vector<CopyRecord> out;
  while (s.step()) out.push_back(copy_row(s));
  return out;
}

void Seals::add_seal_use(const SealUseRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO seal_use (number, seal_text, approver, keeper, copies, at, approved_at) "
              "VALUES (?,?,?,?,?,?,?)");
  s.bind(1, r.number).bind(2, r.seal_text).bind(3, r.approver).bind(4, r.keeper);
  s.bind(5, r.copies).bind(6, r.at).bind(7, r.approved_at);
  s.run();
}

std::vector<SealUseRecord> Seals::seal_uses() {
  sql::Stmt s(m_db, "SELECT id, number, seal_text, approver, keeper, copies, at, approved_at FROM seal_use ORDER BY id");
  std::vector<SealUseRecord> out;
  while (s.step()) out.push_back(seal_use_row(s));
  return out;
}

}  // namespace gongwen::archive::sqlite
