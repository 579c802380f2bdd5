// 借阅登记 (table loans).
#include "sqlite/books.hpp"
#include "sqlite/time_columns.hpp"

namespace gongwen::archive::sqlite {

namespace {

constexpr const char* kCols =
    "id, archive_code, number, title, secrecy, borrower, unit, purpose, borrowed_on, due, approved_by, "
    "returned_on, condition, note, recorded_by";

LoanRecord loan_row(sql::Stmt& q) {
  LoanRecord r;
  r.id = q.integer(0);
  r.archive_code = q.text(1);
  r.number = q.text(2);
  r.title = q.text(3);
  r.secrecy = secrecy_or_strictest(q.text(4));  // legacy 无/非密 → None; unreadable → 绝密
  r.borrower = q.text(5);
  r.unit = q.text(6);
  r.purpose = q.text(7);
  r.borrowed_on = day_column(q, 8, "loans", "borrowed_on");
  r.due = day_column(q, 9, "loans", "due");
  r.approved_by = q.text(10);
  r.returned_on = optional_day_column(q, 11, "loans", "returned_on");
  r.condition = q.text(12);
  r.note = q.text(13);
  r.recorded_by = q.text(14);
  return r;
}

std::string select(const char* rest) { return std::string("SELECT ") + kCols + " FROM loans " + rest; }

}  // namespace

std::int64_t Loans::add_loan(const LoanRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO loans (archive_code, number, title, secrecy, borrower, unit, purpose, borrowed_on, "
              "due, approved_by, returned_on, condition, note, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.archive_code).bind(2, r.number).bind(3, r.title).bind(4, to_chinese(r.secrecy)).bind(5, r.borrower)
      .bind(6, r.unit).bind(7, r.purpose).bind(8, day_text(r.borrowed_on)).bind(9, day_text(r.due)).bind(10, r.approved_by)
      .bind(11, day_text(r.returned_on)).bind(12, r.condition).bind(13, r.note).bind(14, r.recorded_by).run();
  return m_db.last_rowid();
}

std::optional<LoanRecord> Loans::loan(std::int64_t id) {
  sql::Stmt q(m_db, select("WHERE id = ?").c_str());
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return loan_row(q);
}

std::vector<LoanRecord> Loans::loans(bool open_only) {
  sql::Stmt q(m_db, select(open_only ? "WHERE returned_on = '' ORDER BY id" : "ORDER BY id").c_str());
  std::vector<LoanRecord> out;
  while (q.step()) out.push_back(loan_row(q));
  return out;
}

std::optional<LoanRecord> Loans::open_loan(const std::string& archive_code) {
  sql::Stmt q(m_db, select("WHERE archive_code = ? AND returned_on = '' ORDER BY id LIMIT 1").c_str());
  q.bind(1, archive_code);
  if (!q.step()) return std::nullopt;
  return loan_row(q);
}

void Loans::record_return(std::int64_t id, const Date& returned_on, const std::string& condition,
                          const std::string& note) {
  sql::Stmt s(m_db, "UPDATE loans SET returned_on = ?, condition = ?, note = ? WHERE id = ?");
  s.bind(1, day_text(returned_on)).bind(2, condition).bind(3, note).bind(4, id).run();
}

}  // namespace gongwen::archive::sqlite
