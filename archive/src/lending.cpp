// The lending register (借阅登记), kept in the registry's SQLite file so that each loan and
// its audit entry land in one transaction.
#include "gongwen/archive/lending.hpp"

#include "filing_dates.hpp"
#include "registry_sqlite.hpp"

namespace gongwen::archive {

namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS loans (
  id INTEGER PRIMARY KEY, archive_code TEXT NOT NULL, number TEXT NOT NULL, title TEXT NOT NULL,
  secrecy TEXT NOT NULL, borrower TEXT NOT NULL, unit TEXT NOT NULL, purpose TEXT NOT NULL,
  borrowed_on TEXT NOT NULL, due TEXT NOT NULL, approved_by TEXT NOT NULL, returned_on TEXT NOT NULL DEFAULT '',
  condition TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', recorded_by TEXT NOT NULL);
)SQL";

constexpr const char* kCols =
    "id, archive_code, number, title, secrecy, borrower, unit, purpose, borrowed_on, due, approved_by, "
    "returned_on, condition, note, recorded_by";

LoanRecord read_row(sql::Stmt& q) {
  LoanRecord r;
  r.id = q.integer(0);
  r.archive_code = q.text(1);
  r.number = q.text(2);
  r.title = q.text(3);
  r.secrecy = q.text(4);
  r.borrower = q.text(5);
  r.unit = q.text(6);
  r.purpose = q.text(7);
  r.borrowed_on = q.text(8);
  r.due = q.text(9);
  r.approved_by = q.text(10);
  r.returned_on = q.text(11);
  r.condition = q.text(12);
  r.note = q.text(13);
  r.recorded_by = q.text(14);
  return r;
}

}  // namespace

Lending::Lending(Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock) {
  sqlite_db(ws.registry()).exec(kSchema);
}

const User& Lending::archivist(const std::string& id, const std::string& action) {
  const User* u = m_ws.profile().user(id);
  if (!u) fail(Code::NotFound, "unknown user '" + id + "'");
  if (!u->has(Role::Archivist)) fail(Code::Forbidden, u->name + " may not " + action + ": it needs the role 档案员");
  return *u;
}

std::optional<LoanRecord> Lending::get(std::int64_t id) {
  sql::Stmt q(sqlite_db(m_ws.registry()), (std::string("SELECT ") + kCols + " FROM loans WHERE id = ?").c_str());
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

LoanRecord Lending::borrow(const LoanRequest& req, const std::string& user) {
  const User& u = archivist(user, "lend archives");
  if (req.borrower.empty() || req.unit.empty() || req.purpose.empty())
    fail(Code::BadInput, "a loan needs the borrower, their unit and the purpose");
  if (req.days < 1 || req.days > 365) fail(Code::BadInput, "the loan period must be 1 to 365 days");
  auto& db = sqlite_db(m_ws.registry());
  LoanRecord r;
  {
    sql::Stmt q(db, "SELECT number, year FROM filed WHERE archive_code = ?");
    q.bind(1, req.archive_code);
    if (!q.step()) fail(Code::NotFound, "no filed item " + req.archive_code, {"gongwen archive verify lists the year's 档号"});
    r.number = q.text(0);
  }
  if (auto i = m_ws.registry().issued_by_number(r.number)) {
    r.title = i->title;
    r.secrecy = i->secrecy;
  } else {
    sql::Stmt q(db, "SELECT title, secrecy FROM received WHERE '收〔' || year || '〕' || serial || '号' = ?");
    q.bind(1, r.number);
    if (q.step()) {
      r.title = q.text(0);
      r.secrecy = q.text(1);
    }
  }
  if (!r.secrecy.empty()) {
    if (req.approved_by.empty())
      fail(Code::Forbidden, req.archive_code + " is " + r.secrecy + ": lending it needs a leader's approval",
           {"name the approving leader with --approved-by"});
    const User* a = m_ws.profile().user(req.approved_by);
    if (!a || !a->has(Role::Signer))
      fail(Code::Forbidden, "'" + req.approved_by + "' is not a leader who may approve lending a secret item");
  }
  {
    sql::Stmt q(db, "SELECT borrower FROM loans WHERE archive_code = ? AND returned_on = ''");
    q.bind(1, req.archive_code);
    if (q.step()) fail(Code::Conflict, req.archive_code + " is already out with " + q.text(0));
  }
  const Date today = m_clock.now().local_date();
  r.archive_code = req.archive_code;
  r.borrower = req.borrower;
  r.unit = req.unit;
  r.purpose = req.purpose;
  r.borrowed_on = today.iso();
  r.due = add_days(today, req.days).iso();
  r.approved_by = req.approved_by;
  r.recorded_by = u.id;
  m_ws.registry().transaction([&] {
    sql::Stmt s(db, "INSERT INTO loans (archive_code, number, title, secrecy, borrower, unit, purpose, borrowed_on, "
                    "due, approved_by, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.archive_code).bind(2, r.number).bind(3, r.title).bind(4, r.secrecy).bind(5, r.borrower)
        .bind(6, r.unit).bind(7, r.purpose).bind(8, r.borrowed_on).bind(9, r.due).bind(10, r.approved_by)
        .bind(11, r.recorded_by).run();
    r.id = db.last_rowid();
    m_ws.registry().audit(m_clock.now().iso8601(), u.id, "borrow", r.archive_code,
                          r.borrower + " (" + r.unit + ") for " + r.purpose + ", due " + r.due +
                              (r.approved_by.empty() ? "" : ", approved by " + r.approved_by));
  });
  return r;
}

LoanRecord Lending::give_back(std::int64_t loan_id, Condition condition, const std::string& note,
                              const std::string& user) {
  const User& u = archivist(user, "record a return");
  auto r = get(loan_id);
  if (!r) fail(Code::NotFound, "no loan #" + std::to_string(loan_id));
  if (!r->returned_on.empty()) fail(Code::Conflict, "loan #" + std::to_string(loan_id) + " was returned on " + r->returned_on);
  r->returned_on = m_clock.now().local_date().iso();
  r->condition = condition == Condition::Intact ? "完好" : "有损";
  r->note = note;
  m_ws.registry().transaction([&] {
    sql::Stmt s(sqlite_db(m_ws.registry()), "UPDATE loans SET returned_on = ?, condition = ?, note = ? WHERE id = ?");
    s.bind(1, r->returned_on).bind(2, r->condition).bind(3, note).bind(4, loan_id).run();
    m_ws.registry().audit(m_clock.now().iso8601(), u.id, "return", r->archive_code,
                          r->borrower + " returned, " + r->condition + (note.empty() ? "" : ": " + note));
  });
  return *r;
}

std::vector<LoanRecord> Lending::loans(bool open_only) {
  std::string sql = std::string("SELECT ") + kCols + " FROM loans";
  if (open_only) sql += " WHERE returned_on = ''";
  sql += " ORDER BY id";
  sql::Stmt q(sqlite_db(m_ws.registry()), sql.c_str());
  std::vector<LoanRecord> out;
  while (q.step()) out.push_back(read_row(q));
  return out;
}

std::vector<LoanRecord> Lending::overdue() {
  const std::string today = m_clock.now().local_date().iso();
  std::vector<LoanRecord> out;
  for (auto& l : loans(true))
    if (l.due < today) out.push_back(std::move(l));
  return out;
}

}  // namespace gongwen::archive
