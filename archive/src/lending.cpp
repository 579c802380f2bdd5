// The lending register (借阅登记), kept in the registry's LoanBook so that each loan and its
// audit entry land in one transaction.
#include "gongwen/archive/lending.hpp"

#include <cstdio>

#include "filing_dates.hpp"

namespace gongwen::archive {

namespace {

// A filed received document's 文号 is its 收文号 (收〔2025〕3号).
std::optional<ReceivedRecord> received_by_registration(Registry& reg, const std::string& number) {
  int year = 0, serial = 0, used = 0;
  if (std::sscanf(number.c_str(), "收〔%d〕%d号%n", &year, &serial, &used) != 2 ||
      used != static_cast<int>(number.size()))
    return std::nullopt;
  return reg.received_by_serial(year, serial);
}

}  // namespace

Lending::Lending(Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock) {}

const User& Lending::archivist(const std::string& id, const std::string& action) {
  const User* u = m_ws.profile().user(id);
  if (!u) fail(Code::NotFound, msg("workflow.user.unknown", {{"id", id}}));
  if (!u->has(Role::Archivist))
    fail(Code::Forbidden, msg("archive.role.missing", {{"name", u->name}, {"action", msg("archive.action." + action)},
                                                       {"role", role_chinese(Role::Archivist)}}));
  return *u;
}

std::optional<LoanRecord> Lending::get(std::int64_t id) { return m_ws.registry().loan(id); }

LoanRecord Lending::borrow(const LoanRequest& req, const std::string& user) {
  const User& u = archivist(user, "lend");
  if (req.borrower.empty() || req.unit.empty() || req.purpose.empty())
    fail(Code::BadInput, msg("lending.fields.missing"));
  if (req.days < 1 || req.days > 365) fail(Code::BadInput, msg("lending.days.invalid"));
  Registry& reg = m_ws.registry();
  LoanRecord r;
  const auto filed = reg.filed_by_code(req.archive_code);
  if (!filed) fail(Code::NotFound, msg("lending.item.none", {{"code", req.archive_code}}), {msg("lending.item.none.hint")});
  r.number = filed->number;
  if (auto i = reg.issued_by_number(r.number)) {
    r.title = i->title;
    r.secrecy = i->secrecy;
  } else if (auto rec = received_by_registration(reg, r.number)) {
    r.title = rec->title;
    r.secrecy = rec->secrecy;
  }
  if (r.secrecy != Secrecy::None) {
    if (req.approved_by.empty())
      fail(Code::Forbidden, msg("lending.approval.missing", {{"code", req.archive_code}, {"level", to_chinese(r.secrecy)}}),
           {msg("lending.approval.missing.hint")});
    const User* a = m_ws.profile().user(req.approved_by);
    if (!a || !a->has(Role::Signer))
      fail(Code::Forbidden, msg("lending.approval.not_leader", {{"id", req.approved_by}}));
  }
  if (auto out = reg.open_loan(req.archive_code))
    fail(Code::Conflict, msg("lending.out", {{"code", req.archive_code}, {"borrower", out->borrower}}));
  const Date today = m_clock.now().local_date();
  r.archive_code = req.archive_code;
  r.borrower = req.borrower;
  r.unit = req.unit;
  r.purpose = req.purpose;
  r.borrowed_on = today;
  r.due = add_days(today, req.days);
  r.approved_by = req.approved_by;
  r.recorded_by = u.id;
  m_ws.registry().transaction([&] {
    r.id = reg.add_loan(r);
    m_ws.registry().audit(m_clock.now().iso8601(), u.id, "borrow", r.archive_code,
                          r.borrower + " (" + r.unit + ") for " + r.purpose + ", due " + r.due.iso() +
                              (r.approved_by.empty() ? "" : ", approved by " + r.approved_by));
  });
  return r;
}

LoanRecord Lending::give_back(std::int64_t loan_id, Condition condition, const std::string& note,
                              const std::string& user) {
  const User& u = archivist(user, "take_back");
  auto r = get(loan_id);
  if (!r) fail(Code::NotFound, msg("lending.none", {{"id", std::to_string(loan_id)}}));
  if (r->returned_on)
    fail(Code::Conflict, msg("lending.returned", {{"id", std::to_string(loan_id)}, {"date", r->returned_on->iso()}}));
  r->returned_on = m_clock.now().local_date();
  r->condition = condition == Condition::Intact ? "完好" : "有损";
  r->note = note;
  m_ws.registry().transaction([&] {
    m_ws.registry().record_return(loan_id, *r->returned_on, r->condition, note);
    m_ws.registry().audit(m_clock.now().iso8601(), u.id, "return", r->archive_code,
                          r->borrower + " returned, " + r->condition + (note.empty() ? "" : ": " + note));
  });
  return *r;
}

std::vector<LoanRecord> Lending::loans(bool open_only) { return m_ws.registry().loans(open_only); }

std::vector<LoanRecord> Lending::overdue() {
  const Date today = m_clock.now().local_date();
  std::vector<LoanRecord> out;
  for (auto& l : loans(true))
    if (l.due < today) out.push_back(std::move(l));
  return out;
}

}  // namespace gongwen::archive
