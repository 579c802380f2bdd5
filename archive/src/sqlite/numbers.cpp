// The 发文字号 book (table numbers; a trigger forbids deleting a row).
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

namespace {
NumberRecord number_row(sql::Stmt& s) {
  return NumberRecord{s.text(0), static_cast<int>(s.integer(1)), static_cast<int>(s.integer(2)),
                      s.integer(3), s.text(4), s.text(5), s.text(6)};
}
}  // namespace

int Numbers::allocate_number(const std::string& code, int year, std::int64_t draft_id, const std::string& at) {
  sql::Stmt q(m_db, "SELECT COALESCE(MAX(serial), 0) + 1 FROM numbers WHERE code=? AND year=?");
  q.bind(1, code).bind(2, year);
  q.step();
  const int serial = static_cast<int>(q.integer(0));
  sql::Stmt s(m_db, "INSERT INTO numbers (code, year, serial, draft_id, status, at) VALUES (?,?,?,?,'issued',?)");
  s.bind(1, code).bind(2, year).bind(3, serial).bind(4, draft_id).bind(5, at);
  s.run();
  return serial;
}

void Numbers::void_number(const std::string& code, int year, int serial, const std::string& reason,
                          const std::string& at) {
  sql::Stmt s(m_db, "UPDATE numbers SET status='void', reason=?, at=? WHERE code=? AND year=? AND serial=?");
  s.bind(1, reason).bind(2, at).bind(3, code).bind(4, year).bind(5, serial);
  s.run();
}

std::vector<NumberRecord> Numbers::numbers(int year) {
  sql::Stmt s(m_db,
              "SELECT code, year, serial, draft_id, status, reason, at FROM numbers WHERE year=? "
              "ORDER BY code, serial");
  s.bind(1, year);
  std::vector<NumberRecord> out;
  while (s.step()) out.push_back(number_row(s));
  return out;
}

}  // namespace gongwen::archive::sqlite
