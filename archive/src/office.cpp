// The handling of outgoing documents. The rules come from the office's 分文处理制度 and
// 印鉴管理制度: reviewed in order, signed off by the leader ("领导未签的文件一律不得印发"),
// sealed only by the seal keeper on a signed-off document, every seal use registered.
#include "gongwen/archive/office.hpp"

#include <algorithm>

#include "gongwen/pipeline/number.hpp"
#include "gongwen/pipeline/render.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

namespace {

int level(Secrecy s) { return static_cast<int>(s); }

std::string roles_text(std::initializer_list<Role> roles) {
  std::string s;
  for (Role r : roles) s += (s.empty() ? "" : " / ") + std::string(role_chinese(r));
  return s;
}

std::string draft_label(const DraftRecord& d) { return "#" + std::to_string(d.id) + " " + d.title; }

}  // namespace

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

void Office::require_clearance(const User& u, const std::string& secrecy, const std::string& action,
                               const std::string& subject) {
  const Secrecy s = parse_secrecy(secrecy).value_or(Secrecy::TopSecret);
  if (level(u.clearance) >= level(s)) return;
  m_ws.registry().audit(now_iso(), u.id, "refused", subject, action + ": not cleared for " + secrecy);
  fail(Code::Forbidden, u.name + " (" + u.id + ") is not cleared for " + secrecy +
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

std::string Office::next_step(const DraftRecord& d) {
  const auto& chain = m_ws.profile().chain_for(d.doc_class);
  switch (d.state) {
    case DraftState::Submitted:
    case DraftState::Reviewing: {
      std::size_t done = 0;
      for (const auto& r : current_reviews(d)) done += r.decision == Decision::Approve;
      if (done < chain.size()) return "review by " + chain[done];
      return "sign-off";
    }
    case DraftState::Returned: return "revise and resubmit by " + d.drafter;
    case DraftState::Reviewed: return "sign-off";
    case DraftState::Signed: return "issue (seal keeper)";
    case DraftState::Issued: return "done";
    case DraftState::Voided: return "voided";
  }
  return "";
}

DraftRecord Office::submit(const fs::path& file, const std::string& user) {
  std::error_code ec;
  const std::string source = fs::weakly_canonical(fs::absolute(file, ec), ec).string();
  const User& u = require_user(user, {Role::Drafter}, "submit drafts", source);
  const Draft draft = load_draft(file);
  if (!draft.drafter.empty() && draft.drafter != u.id)
    fail(Code::Forbidden, "the draft names " + draft.drafter + " as its drafter, not " + u.id,
         {"submit it as " + draft.drafter + ", or change drafter = in the draft"});
  const std::string secrecy = to_chinese(draft.doc.secrecy);
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
             {"next step: " + next_step(rec)});
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
         {"next step: " + next_step(d)});
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
         {"next step: " + next_step(d)});
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
  if (d.state != DraftState::Signed)
    fail(Code::Forbidden, "draft #" + std::to_string(d.id) + " is " + state_chinese(d.state) +
                              ": 领导未签的文件一律不得印发 (nothing unsigned is issued)",
         {"next step: " + next_step(d)});
  Draft draft = load_draft(d.source);
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

  IssueOutcome out;
  const Instant now = m_clock.now();
  std::vector<fs::path> written;
  try {
    m_ws.registry().transaction([&] {
      const int year = draft.doc.date.year;
      const int serial = m_ws.registry().allocate_number(d.code, year, d.id, now_iso());
      const DocNumber number{d.code, year, serial};
      Document& doc = draft.doc;
      doc.number = number.text();
      doc.print_date = now.local_date();
      if (doc.print_date < doc.date) doc.print_date = doc.date;
      if (doc.secrecy != Secrecy::None) doc.copy_number = "000001";  // the registered master copy

      RenderOptions opts;
      opts.created = now;
      opts.fonts = m_ws.profile().fonts;
      opts.seal_diameter_mm = m_ws.profile().seal_diameter_mm;
      RenderedFile pdf = render_pdf(doc, opts).take();
      RenderedFile docx = render_docx(doc, opts).take();

      const fs::path dir = m_ws.documents_dir() / std::to_string(year);
      const fs::path pdf_path = dir / (doc.number + ".pdf");
      const fs::path docx_path = dir / (doc.number + ".docx");
      write_file_atomic(pdf_path, pdf.bytes);
      written.push_back(pdf_path);
      write_file_atomic(docx_path, docx.bytes);
      written.push_back(docx_path);

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
      r.secrecy = to_chinese(doc.secrecy);
      r.date = doc.date.iso();
      r.pdf_path = m_ws.relative(pdf_path);
      r.docx_path = m_ws.relative(docx_path);
      r.pdf_sha256 = sha256_hex(pdf.bytes);
      r.docx_sha256 = sha256_hex(docx.bytes);
      r.pages = pdf.pages;
      r.issued_at = now_iso();
      r.text = doc.plain_text();
      r.id = m_ws.registry().add_issued(r);
      if (sealed)
        m_ws.registry().add_seal_use(
            SealUseRecord{0, doc.number, doc.seal_text, signoff->signer, u.id, draft.copies, now_iso()});
      d.state = DraftState::Issued;
      d.updated_at = now_iso();
      m_ws.registry().update_draft(d);
      m_ws.registry().audit(now_iso(), u.id, "issue", draft_label(d),
                            doc.number + " pdf sha256 " + r.pdf_sha256);
      out.issued = r;
      out.document = doc;
      out.warnings = pdf.warnings;
      for (auto& w : docx.warnings) out.warnings.push_back(w);
    });
  } catch (...) {
    // The number went back with the rollback; take the files with it.
    std::error_code ec;
    for (const auto& p : written) fs::remove(p, ec);
    throw;
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

}  // namespace gongwen::archive
