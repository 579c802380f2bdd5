#include "gongwen/services/access.hpp"

#include <set>

#include "gongwen/archive/receiving.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/services/audit_verify.hpp"

namespace gongwen::services {

namespace fs = std::filesystem;

namespace {

constexpr const char* kHiddenTitle = "（密件，标题不显示）";

std::vector<std::string> draft_distribution(const archive::DraftRecord& d) { return {d.drafter}; }

std::vector<std::string> issued_distribution(archive::Registry& reg, const archive::IssuedRecord& r) {
  std::vector<std::string> out;
  if (auto d = reg.draft(r.draft_id)) out.push_back(d->drafter);
  if (auto s = reg.signoff(r.draft_id)) out.push_back(s->signer);
  return out;
}

// Every string that names an item the reader may not see: titles, 文号, 收文号, 档号, file
// names, "draft #N ". `year` limits it to one year (nullopt: all).
struct Secrets {
  std::vector<std::string> terms;   // any line containing one of these is about a hidden item
  std::vector<std::string> titles;  // replaced in the audit log
  bool names(const std::string& line) const {
    for (const auto& t : terms)
      if (!t.empty() && line.find(t) != std::string::npos) return true;
    return false;
  }
};

Secrets secrets_for(archive::Workspace& ws, std::optional<int> year, const User& reader) {
  Secrets s;
  auto& reg = ws.registry();
  auto add_title = [&](const std::string& t) {
    if (t.empty()) return;
    s.terms.push_back(t);
    s.titles.push_back(t);
  };
  for (const auto& d : reg.drafts()) {
    if (year && d.year != *year) continue;
    if (may_see(reader, d.secrecy, draft_distribution(d))) continue;
    s.terms.push_back("draft #" + std::to_string(d.id) + " ");
    add_title(d.title);
  }
  std::set<std::string> hidden_numbers;
  for (const auto& r : reg.issued(year)) {
    if (may_see(reader, r.secrecy, issued_distribution(reg, r))) continue;
    s.terms.push_back(r.number);
    hidden_numbers.insert(r.number);
    add_title(r.title);
  }
  const FixedClock unused(Instant{});  // listing reads no time
  archive::Receiving rec(ws, unused);
  for (const auto& r : rec.list(year)) {
    if (may_see(reader, r.secrecy)) continue;
    s.terms.push_back(r.registration());
    hidden_numbers.insert(r.registration());
    if (!r.their_number.empty()) {
      s.terms.push_back(r.their_number);
      hidden_numbers.insert(r.their_number);
    }
    if (!r.file_path.empty()) s.terms.push_back(fs::path(r.file_path).filename().string());
    add_title(r.title);
  }
  // Their filed copies: 档号 and archival file names.
  std::vector<int> years;
  if (year) years.push_back(*year);
  else
    for (const auto& r : reg.issued()) years.push_back(r.year);
  std::set<int> done;
  for (int y : years) {
    if (!done.insert(y).second) continue;
    for (const auto& f : reg.filed(y)) {
      if (!hidden_numbers.count(f.number)) continue;
      s.terms.push_back(f.archive_code);
      if (!f.path.empty()) s.terms.push_back(fs::path(f.path).filename().string());
    }
  }
  return s;
}

void replace_all(std::string& text, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

}  // namespace

bool may_see(const User& reader, Secrecy secrecy, const std::vector<std::string>& distribution) {
  if (cleared_for(reader.clearance, secrecy)) return true;
  for (const auto& d : distribution)
    if (d == reader.id) return true;
  return false;
}

User uncleared_reader() {
  User u;
  u.id = "";
  u.clearance = Secrecy::None;
  return u;
}

Visible filing_blockers_for(archive::Workspace& ws, int year, const User& reader) {
  const Secrets s = secrets_for(ws, year, reader);
  Visible out;
  for (auto& b : archive::filing_blockers(ws, year)) {
    if (s.names(b)) ++out.hidden;
    else out.lines.push_back(std::move(b));
  }
  return out;
}

VisiblePlan filing_plan_for(archive::Workspace& ws, int year, const User& reader,
                            const archive::RetentionOverrides& overrides) {
  VisiblePlan out;
  for (auto& p : archive::filing_plan(ws, year, overrides)) {
    if (may_see(reader, secrecy_or_strictest(p.secrecy))) out.items.push_back(std::move(p));
    else ++out.hidden;
  }
  return out;
}

VisibleVerify verify_year_for(archive::Workspace& ws, int year, const User& reader) {
  VisibleVerify out;
  out.report = archive::verify_year(ws, year);  // with archive::check_audit's findings (安全性)
  // The audit entries' time order, as `gongwen audit verify` checks it (issue 13 #7).
  if (const AuditVerdict order = audit_time_order(ws); order.order_is_failure)
    out.report.failures.push_back({"安全性", msg("archive.check.audit_log"), order.order_text, "archive.check.audit.order"});
  else if (!order.order_text.empty())
    out.report.notes.push_back(order.order_text);
  const Secrets s = secrets_for(ws, year, reader);
  std::vector<archive::VerifyFinding> failures;
  for (auto& f : out.report.failures) {
    if (s.names(f.file) || s.names(f.problem)) {
      // Still a failure (the report must not pass), but anonymous.
      ++out.hidden;
      failures.push_back({f.aspect, msg("archive.check.hidden.file"), msg("archive.check.hidden"), "archive.check.hidden"});
    } else {
      failures.push_back(std::move(f));
    }
  }
  out.report.failures = std::move(failures);
  std::vector<std::string> notes, versions;
  for (auto& n : out.report.notes)
    if (s.names(n)) ++out.hidden;
    else notes.push_back(std::move(n));
  for (auto& v : out.report.versions)
    if (s.names(v)) ++out.hidden;
    else versions.push_back(std::move(v));
  out.report.notes = std::move(notes);
  out.report.versions = std::move(versions);
  return out;
}

std::string title_for(const archive::DraftRecord& d, const User& reader) {
  return may_see(reader, d.secrecy, draft_distribution(d)) ? d.title : kHiddenTitle;
}

std::vector<archive::AuditEntry> audit_log_for(archive::Workspace& ws, const User& reader) {
  const Secrets s = secrets_for(ws, std::nullopt, reader);
  auto log = ws.registry().audit_log();
  for (auto& e : log)
    for (const auto& t : s.titles) {
      replace_all(e.subject, t, kHiddenTitle);
      replace_all(e.detail, t, kHiddenTitle);
    }
  return log;
}

}  // namespace gongwen::services
