// The handling of outgoing documents. The rules come from the office's 分文处理制度 and
// 印鉴管理制度: reviewed in order, signed off by the leader ("领导未签的文件一律不得印发"),
// sealed only by the seal keeper on a signed-off document, every seal use registered.
#include "gongwen/services/office.hpp"

#include "gongwen/archive/filing.hpp"

#include <algorithm>

#include <cstdio>
#include <set>

#include "gongwen/archive/audit_check.hpp"
#include "gongwen/archive/file_writes.hpp"
#include "gongwen/archive/keys.hpp"
#include "gongwen/archive/pdf_signer.hpp"
#include "gongwen/services/display.hpp"
#include "gongwen/services/documents.hpp"
#include "gongwen/services/fault.hpp"
#include "gongwen/services/text_checks.hpp"
#include "ofd_sealing.hpp"
#include "gongwen/pipeline/draftsheet.hpp"
#include "gongwen/pipeline/number.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/sign.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::services {

using namespace gongwen::archive;
namespace fs = std::filesystem;

namespace {

std::string roles_text(std::initializer_list<Role> roles) {
  std::string s;
  for (Role r : roles) s += (s.empty() ? "" : " / ") + std::string(role_chinese(r));
  return s;
}

// The words of a refused action ("sign off documents" → 签发公文) in the language of messages;
// the audit log keeps the English action as its stable record.
std::string action_text(const std::string& action) {
  std::string code = "workflow.action." + action;
  std::replace(code.begin(), code.end(), ' ', '_');
  return has_message(code) ? msg(code) : action;
}

std::string draft_label(const DraftRecord& d) { return "#" + std::to_string(d.id) + " " + d.title; }


std::string user_post(const Profile& p, const std::string& id) {
  const User* u = p.user(id);
  return u ? u->title : "";
}

// The 签发人 of each issuing organ, in the organs' order (an organ without one, or a leader
// of two organs, counts once).
std::vector<std::string> organ_signers(const Profile& p, const std::vector<std::string>& organ_ids) {
  std::vector<std::string> out;
  for (const auto& id : organ_ids)
    if (const Organ* o = p.organ(id); o && !o->signer.empty() &&
                                      std::find(out.begin(), out.end(), o->signer) == out.end())
      out.push_back(o->signer);
  return out;
}

}  // namespace

// Files of an issue are written under .issuing/ (outside documents/) while the transaction
// runs and moved into documents/ only after it commits, so a killed issue never leaves a
// file in documents/ that the register does not know. A kill between commit and the moves
// leaves registered files in .issuing/: this finishes their move; unregistered leftovers
// (an issue that never committed) are deleted. Runs holding the write lock, so no other
// issue is between its first staged file and its commit. Every opening of the workspace
// runs it (app/context.cpp, and so `serve` at start), and every issue before its own.
void finish_staged_issues(Workspace& ws) {
  const fs::path staging = ws.root() / ".issuing";
  std::error_code ec;
  if (!fs::exists(staging, ec)) return;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(staging, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path());
  if (files.empty()) return;
  ws.registry().transaction([&] {
    std::set<std::string> known;
    for (const auto& r : ws.registry().issued()) {
      known.insert(r.pdf_path);
      known.insert(r.docx_path);
      if (!r.ofd_path.empty()) known.insert(r.ofd_path);
      if (!r.sheet_path.empty()) known.insert(r.sheet_path);
      if (r.secrecy != Secrecy::None)
        for (const auto& c : ws.registry().copies(r.number)) {
          known.insert(c.path);
          if (!c.ofd_path.empty()) known.insert(c.ofd_path);
        }
    }
    std::set<fs::path> moved_into;
    for (const auto& f : files) {
      const std::string rel = fs::relative(f, staging, ec).generic_string();
      std::error_code e2;
      if (known.count(rel)) {
        const fs::path to = ws.root() / rel;
        fs::create_directories(to.parent_path(), e2);
        fs::rename(f, to, e2);
        if (!e2) moved_into.insert(to.parent_path());
      } else {
        fs::remove(f, e2);
      }
    }
    // Durable before the write lock goes: the next issue syncs .issuing/ again.
    for (const auto& dir : moved_into) sync_directory(dir);
  });
}

void Office::recover_staged() { finish_staged_issues(m_ws); }

Draft Office::load_draft(const fs::path& file) const {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    fail(Code::NotFound, msg("check.file.missing", {{"file", file.string()}}));
  const std::string text = read_file(file);
  return read_draft(text, file.string(), fs::absolute(file, ec).parent_path(), m_ws.templates(),
                    m_ws.profile())
      .take();
}

const User& Office::require_user(const std::string& id, std::initializer_list<Role> roles,
                                 const std::string& action, const std::string& subject) {
  const User* u = m_ws.profile().user(id);
  if (!u) {
    m_ws.registry().audit(now_iso(), id, "refused", subject, action + ": unknown user");
    std::string ids;
    for (const auto& x : m_ws.profile().users) ids += (ids.empty() ? "" : ", ") + x.id;
    fail(Code::NotFound, msg("workflow.user.unknown", {{"id", id}}), {msg("workflow.user.list", {{"ids", ids}})});
  }
  for (Role r : roles)
    if (u->has(r)) return *u;
  m_ws.registry().audit(now_iso(), id, "refused", subject, action + ": role missing");
  fail(Code::Forbidden, msg("workflow.role.missing", {{"name", u->name}, {"id", u->id},
                                                      {"action", action_text(action)}, {"roles", roles_text(roles)}}));
}

void Office::require_clearance(const User& u, Secrecy secrecy, const std::string& action,
                               const std::string& subject) {
  if (cleared_for(u.clearance, secrecy)) return;
  const std::string name = to_chinese(secrecy);
  m_ws.registry().audit(now_iso(), u.id, "refused", subject, action + ": not cleared for " + name);
  fail(Code::Forbidden, msg("workflow.clearance.missing", {{"name", u.name}, {"id", u.id}, {"level", name},
                                                           {"action", action_text(action)}}));
}

DraftRecord Office::resolve(const std::string& ref) {
  std::string digits = ref;
  if (!digits.empty() && digits[0] == '#') digits.erase(0, 1);
  if (!digits.empty() && digits.size() < 12 &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (auto d = m_ws.registry().draft(std::stoll(digits))) return *d;
    fail(Code::NotFound, msg("workflow.draft.none", {{"id", digits}}), {msg("workflow.draft.none.hint")});
  }
  std::error_code ec;
  const std::string abs = fs::weakly_canonical(fs::absolute(ref, ec), ec).string();
  if (auto d = m_ws.registry().draft_by_source(abs)) return *d;
  fail(Code::NotFound, msg("workflow.draft.not_submitted", {{"ref", ref}}),
       {msg("workflow.draft.not_submitted.hint", {{"ref", ref}})});
}

std::vector<ReviewRecord> Office::current_reviews(const DraftRecord& d) {
  std::vector<ReviewRecord> out;
  for (auto& r : m_ws.registry().reviews(d.id))
    if (r.round == d.round) out.push_back(r);
  return out;
}

NextStep Office::next_step(const DraftRecord& d) {
  const auto& chain = m_ws.profile().chain_for(d.doc_class);
  switch (d.state) {
    case DraftState::Submitted:
    case DraftState::Reviewing: {
      std::size_t done = 0;
      for (const auto& r : current_reviews(d)) done += r.decision == Decision::Approve;
      if (done < chain.size()) return {Step::Review, chain[done]};
      return {Step::SignOff, ""};
    }
    case DraftState::Returned: return {Step::Revise, d.drafter};
    case DraftState::Reviewed: return {Step::SignOff, ""};
    case DraftState::Signed: return {Step::Issue, ""};
    case DraftState::Issued: return {Step::Done, ""};
    case DraftState::Voided: return {Step::Voided, ""};
  }
  return {};
}

DraftRecord Office::submit(const fs::path& file, const std::string& user) {
  std::error_code ec;
  const std::string source = fs::weakly_canonical(fs::absolute(file, ec), ec).string();
  const User& u = require_user(user, {Role::Drafter}, "submit drafts", source);
  const Draft draft = load_draft(file);
  refuse_bidi_controls("标题", draft.doc.title);
  refuse_overlong_title("标题", draft.doc.title);  // U+202E makes a title read as another
  if (!draft.drafter.empty() && draft.drafter != u.id)
    fail(Code::Forbidden, msg("workflow.drafter.other", {{"drafter", draft.drafter}, {"id", u.id}}),
         {msg("workflow.drafter.other.hint", {{"drafter", draft.drafter}})});
  const Secrecy secrecy = draft.doc.secrecy;
  require_clearance(u, secrecy, "draft", source);
  const std::string hash = document_fingerprint(draft.doc);

  DraftRecord rec;
  auto existing = m_ws.registry().draft_by_source(source);
  m_ws.registry().transaction([&] {
    if (existing && existing->state != DraftState::Issued && existing->state != DraftState::Voided) {
      // An edited draft goes round again: earlier approvals belonged to other text.
      rec = *existing;
      if (rec.content_hash == hash && rec.state != DraftState::Returned)
        fail(Code::Conflict, msg("workflow.submit.unchanged", {{"id", std::to_string(rec.id)}, {"state", state_chinese(rec.state)}}),
             {msg("workflow.next_step", {{"next", describe(next_step(rec))}})});
      rec.round += 1;
    } else {
      rec = DraftRecord{};
      rec.source = source;
      rec.created_at = now_iso();
    }
    rec.title = draft.doc.title;
    rec.template_id = draft.doc.template_id;
    rec.kind = draft.doc.kind;
    rec.code = draft.code;
    rec.doc_class = draft.doc_class;
    rec.drafter = u.id;
    rec.secrecy = secrecy;
    rec.year = draft.doc.date.year;
    rec.state = DraftState::Submitted;
    rec.content_hash = hash;
    rec.snapshot = read_file(file);
    rec.updated_at = now_iso();
    if (rec.id == 0) rec.id = m_ws.registry().add_draft(rec);
    else m_ws.registry().update_draft(rec);
    // Each round kept as submitted: the reviewer sees what changed since the round before.
    m_ws.registry().add_draft_round({rec.id, rec.round, hash, rec.snapshot, draft.doc.plain_text(), rec.updated_at});
    m_ws.registry().audit(now_iso(), u.id, "submit", draft_label(rec),
                          "round " + std::to_string(rec.round) + " sha256 " + hash);
  });
  return rec;
}

DraftRecord Office::review(const std::string& ref, const std::string& user, Decision decision,
                           const std::string& opinion) {
  DraftRecord d = resolve(ref);
  const User& u = require_user(user, {Role::Reviewer}, "review drafts", draft_label(d));
  require_clearance(u, d.secrecy, "review", draft_label(d));
  if (d.state != DraftState::Submitted && d.state != DraftState::Reviewing)
    fail(Code::Conflict, msg("workflow.review.state", {{"id", std::to_string(d.id)}, {"state", state_chinese(d.state)}}),
         {msg("workflow.next_step", {{"next", describe(next_step(d))}})});
  const auto& chain = m_ws.profile().chain_for(d.doc_class);
  std::size_t done = 0;
  for (const auto& r : current_reviews(d)) done += r.decision == Decision::Approve;
  if (done >= chain.size())
    fail(Code::Conflict, msg("workflow.review.done", {{"id", std::to_string(d.id)}}));
  if (chain[done] != u.id) {
    m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "review out of order");
    fail(Code::Forbidden, msg("workflow.review.turn", {{"turn", chain[done]}, {"id", std::to_string(d.id)}, {"user", u.id}}));
  }
  // The text reviewed must be the text submitted.
  if (document_fingerprint(load_draft(d.source).doc) != d.content_hash)
    fail(Code::Conflict, msg("workflow.review.changed"),
         {msg("workflow.resubmit.hint", {{"source", d.source}, {"drafter", d.drafter}})});
  if (decision == Decision::Return && opinion.empty())
    fail(Code::BadInput, msg("workflow.return.opinion"), {msg("workflow.return.opinion.hint")});
  m_ws.registry().transaction([&] {
    ReviewRecord r{d.id, d.round, static_cast<int>(done + 1), u.id, decision,
                   opinion.empty() ? "同意" : opinion, d.content_hash, now_iso()};
    m_ws.registry().add_review(r);
    if (decision == Decision::Return) d.state = DraftState::Returned;
    else d.state = done + 1 == chain.size() ? DraftState::Reviewed : DraftState::Reviewing;
    d.updated_at = now_iso();
    m_ws.registry().update_draft(d);
    m_ws.registry().audit(now_iso(), u.id, decision == Decision::Approve ? "review" : "return",
                          draft_label(d), r.opinion);
  });
  return d;
}

DraftRecord Office::sign(const std::string& ref, const std::string& user, const std::string& opinion) {
  DraftRecord d = resolve(ref);
  const User& u = require_user(user, {Role::Signer}, "sign off documents", draft_label(d));
  require_clearance(u, d.secrecy, "sign off", draft_label(d));
  if (d.state != DraftState::Reviewed)
    fail(Code::Conflict, msg("workflow.sign.state", {{"id", std::to_string(d.id)}, {"state", state_chinese(d.state)}}),
         {msg("workflow.next_step", {{"next", describe(next_step(d))}})});
  const Draft draft = load_draft(d.source);
  if (document_fingerprint(draft.doc) != d.content_hash)
    fail(Code::Conflict, msg("workflow.sign.changed"),
         {msg("workflow.resubmit.hint", {{"source", d.source}, {"drafter", d.drafter}})});
  // 乡党委、政府文件由乡党委、政府主要领导签发: the signer must lead one of the issuing organs.
  // A joint issue is signed by the leader of each organ (会签), in any order; it is signed
  // off when the last of them has signed this round's text.
  const std::vector<std::string> needed = organ_signers(m_ws.profile(), draft.organ_ids);
  if (std::find(needed.begin(), needed.end(), u.id) == needed.end()) {
    m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "not a signer of the issuing organ");
    fail(Code::Forbidden, msg("workflow.sign.not_signer", {{"name", u.name}, {"organ", draft.doc.issuers.front()}}),
         {msg("workflow.sign.not_signer.hint")});
  }
  const std::vector<SignoffRecord> before = current_signoffs(d);
  for (const SignoffRecord& s : before)
    if (s.signer == u.id)
      fail(Code::Conflict, msg("workflow.sign.twice", {{"name", u.name}, {"id", std::to_string(d.id)}}),
           {msg("workflow.next_step", {{"next", describe(next_step(d))}})});
  m_ws.registry().transaction([&] {
    SignoffRecord s{d.id, d.round, u.id, opinion.empty() ? "同意印发" : opinion, d.content_hash, now_iso()};
    m_ws.registry().add_signoff(s);
    std::set<std::string> signed_by{u.id};
    for (const SignoffRecord& b : before) signed_by.insert(b.signer);
    const bool all = std::all_of(needed.begin(), needed.end(),
                                 [&](const std::string& id) { return signed_by.count(id) > 0; });
    if (all) d.state = DraftState::Signed;
    d.updated_at = now_iso();
    m_ws.registry().update_draft(d);
    m_ws.registry().audit(now_iso(), u.id, "sign", draft_label(d),
                          s.opinion + " sha256 " + d.content_hash +
                              (needed.size() > 1 ? " 会签 " + std::to_string(signed_by.size()) + "/" +
                                                       std::to_string(needed.size())
                                                 : ""));
  });
  return d;
}

std::vector<SignoffRecord> Office::current_signoffs(const DraftRecord& d) {
  std::vector<SignoffRecord> out;
  for (SignoffRecord& s : m_ws.registry().signoffs(d.id))
    if (s.round == d.round && s.content_hash == d.content_hash) out.push_back(std::move(s));
  return out;
}

// Files of one issue, written under .issuing/ while its transaction runs (see recover_staged),
// then moved into documents/ once it has committed, or deleted if it rolled back.
class IssueStaging {
 public:
  explicit IssueStaging(Workspace& ws) : m_ws(ws), m_dir(ws.root() / ".issuing") {}

  void stage(const fs::path& final_path, std::string bytes) {
    m_files.emplace_back(m_dir / m_ws.relative(final_path), final_path);
    m_bytes.push_back(std::move(bytes));
  }

  // Written together, durable before the commit that registers them (issue 13 #13).
  void write() {
    std::vector<FileToWrite> files;
    for (std::size_t i = 0; i < m_files.size(); ++i) files.push_back({m_files[i].first, m_bytes[i]});
    write_files_atomic(files);
  }

  // The number went back with the rollback; the staged files go with it.
  void discard() {
    std::error_code ec;
    for (const auto& [tmp, final_path] : m_files) fs::remove(tmp, ec);
  }

  // Committed: move the files into documents/ (recover_staged() finishes this after a kill).
  // The staged files and their names were made durable before the commit; the moves are made
  // durable here, so that after a power cut a registered file is found in documents/ or, at
  // worst, still in .issuing/ for recover_staged().
  void move_into_place(const std::string& number) {
    std::set<fs::path> moved_into;
    for (const auto& [tmp, final_path] : m_files) {
      std::error_code ec;
      if (!fs::exists(final_path.parent_path(), ec)) {
        fs::create_directories(final_path.parent_path(), ec);
        moved_into.insert(final_path.parent_path().parent_path());
      }
      fs::rename(tmp, final_path, ec);
      if (ec && !fs::exists(final_path))
        fail(Code::Io, msg("workflow.issue.move", {{"number", number}, {"from", tmp.string()}, {"to", final_path.string()}, {"why", ec.message()}}),
             {msg("workflow.issue.move.hint")});
      moved_into.insert(final_path.parent_path());
    }
    for (const auto& dir : moved_into) sync_directory(dir);
  }

 private:
  Workspace& m_ws;
  fs::path m_dir;
  std::vector<std::pair<fs::path, fs::path>> m_files;  // (staging file, final path)
  std::vector<std::string> m_bytes;                    // what each staged file holds
};

namespace {

// 发文稿纸: the handling record of this document, filed with it.
DraftSheet draft_sheet(const Profile& prof, const DraftRecord& d, const Document& doc, const SignoffRecord& signoff,
                       const std::vector<SignoffRecord>& signoffs, const std::vector<ReviewRecord>& reviews,
                       int copies) {
  DraftSheet sheet;
  sheet.organ = doc.issuers.front();
  sheet.title = doc.title;
  sheet.number = doc.number;
  sheet.kind = doc.kind;
  sheet.secrecy = to_chinese(doc.secrecy);
  if (!sheet.secrecy.empty() && !doc.secrecy_term.empty()) sheet.secrecy += "★" + doc.secrecy_term;
  sheet.urgency = to_chinese(doc.urgency);
  sheet.drafter = person_name(prof, d.drafter);
  sheet.drafter_unit = prof.office_name;
  sheet.drafted_on = chinese_time(d.created_at, WithTime::No);
  for (const auto& r : reviews)
    if (r.decision == Decision::Approve)
      sheet.reviews.push_back({person_name(prof, r.reviewer), user_post(prof, r.reviewer), r.opinion, chinese_time(r.at)});
  // 会签: every organ's leader on the 签发 line, the time of the last signature.
  std::string signers, posts;
  for (const SignoffRecord& s : signoffs) {
    signers += (signers.empty() ? "" : "、") + person_name(prof, s.signer);
    posts += (posts.empty() ? "" : "、") + user_post(prof, s.signer);
  }
  if (signers.empty()) signers = person_name(prof, signoff.signer), posts = user_post(prof, signoff.signer);
  sheet.signoff = {signers, posts, signoff.opinion, chinese_time(signoff.at)};
  sheet.main_recipients = doc.main_recipients;
  sheet.copies_to = doc.copies_to;
  sheet.copies = copies;
  sheet.issued_on = chinese_time(doc.print_date.iso(), WithTime::No);
  return sheet;
}

// The issued register's row for `doc` (its files' paths and hashes filled by the caller).
IssuedRecord issued_record(const DraftRecord& d, const Document& doc, int year, int serial) {
  IssuedRecord r;
  r.draft_id = d.id;
  r.number = doc.number;
  r.code = d.code;
  r.year = year;
  r.serial = serial;
  r.title = doc.title;
  r.kind = doc.kind;
  r.issuer = doc.issuers.front();
  for (std::size_t i = 1; i < doc.issuers.size(); ++i) r.issuer += "、" + doc.issuers[i];
  r.recipients = doc.main_recipients;
  r.secrecy = doc.secrecy;
  r.date = doc.date;
  r.text = doc.plain_text();
  return r;
}

}  // namespace

// The refusals of an issue that need no rendering: issued already, or not signed off.
void Office::refuse_unless_signed(const DraftRecord& d, const std::string& user) {
  if (!m_ws.profile().user(user))  // an unknown user is told so before anything else
    require_user(user, {Role::SealKeeper}, "issue documents", draft_label(d));
  if (d.state == DraftState::Issued || d.state == DraftState::Voided) {
    std::string number;
    for (const auto& r : m_ws.registry().issued(d.year))
      if (r.draft_id == d.id) number = r.number;
    fail(Code::Conflict,
         number.empty() ? msg("workflow.issue.again", {{"id", std::to_string(d.id)}, {"state", state_chinese(d.state)}})
                        : msg("workflow.issue.again.as", {{"id", std::to_string(d.id)}, {"state", state_chinese(d.state)}, {"number", number}}),
         {msg("workflow.issue.again.hint")});
  }
  if (d.state != DraftState::Signed) {
    m_ws.registry().audit(now_iso(), user, "refused", draft_label(d),
                          "issue: not signed off (no leader's approval for print or seal)");
    fail(Code::Forbidden, msg("workflow.issue.unsigned", {{"id", std::to_string(d.id)}, {"state", state_chinese(d.state)}}),
         {msg("workflow.next_step", {{"next", describe(next_step(d))}})});
  }
}

// The sign-off that approves exactly this text; for a sealed document it must be a leader's
// (用印须经领导批准: the approval is the sign-off, by a 签发人 of this office).
SignoffRecord Office::approving_signoff(const DraftRecord& d, const Draft& draft, const User& u, bool sealed) {
  const auto signoff = m_ws.registry().signoff(d.id);
  const std::string hash = document_fingerprint(draft.doc);
  if (!signoff || signoff->round != d.round || signoff->content_hash != hash || hash != d.content_hash) {
    m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "content differs from sign-off");
    fail(Code::Conflict, msg("workflow.issue.changed"),
         {msg("workflow.resubmit.hint", {{"source", d.source}, {"drafter", d.drafter}})});
  }
  return *signoff;
}

// 用印须经领导批准: the approval is the sign-off, and the approver must be a leader (签发人)
// of this office when the seal is applied. A joint issue carries one seal per organ, each
// approved by that organ's own sign-off (会签): one 用印登记 row per seal, number and time
// filled in by the caller.
std::vector<SealUseRecord> Office::approved_seal_uses(const DraftRecord& d, const Draft& draft, const User& u,
                                                      const SignoffRecord& signoff) {
  std::vector<SealUseRecord> uses;
  const std::vector<SignoffRecord> signoffs = current_signoffs(d);
  const Profile& prof = m_ws.profile();
  for (std::size_t i = 0; i < std::max<std::size_t>(1, draft.organ_ids.size()); ++i) {
    const Organ* organ = i < draft.organ_ids.size() ? prof.organ(draft.organ_ids[i]) : nullptr;
    // One organ: the sign-off is the approval; several: that organ's leader's.
    const SignoffRecord* approval = &signoff;
    if (draft.organ_ids.size() > 1) {
      approval = nullptr;
      for (const SignoffRecord& s : signoffs)
        if (organ && s.signer == organ->signer) approval = &s;
    }
    const User* approver = approval ? prof.user(approval->signer) : nullptr;
    if (!approver || !approver->has(Role::Signer)) {
      m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "seal without approval");
      fail(Code::Forbidden,
           approval ? msg("workflow.seal.not_leader", {{"id", std::to_string(d.id)}, {"signer", approval->signer}})
                    : msg("workflow.seal.no_signoff", {{"id", std::to_string(d.id)}, {"organ", draft.organ_ids[i]}}),
           {msg("workflow.seal.hint", {{"id", std::to_string(d.id)}})});
    }
    const std::string text =
        draft.doc.joint_signers.size() > 1 ? draft.doc.joint_signers[i].seal_text : draft.doc.seal_text;
    uses.push_back(SealUseRecord{0, "", text, approval->signer, u.id, draft.copies, "", approval->at});
    if (draft.doc.joint_signers.size() <= 1) break;  // one organ, one seal
  }
  return uses;
}

IssueOutcome Office::issue(const std::string& ref, const std::string& user) {
  DraftRecord d = resolve(ref);
  refuse_unless_signed(d, user);
  Draft draft = load_draft(d.source);
  // A filed year is locked: a document dated in it can no longer be added.
  require_open_year(m_ws, draft.doc.date.year, msg("workflow.what.issue", {{"date", draft.doc.date.iso()}}));
  const bool sealed = draft.doc.seal == SealMode::Sealed;
  // Only the seal keeper applies a seal (or a 签名章); an unsealed document may also be issued
  // by an admin.
  const User& u = sealed || draft.signed_in_person
                      ? require_user(user, {Role::SealKeeper}, "apply the seal", draft_label(d))
                         : require_user(user, {Role::SealKeeper, Role::Admin}, "issue documents",
                                        draft_label(d));
  require_clearance(u, d.secrecy, "issue", draft_label(d));
  const SignoffRecord signoff = approving_signoff(d, draft, u, sealed);
  std::vector<SealUseRecord> seal_uses =
      sealed ? approved_seal_uses(d, draft, u, signoff) : std::vector<SealUseRecord>{};
  if (draft.signed_in_person)
    if (std::optional<SealUseRecord> stamp = press_stamp(d, draft, u, signoff)) seal_uses.push_back(*stamp);

  IssueOutcome out;
  // Before the number: no key (or no token, a wrong PIN), nothing happens.
  const std::shared_ptr<const PdfSigner> key = archive::open_pdf_signer(m_ws);
  recover_staged();
  IssueStaging staging(m_ws);
  try {
    m_ws.registry().transaction(
        [&] { out = issue_in_transaction(d, draft, u, signoff, seal_uses, *key, staging); });
  } catch (...) {
    staging.discard();
    throw;
  }
  // A test's kill here leaves the committed issue's files in .issuing/ (finish_staged_issues).
  fault_point("issue-before-move");
  staging.move_into_place(out.issued.number);
  return out;
}

// Inside the issue's transaction: the number, the registered copy (PDF signed, DOCX), a secret
// document's numbered copies, the 发文稿纸, and the rows of the issued, copy and seal books.
IssueOutcome Office::issue_in_transaction(DraftRecord& d, Draft& draft, const User& u, const SignoffRecord& signoff,
                                          const std::vector<SealUseRecord>& seal_uses, const PdfSigner& key,
                                          IssueStaging& staging) {
  const Instant now = m_clock.now();
  const int year = draft.doc.date.year;
  const int serial = m_ws.registry().allocate_number(d.code, year, d.id, now_iso());
  Document& doc = draft.doc;
  doc.number = DocNumber{d.code, year, serial}.text();
  doc.print_date = now.local_date();
  if (doc.print_date < doc.date) doc.print_date = doc.date;
  const bool secret = doc.secrecy != Secrecy::None;
  if (secret) doc.copy_number = "000001";  // the registered master copy

  RenderOptions opts;
  opts.created = now;
  opts.fonts = m_ws.profile().fonts;
  opts.seal_diameter_mm = m_ws.profile().seal_diameter_mm;
  opts.names = m_ws.profile().names();
  SignOptions so;
  so.signed_at = now;
  so.reason = "签发 " + doc.number + " " + signoff.opinion;
  // A checkpoint of the audit log, signed with the document (issue 13 #3): every copy that
  // leaves the office proves the log held this entry when it was issued, so a log cut back or
  // re-chained behind it is found (`gongwen audit verify`, audit_check.hpp).
  if (const auto head = m_ws.registry().audit_last()) so.reason += " " + audit_checkpoint_text(*head);
  so.location = doc.issuers.front();
  // One layout for the three files of the registered copy; the OFD carries the SM2
  // electronic seal (GB/T 38540), the PDF its RSA signature.
  RenderedFiles files = render(doc, opts).take();
  RenderedFile pdf = std::move(files.pdf);
  pdf.bytes = sign_pdf(pdf.bytes, key, so).take();
  const RenderedFile docx = std::move(files.docx);
  const std::string ofd = seal_ofd(m_ws, doc, opts, std::move(files.ofd.bytes), files.decisions, now);

  // The same derivation the downloads use (documents.hpp): one layout, from the 文号.
  const fs::path pdf_path = issued_file_path(m_ws, doc.number, IssuedFile::Pdf);
  const fs::path docx_path = issued_file_path(m_ws, doc.number, IssuedFile::Docx);
  const fs::path sheet_path = issued_file_path(m_ws, doc.number, IssuedFile::Sheet);
  const fs::path ofd_path = issued_file_path(m_ws, doc.number, IssuedFile::Ofd);
  staging.stage(pdf_path, pdf.bytes);
  staging.stage(docx_path, docx.bytes);
  staging.stage(ofd_path, ofd);
  if (secret) stage_numbered_copies(doc, std::max(1, draft.copies), opts, key, so, staging);
  const RenderedFile sheet_pdf =
      render_draft_sheet(
          draft_sheet(m_ws.profile(), d, doc, signoff, current_signoffs(d), current_reviews(d), draft.copies), opts).take();
  staging.stage(sheet_path, sheet_pdf.bytes);

  IssuedRecord r = issued_record(d, doc, year, serial);
  r.pdf_path = m_ws.relative(pdf_path);
  r.docx_path = m_ws.relative(docx_path);
  r.sheet_path = m_ws.relative(sheet_path);
  r.pdf_sha256 = sha256_hex(pdf.bytes);
  r.docx_sha256 = sha256_hex(docx.bytes);
  r.sheet_sha256 = sha256_hex(sheet_pdf.bytes);
  r.ofd_path = m_ws.relative(ofd_path);
  r.ofd_sha256 = sha256_hex(ofd);
  r.pages = pdf.pages;
  r.issued_at = now_iso();
  r.id = m_ws.registry().add_issued(r);
  // 批复: the 请示 it answers now shows the answer (services/requests.hpp).
  if (!draft.answers_number.empty())
    m_ws.registry().add_reply(ReplyRecord{0, draft.answers_number, draft.answers_title, doc.number, doc.title,
                                          r.issuer, doc.date, u.id, now_iso()});
  for (SealUseRecord use : seal_uses) {
    use.number = doc.number;
    use.at = now_iso();
    m_ws.registry().add_seal_use(use);
  }
  d.state = DraftState::Issued;
  d.updated_at = now_iso();
  m_ws.registry().update_draft(d);
  staging.write();
  // Indexing is recorded with the issue and done after the commit, or by whoever opens the
  // workspace next if this process dies first (issue 13 #12).
  m_ws.registry().queue_indexing(IndexedBook::Issued, doc.number, now_iso());
  m_ws.registry().audit(now_iso(), u.id, "issue", draft_label(d),
                        doc.number + " pdf sha256 " + r.pdf_sha256 + " ofd sha256 " + r.ofd_sha256 +
                            (secret ? " copies " + std::to_string(std::max(1, draft.copies)) : ""));
  // The 签名章 pressed, after the issue's own entry: which picture, by its hash (the 用印登记 row names whose it is).
  if (!doc.signature_stamp.bytes.empty())
    m_ws.registry().audit(now_iso(), u.id, "stamp", draft_label(d),
                          doc.number + " stamp sha256 " + sha256_hex(doc.signature_stamp.bytes));
  IssueOutcome out;
  out.issued = r;
  out.document = doc;
  out.warnings = pdf.warnings;
  for (auto& w : docx.warnings) out.warnings.push_back(w);
  return out;
}

// 份号: a secret document's 印数 copies, each its own numbered, signed PDF and the same copy
// as a sealed OFD, both registered in the copies book (path and SHA-256).
void Office::stage_numbered_copies(const Document& doc, int count, const RenderOptions& opts, const PdfSigner& key,
                                   const SignOptions& so, IssueStaging& staging) {
  for (int k = 1; k <= count; ++k) {
    char no[16];
    std::snprintf(no, sizeof no, "%06d", k);
    Document copy = doc;
    copy.copy_number = no;
    const LaidOutDocument laid = lay_out(copy, opts).take();
    std::string bytes = sign_pdf(write_pdf(laid).take().bytes, key, so).take();
    std::string ofd = seal_ofd(m_ws, copy, opts, write_ofd(laid).take().bytes, laid.decisions(), so.signed_at);
    const fs::path pdf_path = copy_file_path(m_ws, doc.number, no, IssuedFile::Pdf);
    const fs::path ofd_path = copy_file_path(m_ws, doc.number, no, IssuedFile::Ofd);
    staging.stage(pdf_path, bytes);
    staging.stage(ofd_path, ofd);
    m_ws.registry().add_copy(CopyRecord{doc.number, no, m_ws.relative(pdf_path), sha256_hex(bytes),
                                        m_ws.relative(ofd_path), sha256_hex(ofd)});
  }
}

NumberRecord Office::void_number(const std::string& text, const std::string& user,
                                 const std::string& reason) {
  const auto n = parse_doc_number(text);
  if (!n) fail(Code::BadInput, msg("workflow.number.invalid", {{"text", text}}), {msg("workflow.number.invalid.hint")});
  const User& u = require_user(user, {Role::Signer, Role::Admin}, "void numbers", n->text());
  if (reason.empty()) fail(Code::BadInput, msg("workflow.void.reason"), {msg("workflow.void.reason.hint")});
  NumberRecord found;
  bool ok = false;
  for (const auto& r : m_ws.registry().numbers(n->year))
    if (r.code == n->code && r.serial == n->serial) { found = r; ok = true; }
  if (!ok) fail(Code::NotFound, msg("workflow.void.unused", {{"number", n->text()}}));
  if (found.status == "void") fail(Code::Conflict, msg("workflow.void.again", {{"number", n->text()}}));
  // Voiding is for a number that was given out but whose issue did not complete (no issued
  // document carries it). A number on an issued document is part of the record: it cannot be
  // taken back, least of all once its year is filed (issue 13 #4).
  if (m_ws.registry().issued_by_number(n->text())) {
    const bool filed = !m_ws.registry().filed(n->year).empty();
    m_ws.registry().transaction([&] {
      m_ws.registry().audit(now_iso(), u.id, "refused", n->text(), filed ? "void of a filed number" : "void of an issued number");
    });
    if (filed)
      fail(Code::Conflict, msg("workflow.void.filed", {{"number", n->text()}, {"year", std::to_string(n->year)}}),
           {msg("workflow.void.filed.hint")});
    fail(Code::Conflict, msg("workflow.void.issued", {{"number", n->text()}}),
         {msg("workflow.void.issued.hint"), msg("workflow.void.issued.hint2")});
  }
  m_ws.registry().transaction([&] {
    m_ws.registry().void_number(n->code, n->year, n->serial, reason, now_iso());
    if (auto d = m_ws.registry().draft(found.draft_id)) {
      d->state = DraftState::Voided;
      d->updated_at = now_iso();
      m_ws.registry().update_draft(*d);
    }
    m_ws.registry().audit(now_iso(), u.id, "void", n->text(), reason);
  });
  found.status = "void";
  found.reason = reason;
  return found;
}

}  // namespace gongwen::services
