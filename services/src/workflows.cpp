#include "gongwen/services/workflows.hpp"

#include "gongwen/archive/keys.hpp"
#include "gongwen/search/extract.hpp"
#include "gongwen/services/indexing.hpp"

namespace gongwen::services {

namespace {

// Runs an indexing step after its registers committed: a failure leaves the record standing
// and says why the index lags behind.
template <class F>
std::string index_or_problem(F&& f) {
  try {
    f();
    return {};
  } catch (const Failure& e) {
    return e.error().message;
  }
}

}  // namespace

DraftStep Workflows::submit(const std::filesystem::path& draft_file, const std::string& user) {
  const auto d = m_office.submit(draft_file, user);
  return {d, m_office.next_step(d)};
}

DraftStep Workflows::review(const std::string& ref, const std::string& user, archive::Decision decision,
                            const std::string& opinion) {
  const auto d = m_office.review(ref, user, decision, opinion);
  return {d, m_office.next_step(d)};
}

DraftStep Workflows::sign(const std::string& ref, const std::string& user, const std::string& opinion) {
  const auto d = m_office.sign(ref, user, opinion);
  return {d, m_office.next_step(d)};
}

IssueResult Workflows::issue(const std::string& ref, const std::string& user) {
  auto out = m_office.issue(ref, user);
  IssueResult r;
  r.issued = out.issued;
  r.copies = m_ws.registry().copies(out.issued.number);
  r.warnings = std::move(out.warnings);
  r.index_problem = index_or_problem([&] { index_issued(m_ws, out.issued); });
  r.next = {Step::Done, ""};
  return r;
}

archive::NumberRecord Workflows::void_number(const std::string& number, const std::string& user,
                                             const std::string& reason) {
  return m_office.void_number(number, user, reason);
}

ReceiveResult Workflows::receive(archive::ReceiveInput in, const std::string& user) {
  if (in.text.empty()) in.text = search::extract_text(archive::read_file(in.file), in.file.string()).take();
  archive::Receiving rec(m_ws, m_clock);
  ReceiveResult r;
  r.received = rec.receive(in, user);
  r.index_problem = index_or_problem([&] { index_received(m_ws, rec, r.received); });
  r.next = {Step::Handle, ""};
  return r;
}

void Workflows::circulate(std::int64_t id, const std::string& person, int days, const std::string& user) {
  archive::Receiving rec(m_ws, m_clock);
  rec.circulate(id, person, days, user);
  if (auto r = rec.get(id)) index_received(m_ws, rec, *r);
}

FileResult Workflows::file_year(int year, const std::string& user, const archive::RetentionOverrides& overrides,
                                const ProgressFn& progress) {
  archive::FilingOptions options;
  options.overrides = overrides;
  // The filing reports each 件 as it is stamped and described, then (n, n) once more when the
  // package is written: from then on it is registering, and the next report is the indexing.
  bool staged = false;
  if (progress)
    options.progress = [&](int done, int total) {
      if (staged) return;
      progress({"staging", done, total});
      if (done == total) staged = true;
    };
  FileResult r;
  r.filing = archive::file_year(m_ws, year, m_clock, user, options);
  // The archive metadata (档号, 保管期限) becomes searchable: issued and received alike.
  r.reindexed = reindex_year(m_ws, year, progress);
  const int n = static_cast<int>(r.filing.items.size());
  if (progress) progress({"done", n, n});
  r.next = {Step::Verify, user};
  return r;
}

CorrectResult Workflows::correct(const archive::CorrectionRequest& request, const std::string& user) {
  CorrectResult r;
  r.correction = archive::correct_filed_item(m_ws, request, m_clock, user);
  r.reindexed = reindex_year(m_ws, request.year);
  r.next = {Step::Verify, user};
  return r;
}

LoanResult Workflows::lend(const archive::LoanRequest& request, const std::string& user) {
  archive::Lending lending(m_ws, m_clock);
  const auto l = lending.borrow(request, user);
  return {l, {Step::ReturnLoan, l.borrower}};
}

LoanResult Workflows::give_back(std::int64_t loan_id, archive::Condition condition, const std::string& note,
                                const std::string& user) {
  archive::Lending lending(m_ws, m_clock);
  return {lending.give_back(loan_id, condition, note, user), {Step::Done, ""}};
}

}  // namespace gongwen::services
