// The handling of outgoing documents. The rules come from the office's 分文处理制度 and
// 印鉴管理制度: reviewed in order, signed off by the leader ("领导未签的文件一律不得印发"),
// sealed only by the seal keeper on a signed-off document, every seal use registered.
#include "gongwen/services/office.hpp"

#include "gongwen/archive/filing.hpp"

#include <algorithm>

#include <cstdio>
#include <set>

#include "gongwen/archive/keys.hpp"
#include "gongwen/services/documents.hpp"
#include "gongwen/services/text_checks.hpp"
#include "gongwen/pipeline/draftsheet.hpp"
#include "gongwen/pipeline/number.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen::services {

using namespace gongwen::archive;
namespace fs = std::filesystem;

namespace {

std::string roles_text(std::initializer_list<Role> roles) {
  std::string s;
  for (Role r : roles) s += (s.empty() ? "" : " / ") + std::string(role_chinese(r));
  return s;
}

std::string draft_label(const DraftRecord& d) { return "#" + std::to_string(d.id) + " " + d.title; }

// "2025-12-30T09:00:00+08:00" → "2025年12月30日 09:00" (the time only when `with_time`).
std::string chinese_time(const std::string& iso, bool with_time = true) {
  int y = 0, m = 0, d = 0, hh = 0, mm = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d", &y, &m, &d, &hh, &mm) < 3) return iso;
  char buf[64];
  if (with_time && iso.size() > 10)
    std::snprintf(buf, sizeof buf, "%d年%d月%d日 %02d:%02d", y, m, d, hh, mm);
  else
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
  return buf;
}

std::string user_name(const Profile& p, const std::string& id) {
  const User* u = p.user(id);
  return u ? u->name : id;
}

std::string user_post(const Profile& p, const std::string& id) {
  const User* u = p.user(id);
  return u ? u->title : "";
}

}  // namespace

// Files of an issue are written under .issuing/ (outside documents/) while the transaction
// runs and moved into documents/ only after it commits, so a killed issue never leaves a
// file in documents/ that the register does not know. A kill between commit and the moves
// leaves registered files in .issuing/: this finishes their move; unregistered leftovers
// (an issue that never committed) are deleted. Runs holding the write lock, so no other
// issue is between its first staged file and its commit.
void Office::recover_staged() {
  const fs::path staging = m_ws.root() / ".issuing";
  std::error_code ec;
  if (!fs::exists(staging, ec)) return;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(staging, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path());
  if (files.empty()) return;
  m_ws.registry().transaction([&] {
    std::set<std::string> known;
    for (const auto& r : m_ws.registry().issued()) {
      known.insert(r.pdf_path);
      known.insert(r.docx_path);
      if (!r.sheet_path.empty()) known.insert(r.sheet_path);
      if (r.secrecy != Secrecy::None)
        for (const auto& c : m_ws.registry().copies(r.number)) known.insert(c.path);
    }
    for (const auto& f : files) {
      const std::string rel = fs::relative(f, staging, ec).generic_string();
      std::error_code e2;
      if (known.count(rel)) {
        fs::create_directories((m_ws.root() / rel).parent_path(), e2);
        fs::rename(f, m_ws.root() / rel, e2);
      } else {
        fs::remove(f, e2);
      }
    }
  });
}

Draft Office::load_draft(const fs::path& file) const {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    fail(Code::NotFound, "draft file " + file.string() + " does not exist");
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
    fail(Code::NotFound, "unknown user '" + id + "'", {"users of this office: " + ids});
  }
  for (Role r : roles)
    if (u->has(r)) return *u;
  m_ws.registry().audit(now_iso(), id, "refused", subject, action + ": role missing");
  fail(Code::Forbidden,
       u->name + " (" + u->id + ") may not " + action + ": it needs the role " + roles_text(roles));
}

void Office::require_clearance(const User& u, Secrecy secrecy, const std::string& action,
                               const std::string& subject) {
  if (cleared_for(u.clearance, secrecy)) return;
  const std::string name = to_chinese(secrecy);
  m_ws.registry().audit(now_iso(), u.id, "refused", subject, action + ": not cleared for " + name);
  fail(Code::Forbidden, u.name + " (" + u.id + ") is not cleared for " + name +
                            " documents and may not " + action + " this one");
}

DraftRecord Office::resolve(const std::string& ref) {
  std::string digits = ref;
  if (!digits.empty() && digits[0] == '#') digits.erase(0, 1);
  if (!digits.empty() && digits.size() < 12 &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (auto d = m_ws.registry().draft(std::stoll(digits))) return *d;
    fail(Code::NotFound, "no draft #" + digits + " in this workspace",
         {"list drafts with: gongwen draft list"});
  }
  std::error_code ec;
  const std::string abs = fs::weakly_canonical(fs::absolute(ref, ec), ec).string();
  if (auto d = m_ws.registry().draft_by_source(abs)) return *d;
  fail(Code::NotFound, "no submitted draft for '" + ref + "'",
       {"submit it first: gongwen submit " + ref + " --as USER"});
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
    fail(Code::Forbidden, "the draft names " + draft.drafter + " as its drafter, not " + u.id,
         {"submit it as " + draft.drafter + ", or change drafter = in the draft"});
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
        fail(Code::Conflict, "draft #" + std::to_string(rec.id) + " is already submitted and unchanged (" +
                                 state_chinese(rec.state) + ")",
             {"next step: " + describe(next_step(rec))});
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
    fail(Code::Conflict, "draft #" + std::to_string(d.id) + " is " + state_chinese(d.state) +
                             " and cannot be reviewed now",
         {"next step: " + describe(next_step(d))});
  const auto& chain = m_ws.profile().chain_for(d.doc_class);
  std::size_t done = 0;
  for (const auto& r : current_reviews(d)) done += r.decision == Decision::Approve;
  if (done >= chain.size())
    fail(Code::Conflict, "draft #" + std::to_string(d.id) + " has passed every review");
  if (chain[done] != u.id) {
    m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "review out of order");
    fail(Code::Forbidden, "it is " + chain[done] + "'s turn to review draft #" + std::to_string(d.id) +
                              ", not " + u.id + "'s (审核须依次进行)");
  }
  // The text reviewed must be the text submitted.
  if (document_fingerprint(load_draft(d.source).doc) != d.content_hash)
    fail(Code::Conflict, "the draft file changed after it was submitted",
         {"resubmit it: gongwen submit " + d.source + " --as " + d.drafter});
  if (decision == Decision::Return && opinion.empty())
    fail(Code::BadInput, "sending a draft back needs an opinion saying what to change",
         {"add --opinion \"…\""});
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
    fail(Code::Conflict, "draft #" + std::to_string(d.id) + " is " + state_chinese(d.state) +
                             "; only a fully reviewed draft can be signed off",
         {"next step: " + describe(next_step(d))});
  const Draft draft = load_draft(d.source);
  if (document_fingerprint(draft.doc) != d.content_hash)
    fail(Code::Conflict, "the draft file changed after review; the review chain starts again",
         {"resubmit it: gongwen submit " + d.source + " --as " + d.drafter});
  // 乡党委、政府文件由乡党委、政府主要领导签发: the signer must lead one of the issuing organs.
  bool leads = false;
  for (const auto& id : draft.organ_ids)
    if (const Organ* o = m_ws.profile().organ(id); o && o->signer == u.id) leads = true;
  if (!leads) {
    m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "not a signer of the issuing organ");
    fail(Code::Forbidden, u.name + " does not sign for " + draft.doc.issuers.front(),
         {"it is signed off by the issuing organ's principal leader (see signer = in gongwen.toml)"});
  }
  m_ws.registry().transaction([&] {
    SignoffRecord s{d.id, d.round, u.id, opinion.empty() ? "同意印发" : opinion, d.content_hash, now_iso()};
    m_ws.registry().add_signoff(s);
    d.state = DraftState::Signed;
    d.updated_at = now_iso();
    m_ws.registry().update_draft(d);
    m_ws.registry().audit(now_iso(), u.id, "sign", draft_label(d), s.opinion + " sha256 " + d.content_hash);
  });
  return d;
}

IssueOutcome Office::issue(const std::string& ref, const std::string& user) {
  DraftRecord d = resolve(ref);
  if (!m_ws.profile().user(user))  // an unknown user is told so before anything else
    require_user(user, {Role::SealKeeper}, "issue documents", draft_label(d));
  if (d.state == DraftState::Issued || d.state == DraftState::Voided) {
    std::string number;
    for (const auto& r : m_ws.registry().issued(d.year))
      if (r.draft_id == d.id) number = r.number;
    fail(Code::Conflict, "draft #" + std::to_string(d.id) + " is already " + state_chinese(d.state) +
                             (number.empty() ? "" : " as " + number),
         {"an issued document is not issued twice; a corrected text is a new draft"});
  }
  if (d.state != DraftState::Signed) {
    m_ws.registry().audit(now_iso(), user, "refused", draft_label(d),
                          "issue: not signed off (no leader's approval for print or seal)");
    fail(Code::Forbidden, "draft #" + std::to_string(d.id) + " is " + state_chinese(d.state) +
                              ": 领导未签的文件一律不得印发 (nothing unsigned is issued)",
         {"next step: " + describe(next_step(d))});
  }
  Draft draft = load_draft(d.source);
  // A filed year is locked: a document dated in it can no longer be added.
  require_open_year(m_ws, draft.doc.date.year, "issuing a document dated " + draft.doc.date.iso());
  const bool sealed = draft.doc.seal == SealMode::Sealed;
  // Only the seal keeper applies a seal; an unsealed document may also be issued by an admin.
  const User& u = sealed ? require_user(user, {Role::SealKeeper}, "apply the seal", draft_label(d))
                         : require_user(user, {Role::SealKeeper, Role::Admin}, "issue documents",
                                        draft_label(d));
  require_clearance(u, d.secrecy, "issue", draft_label(d));
  const auto signoff = m_ws.registry().signoff(d.id);
  const std::string hash = document_fingerprint(draft.doc);
  if (!signoff || signoff->round != d.round || signoff->content_hash != hash ||
      hash != d.content_hash) {
    m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "content differs from sign-off");
    fail(Code::Conflict, "the draft differs from the text that was signed off; it cannot be issued",
         {"resubmit it for review: gongwen submit " + d.source + " --as " + d.drafter});
  }

  // 用印须经领导批准: the approval is the sign-off, and the approver must be a leader (签发人)
  // of this office when the seal is applied.
  const User* approver = m_ws.profile().user(signoff->signer);
  if (sealed && (!approver || !approver->has(Role::Signer))) {
    m_ws.registry().audit(now_iso(), u.id, "refused", draft_label(d), "seal without approval");
    fail(Code::Forbidden, "the seal may not be applied to draft #" + std::to_string(d.id) +
                              ": its approval by " + signoff->signer +
                              " is not a leader's approval (用印须经领导批准)",
         {"have it signed off again by the issuing organ's leader: gongwen sign #" + std::to_string(d.id)});
  }

  IssueOutcome out;
  const Instant now = m_clock.now();
  const SigningKey key = load_signing_key(m_ws);  // before the number: no key, nothing happens
  recover_staged();
  const fs::path staging = m_ws.root() / ".issuing";
  std::vector<std::pair<fs::path, fs::path>> staged;  // (staging file, final path)
  auto stage = [&](const fs::path& final_path, const std::string& bytes) {
    const fs::path tmp = staging / m_ws.relative(final_path);
    write_file_atomic(tmp, bytes);
    staged.emplace_back(tmp, final_path);
  };
  try {
    m_ws.registry().transaction([&] {
      const int year = draft.doc.date.year;
      const int serial = m_ws.registry().allocate_number(d.code, year, d.id, now_iso());
      const DocNumber number{d.code, year, serial};
      Document& doc = draft.doc;
      doc.number = number.text();
      doc.print_date = now.local_date();
      if (doc.print_date < doc.date) doc.print_date = doc.date;
      const bool secret = doc.secrecy != Secrecy::None;
      if (secret) doc.copy_number = "000001";  // the registered master copy

      RenderOptions opts;
      opts.created = now;
      opts.fonts = m_ws.profile().fonts;
      opts.seal_diameter_mm = m_ws.profile().seal_diameter_mm;
      SignOptions so;
      so.signed_at = now;
      so.reason = "签发 " + doc.number + " " + signoff->opinion;
      so.location = doc.issuers.front();
      // One layout for both files of the registered copy.
      RenderedFiles files = render(doc, opts).take();
      RenderedFile pdf = std::move(files.pdf);
      pdf.bytes = sign_pdf(pdf.bytes, key, so).take();
      const RenderedFile docx = std::move(files.docx);

      // The same derivation the downloads use (documents.hpp): one layout, from the 文号.
      const fs::path dir = m_ws.documents_dir() / std::to_string(year);
      const fs::path pdf_path = issued_file_path(m_ws, doc.number, IssuedFile::Pdf);
      const fs::path docx_path = issued_file_path(m_ws, doc.number, IssuedFile::Docx);
      const fs::path sheet_path = issued_file_path(m_ws, doc.number, IssuedFile::Sheet);
      stage(pdf_path, pdf.bytes);
      stage(docx_path, docx.bytes);

      // 份号: a secret document's 印数 copies, each its own numbered, signed PDF.
      if (secret) {
        for (int k = 1; k <= std::max(1, draft.copies); ++k) {
          char no[16];
          std::snprintf(no, sizeof no, "%06d", k);
          Document copy = doc;
          copy.copy_number = no;
          std::string bytes = sign_pdf(render_pdf(copy, opts).take().bytes, key, so).take();
          const fs::path p = dir / doc.number / (std::string("份号-") + no + ".pdf");
          stage(p, bytes);
          m_ws.registry().add_copy(CopyRecord{doc.number, no, m_ws.relative(p), sha256_hex(bytes)});
        }
      }

      // 发文稿纸: the handling record of this document, filed with it.
      const Profile& prof = m_ws.profile();
      DraftSheet sheet;
      sheet.organ = doc.issuers.front();
      sheet.title = doc.title;
      sheet.number = doc.number;
      sheet.kind = doc.kind;
      sheet.secrecy = to_chinese(doc.secrecy);
      if (!sheet.secrecy.empty() && !doc.secrecy_term.empty()) sheet.secrecy += "★" + doc.secrecy_term;
      sheet.urgency = to_chinese(doc.urgency);
      sheet.drafter = user_name(prof, d.drafter);
      sheet.drafter_unit = prof.office_name;
      sheet.drafted_on = chinese_time(d.created_at, false);
      for (const auto& r : current_reviews(d))
        if (r.decision == Decision::Approve)
          sheet.reviews.push_back({user_name(prof, r.reviewer), user_post(prof, r.reviewer), r.opinion,
                                   chinese_time(r.at)});
      sheet.signoff = {user_name(prof, signoff->signer), user_post(prof, signoff->signer), signoff->opinion,
                       chinese_time(signoff->at)};
      sheet.main_recipients = doc.main_recipients;
      sheet.copies_to = doc.copies_to;
      sheet.copies = draft.copies;
      sheet.issued_on = chinese_time(doc.print_date.iso(), false);
      const RenderedFile sheet_pdf = render_draft_sheet(sheet, opts).take();
      stage(sheet_path, sheet_pdf.bytes);

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
      r.date = doc.date.iso();
      r.pdf_path = m_ws.relative(pdf_path);
      r.docx_path = m_ws.relative(docx_path);
      r.sheet_path = m_ws.relative(sheet_path);
      r.pdf_sha256 = sha256_hex(pdf.bytes);
      r.docx_sha256 = sha256_hex(docx.bytes);
      r.sheet_sha256 = sha256_hex(sheet_pdf.bytes);
      r.pages = pdf.pages;
      r.issued_at = now_iso();
      r.text = doc.plain_text();
      r.id = m_ws.registry().add_issued(r);
      if (sealed)
        m_ws.registry().add_seal_use(SealUseRecord{0, doc.number, doc.seal_text, signoff->signer, u.id,
                                                   draft.copies, now_iso(), signoff->at});
      d.state = DraftState::Issued;
      d.updated_at = now_iso();
      m_ws.registry().update_draft(d);
      m_ws.registry().audit(now_iso(), u.id, "issue", draft_label(d),
                            doc.number + " pdf sha256 " + r.pdf_sha256 +
                                (secret ? " copies " + std::to_string(std::max(1, draft.copies)) : ""));
      out.issued = r;
      out.document = doc;
      out.warnings = pdf.warnings;
      for (auto& w : docx.warnings) out.warnings.push_back(w);
    });
  } catch (...) {
    // The number went back with the rollback; take the staged files with it.
    std::error_code ec;
    for (const auto& [tmp, final_path] : staged) fs::remove(tmp, ec);
    throw;
  }
  // Committed: move the files into documents/ (recover_staged() finishes this after a kill).
  for (const auto& [tmp, final_path] : staged) {
    std::error_code ec;
    fs::create_directories(final_path.parent_path(), ec);
    fs::rename(tmp, final_path, ec);
    if (ec && !fs::exists(final_path))
      fail(Code::Io, "issued " + out.issued.number + " but cannot move " + tmp.string() + " to " +
                         final_path.string() + ": " + ec.message(),
           {"free disk space, then run any gongwen issue: it finishes the move"});
  }
  return out;
}

NumberRecord Office::void_number(const std::string& text, const std::string& user,
                                 const std::string& reason) {
  const auto n = parse_doc_number(text);
  if (!n) fail(Code::BadInput, "'" + text + "' is not a 发文字号", {"write it like 白政发〔2026〕7号"});
  const User& u = require_user(user, {Role::Signer, Role::Admin}, "void numbers", n->text());
  if (reason.empty()) fail(Code::BadInput, "voiding a number needs a reason", {"add --reason \"…\""});
  NumberRecord found;
  bool ok = false;
  for (const auto& r : m_ws.registry().numbers(n->year))
    if (r.code == n->code && r.serial == n->serial) { found = r; ok = true; }
  if (!ok) fail(Code::NotFound, n->text() + " has not been given out");
  if (found.status == "void") fail(Code::Conflict, n->text() + " is already void");
  // Voiding is for a number that was given out but whose issue did not complete (no issued
  // document carries it). A number on an issued document is part of the record: it cannot be
  // taken back, least of all once its year is filed (issue 13 #4).
  if (m_ws.registry().issued_by_number(n->text())) {
    const bool filed = !m_ws.registry().filed(n->year).empty();
    m_ws.registry().transaction([&] {
      m_ws.registry().audit(now_iso(), u.id, "refused", n->text(), filed ? "void of a filed number" : "void of an issued number");
    });
    if (filed)
      fail(Code::Conflict, n->text() + " 已发出并已随 " + std::to_string(n->year) + " 年度归档，不能作废",
           {"已归档的文件只能更正（gongwen archive correct），不能作废"});
    fail(Code::Conflict, n->text() + " 已发出，不能作废",
         {"作废只用于已取号但未完成发文的文号", "已发出的文件如需更正，另行发文更正或废止"});
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
