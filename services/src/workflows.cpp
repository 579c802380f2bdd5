#include "gongwen/services/workflows.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "gongwen/archive/keys.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/text_checks.hpp"
#include "gongwen/search/extract.hpp"
#include "gongwen/search/ocr.hpp"
#include "gongwen/pipeline/ofd_read.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/services/fault.hpp"
#include "gongwen/services/indexing.hpp"
#include "gongwen/services/seal_check.hpp"
#include "gongwen/pipeline/messages.hpp"

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
  return std::move(issue_all({ref}, user).front());
}

std::vector<IssueResult> Workflows::issue_all(const std::vector<std::string>& refs, const std::string& user) {
  std::vector<IssueResult> all;
  try {
    for (const auto& ref : refs) {
      auto out = m_office.issue(ref, user);
      IssueResult r;
      r.issued = out.issued;
      r.copies = m_ws.registry().copies(out.issued.number);
      r.warnings = std::move(out.warnings);
      r.next = {Step::Done, ""};
      all.push_back(std::move(r));
      fault_point("issue-committed");
    }
  } catch (...) {
    // What was issued before the refusal is indexed all the same; the refusal goes on.
    index_or_problem([&] { catch_up_index(m_ws); });
    throw;
  }
  // One index commit for the whole batch: its syncs cost as much as an issue's own.
  const std::string problem = index_or_problem([&] { catch_up_index(m_ws); });
  for (auto& r : all) r.index_problem = problem;
  return all;
}

archive::NumberRecord Workflows::void_number(const std::string& number, const std::string& user,
                                             const std::string& reason) {
  return m_office.void_number(number, user, reason);
}

namespace {

// 来文单位, 文号, 标题, 成文日期, 文种, 密级 from an OFD's DocInfo (CustomDatas, then the
// standard fields) or its 公文 tags, where the clerk left them empty.
void prefill_from_ofd(archive::ReceiveInput& in, const OfdContent& ofd) {
  auto first = [&](std::initializer_list<std::pair<const std::map<std::string, std::string>*, const char*>> from) {
    for (const auto& [m, key] : from)
      if (auto it = m->find(key); it != m->end() && !it->second.empty()) return it->second;
    return std::string();
  };
  const auto* info = &ofd.info;
  const auto* tags = &ofd.tags;
  if (in.sender.empty()) in.sender = first({{info, "发文机关"}, {tags, "发文机关署名"}, {info, "Author"}});
  if (in.their_number.empty()) in.their_number = first({{info, "文号"}, {tags, "发文字号"}});
  if (in.title.empty()) in.title = first({{info, "标题"}, {tags, "标题"}, {info, "Title"}});
  if (in.date.empty()) in.date = first({{info, "成文日期"}, {tags, "成文日期"}});
  if (in.kind.empty()) in.kind = first({{info, "文种"}});
  if (in.secrecy.empty()) in.secrecy = first({{info, "密级"}, {tags, "密级和保密期限"}});
}

// The office's own names for the correction pass over recognised text: our name, the organs
// that issued with us, and every sender already registered.
std::vector<std::string> office_terms(archive::Workspace& ws) {
  std::set<std::string> terms;
  if (!ws.profile().office_name.empty()) terms.insert(ws.profile().office_name);
  for (const auto& i : ws.registry().issued(std::nullopt)) terms.insert(i.issuer);
  const FixedClock unused(Instant{});
  archive::Receiving rec(ws, unused);
  for (const auto& r : rec.list()) terms.insert(r.sender);
  terms.erase("");
  // Longer names first, so a whole name wins over a part of it.
  std::vector<std::string> out(terms.begin(), terms.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

// Recognises a scan into `in`: its text, the working copy, the fields the clerk left empty.
void recognise_into(archive::Workspace& ws, const Clock& clock, const std::string& bytes, archive::ReceiveInput& in,
                    const ScanHooks& hooks, ReceiveResult& r) {
  search::OcrOptions options;
  options.creation_date = clock.now().iso8601();
  options.progress = hooks.progress;
  const search::OcrOutcome out = search::recognise_scan(bytes, in.file.string(), options).take();
  const auto terms = office_terms(ws);
  const std::string text = search::correct_with_vocabulary(out.text, terms);
  const std::string first = out.pages.empty() ? "" : search::correct_with_vocabulary(out.pages.front().text, terms);
  r.proposed = search::propose_fields(first, text);
  const search::ProposedFields& p = r.proposed;
  auto fill = [](std::string& field, const std::string& value) { if (field.empty()) field = value; };
  fill(in.sender, p.sender);
  fill(in.their_number, p.number);
  fill(in.title, p.title);
  fill(in.date, p.date);
  fill(in.secrecy, p.secrecy);
  fill(in.kind, p.kind);
  if (hooks.confirm) hooks.confirm(p, in);
  // What differs from the proposal was typed by the clerk: kept, field by field.
  const std::pair<const char*, std::pair<const std::string*, const std::string*>> fields[] = {
      {"来文单位", {&p.sender, &in.sender}}, {"文号", {&p.number, &in.their_number}}, {"标题", {&p.title, &in.title}},
      {"成文日期", {&p.date, &in.date}},     {"密级", {&p.secrecy, &in.secrecy}},     {"文种", {&p.kind, &in.kind}}};
  for (const auto& [name, values] : fields)
    if (*values.first != *values.second) r.corrections += std::string(name) + '\t' + *values.first + '\t' + *values.second + '\n';
  in.text = text;
  in.ocr_source = "ocr:" + std::to_string(out.confidence);
  in.ocr_pdf = out.pdf;
  in.ocr_corrections = r.corrections;
  r.ocr_pages = out.recognised;
  r.ocr_confidence = out.confidence;
  r.ocr_warnings = out.warnings;
}

}  // namespace

ReceiveResult Workflows::receive(archive::ReceiveInput in, const std::string& user, const ScanHooks& hooks) {
  refuse_bidi_controls("题名", in.title);
  refuse_overlong_title("题名", in.title);
  refuse_bidi_controls("来文单位", in.sender);
  refuse_bidi_controls("来文字号", in.their_number);
  // A regular file of bounded size, whoever named it (/dev/zero ended in bad_alloc).
  const std::string bytes = read_outside_file(in.file);
  ReceiveResult r;
  const search::ScanFormat scan = search::scan_format(bytes);
  if (in.text.empty() && (scan == search::ScanFormat::Jpeg || scan == search::ScanFormat::Png ||
                          scan == search::ScanFormat::Tiff ||
                          (scan == search::ScanFormat::Pdf && search::pdf_needs_ocr(bytes)))) {
    recognise_into(m_ws, m_clock, bytes, in, hooks, r);
    refuse_bidi_controls("题名", in.title);
    refuse_overlong_title("题名", in.title);
    refuse_bidi_controls("来文单位", in.sender);
    refuse_bidi_controls("来文字号", in.their_number);
  }
  if (bytes.rfind("PK", 0) == 0 && in.file.extension() != ".docx") {
    // An OFD: what the clerk did not type comes from its DocInfo and 公文 tags, and its
    // seals are checked before anything is registered (a broken package is refused).
    const OfdContent ofd = read_ofd(bytes, in.file.string()).take();
    prefill_from_ofd(in, ofd);
    if (in.text.empty()) in.text = search::remove_spaces_between_han(ofd.text());
    // The seal check is kept in the register row (received.seal_check, docs/ofd.md).
    in.seal_check = seal_check_of(verify_ofd(bytes));
  }
  if (in.text.empty()) in.text = search::extract_text(bytes, in.file.string()).take();
  archive::Receiving rec(m_ws, m_clock);
  r.received = rec.receive(in, user);
  r.seal_checks = seal_check_lines(r.received.seal_check);
  fault_point("receive-committed");
  r.index_problem = index_or_problem([&] { catch_up_index(m_ws); });
  r.next = {Step::Handle, ""};
  return r;
}

void Workflows::circulate(std::int64_t id, const std::string& person, int days, const std::string& user) {
  archive::Receiving rec(m_ws, m_clock);
  rec.circulate(id, person, days, user);
  catch_up_index(m_ws);
}

FileResult Workflows::file_year(int year, const std::string& user, const archive::RetentionOverrides& overrides,
                                const ProgressFn& progress, bool confirm_open_year) {
  const Date today = m_clock.now().local_date();
  if (year >= today.year && !confirm_open_year)
    fail(Code::Conflict,
         std::to_string(year) + " 年度尚未结束（今天是 " + today.iso() + "），归档后该年度即锁定：成文日期在 " +
             std::to_string(year) + " 年的文件不能再发文，该年度的收文不能再登记",
         {"年度结束后再归档", "确需提前归档：命令行加 --confirm-open-year，网页上确认后提交"});
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
  for (const auto& [field, value] : request.fields) {
    refuse_bidi_controls(field, value);
    if (field == "题名") refuse_overlong_title(field, value);
  }
  if (!request.file.empty()) read_outside_file(request.file);
  CorrectResult r;
  r.correction = archive::correct_filed_item(m_ws, request, m_clock, user);
  r.reindexed = reindex_year(m_ws, request.year);
  r.next = {Step::Verify, user};
  return r;
}

namespace {

// The 密级 of a filed 件 by its 档号, or nullopt when no 件 has it.
std::optional<Secrecy> filed_secrecy(archive::Workspace& ws, const std::string& archive_code) {
  auto& reg = ws.registry();
  std::set<int> years;
  for (const auto& r : reg.issued()) years.insert(r.year);
  const FixedClock unused(Instant{});
  archive::Receiving rec(ws, unused);
  const auto received = rec.list();
  for (const auto& r : received) years.insert(r.year);
  for (int y : years)
    for (const auto& f : reg.filed(y)) {
      if (f.archive_code != archive_code) continue;
      if (auto i = reg.issued_by_number(f.number)) return i->secrecy;
      for (const auto& r : received)
        if (r.registration() == f.number || (!r.their_number.empty() && r.their_number == f.number)) return r.secrecy;
      return Secrecy::None;
    }
  return std::nullopt;
}

}  // namespace

LoanResult Workflows::lend(const archive::LoanRequest& request, const std::string& user) {
  // An archivist not cleared for a secret 件 is answered exactly as for a 档号 that does not
  // exist: the same code, the same words, no title (issue 13 #1).
  if (const User* u = m_ws.profile().user(user); u && u->has(Role::Archivist)) {
    const auto secrecy = filed_secrecy(m_ws, request.archive_code);
    if (!secrecy || !may_see(*u, *secrecy))
      fail(Code::NotFound, msg("correct.item.unfiled", {{"code", request.archive_code}}), {msg("correct.item.unfiled.hint")});
  }
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
