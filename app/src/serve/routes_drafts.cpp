// 拟稿 and the sign-off workflow: templates, submit, 我的待办, review, sign, issue (the live
// preview is in routes_preview.cpp).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gongwen/services/display.hpp"
#include "gongwen/services/workflows.hpp"
#include "gongwen/pipeline/draft.hpp"
#include "gongwen/archive/registry.hpp"
#include "gongwen/pipeline/render.hpp"
#include "diagnostics_out.hpp"
#include "next_json.hpp"
#include "serve/draft_form.hpp"
#include "serve/line_diff.hpp"
#include "serve/pictures.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

// A draft as the pages show it: people by name beside their ids, times in Chinese beside ISO.
nlohmann::json draft_json(const Profile& p, const archive::DraftRecord& d, const services::NextStep& next) {
  nlohmann::json n = next_json(next);
  n["name"] = services::person_name(p, next.user);
  n["text"] = services::describe_step(next, p);
  return {{"id", d.id},       {"title", d.title},   {"state", archive::state_name(d.state)},
          {"state_text", archive::state_chinese(d.state)},
          {"kind", d.kind},   {"drafter", d.drafter}, {"drafter_name", services::person_name(p, d.drafter)},
          {"secrecy", to_chinese(d.secrecy)},
          {"round", d.round}, {"next", n}, {"updated_at", d.updated_at},
          {"updated_text", services::chinese_time(d.updated_at)}};
}

nlohmann::json draft_json(const Profile& p, const services::DraftStep& s) { return draft_json(p, s.draft, s.next); }

}  // namespace

// The draft form → a checked Draft, or the Error carrying every problem, each naming its
// field. Its pictures are read from the caller's picture folder, the folder its draft file
// is written to on submit; so are its uploaded attachments.
std::optional<Draft> read_form(State& st, const nlohmann::json& form, const std::string& user, std::string& toml,
                               Diagnostics& found) {
  Diagnostics diags;
  FormLayout layout;
  const fs::path dir = picture_dir(st.ws.root(), user, false);
  const auto stored = [&dir](const std::string& name) {
    std::error_code ec;
    return fs::symlink_status(dir / name, ec).type() == fs::file_type::regular;
  };
  toml = draft_toml(form, user, diags, &layout, stored);
  check_form_pictures(form, dir);  // throws: a picture line naming anything else is refused
  auto draft = read_draft(toml, "网页拟稿", dir, st.ws.templates(), st.ws.profile(), diags);
  found = in_form_positions(diags, toml, "网页拟稿", layout);
  if (!draft || diags.has_errors()) return std::nullopt;
  check_draft_pictures(*draft, dir);
  return draft;
}

Result<Draft> read_form(State& st, const nlohmann::json& form, const std::string& user, std::string& toml) {
  Diagnostics found;
  auto draft = read_form(st, form, user, toml, found);
  if (!draft) return found.to_error();
  return std::move(*draft);
}

namespace {

// Whether `u` is the one the next step waits for.
bool acts_next(const services::NextStep& next, const User& u) {
  switch (next.step) {
    case services::Step::Review:
    case services::Step::Revise: return next.user == u.id;
    case services::Step::SignOff: return u.has(Role::Signer);
    case services::Step::Issue: return u.has(Role::SealKeeper);
    default: return false;
  }
}

std::int64_t id_of(const httplib::Request& req) { return std::stoll(req.matches[1].str()); }

// The draft, if the caller may see it; NotFound otherwise (a secret draft's existence is
// not revealed to the uncleared).
archive::DraftRecord visible_draft(State& st, const Caller& c, std::int64_t id) {
  auto d = st.ws.registry().draft(id);
  if (!d || !may_see(*c.user, d->secrecy, {d->drafter}))
    fail(Code::NotFound, msg("web.draft.none", {{"id", std::to_string(id)}}));
  return *d;
}

void get_templates(State& st, const Caller&, const httplib::Request&, httplib::Response& res) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : st.ws.templates()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : t.fields) fields.push_back({{"name", f.name}, {"label", f.label}, {"required", f.required}});
    list.push_back({{"id", t.id}, {"name", t.name}, {"kind", t.kind}, {"description", t.description},
                    {"fields", fields}, {"title_pattern", t.title_pattern}, {"required", t.required},
                    {"recipients", t.no_recipients ? "none" : "required"},
                    {"direction", to_chinese(t.direction)},
                    // 上行文 (请示, 报告) carry 签发人 in their 版头: the form asks for them.
                    {"signers", t.direction == Direction::Upward}});
  }
  nlohmann::json organs = nlohmann::json::array();
  for (const auto& o : st.ws.profile().organs) {
    const User* signer = st.ws.profile().user(o.signer);
    organs.push_back({{"id", o.id}, {"name", o.name}, {"signer", signer ? signer->name : ""}});
  }
  reply_json(res, 200, {{"ok", true}, {"templates", list}, {"organs", organs},
                        {"today", st.clock.now().local_date().iso()}});
}

// 拟稿's check: every problem of the form, each with the field it belongs to, so the page
// shows each beside its input. Nothing is written or rendered.
void post_check(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  auto form = json_body(req, res);
  if (!form) return;
  std::string toml;
  nlohmann::json diagnostics = nlohmann::json::array();
  bool ok = true;
  try {
    Diagnostics found;
    ok = read_form(st, *form, c.user->id, toml, found).has_value();
    diagnostics = diagnostics_json(found.items());
  } catch (const Failure& f) {  // a refused picture line
    diagnostics = diagnostics_json(f.error());
    ok = false;
  }
  // ok: nothing refuses the draft; the clerk's warnings (with their fixes) are listed all the same.
  reply_json(res, 200, {{"ok", ok}, {"diagnostics", diagnostics}});
}

// Submit: the form becomes a draft file in the drafter's folder (drafts/web/<user>/, beside
// the pictures it names) with a name the server chooses.
void post_draft(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  auto form = json_body(req, res);
  if (!form) return;
  std::string toml;
  auto draft = read_form(st, *form, c.user->id, toml);
  if (!draft) throw Failure(draft.error());
  std::lock_guard lock(st.ws_mutex);
  const fs::path file = picture_dir(st.ws.root(), c.user->id, true) / ("draft-" + random_token().substr(0, 16) + ".toml");
  archive::write_file_atomic(file, toml);
  services::Workflows flows(st.ws, st.clock);
  try {
    const auto step = flows.submit(file, c.user->id);
    reply_json(res, 201, {{"ok", true}, {"draft", draft_json(st.ws.profile(), step)}});
  } catch (...) {
    fs::remove(file);  // a refused draft leaves nothing behind
    throw;
  }
}

void get_drafts(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  const bool todo_only = req.get_param_value("todo") == "1";
  std::lock_guard lock(st.ws_mutex);
  services::Workflows flows(st.ws, st.clock);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : st.ws.registry().drafts()) {
    if (!may_see(*c.user, d.secrecy, {d.drafter})) continue;
    const auto next = flows.next_step(d);
    if (todo_only && !acts_next(next, *c.user)) continue;
    list.push_back(draft_json(st.ws.profile(), d, next));
  }
  reply_json(res, 200, {{"ok", true}, {"drafts", list}});
}

// What happened to a draft, oldest first: submitted, each review, the sign-off, the issue.
nlohmann::json draft_history(State& st, const archive::DraftRecord& d, nlohmann::json& j) {
  const Profile& p = st.ws.profile();
  auto entry = [&](const std::string& at, const std::string& who, const std::string& what, const std::string& opinion) {
    return nlohmann::json{{"at", at}, {"at_text", services::chinese_time(at)}, {"who", who},
                          {"who_name", who.empty() ? "" : services::person_name(p, who)}, {"what", what},
                          {"opinion", opinion}};
  };
  nlohmann::json history = nlohmann::json::array();
  history.push_back(entry(d.created_at, d.drafter, "拟稿提交", ""));
  for (const auto& r : st.ws.registry().reviews(d.id)) {
    auto e = entry(r.at, r.reviewer, r.decision == archive::Decision::Approve ? "审核同意" : "退回修改", r.opinion);
    e["round"] = r.round;
    history.push_back(e);
  }
  if (auto s = st.ws.registry().signoff(d.id)) history.push_back(entry(s->at, s->signer, "签发", s->opinion));
  for (const auto& i : st.ws.registry().issued(d.year))
    if (i.draft_id == d.id) {
      history.push_back(entry(i.issued_at, "", "印发 " + i.number, ""));
      j["issued"] = {{"id", i.id}, {"number", i.number}, {"pages", i.pages}, {"ofd", !i.ofd_sha256.empty()}};
    }
  return history;
}

// The draft as it was submitted this round (the register's snapshot, read against the files
// beside it), as the reviewer and the signer are asked to approve it.
Draft submitted_draft(State& st, const archive::DraftRecord& d) {
  auto draft = read_draft(d.snapshot, d.source, fs::path(d.source).parent_path(), st.ws.templates(), st.ws.profile());
  if (!draft)
    fail(Code::Conflict, msg("web.draft.preview.source", {{"id", std::to_string(d.id)}}),
         {msg("web.draft.preview.source.hint")});
  return std::move(draft).value();
}

// The document's text this round, and what changed since the round before: a line diff of the
// plain texts kept per round (archive DraftRoundRecord).
void add_text_and_changes(State& st, const archive::DraftRecord& d, nlohmann::json& j) {
  const auto rounds = st.ws.registry().draft_rounds(d.id);
  std::string now;
  if (!rounds.empty() && rounds.back().round == d.round) now = rounds.back().text;
  if (now.empty()) {
    try {
      now = submitted_draft(st, d).doc.plain_text();
    } catch (const Failure&) {
      // The draft's files are gone: the text stays empty, the page says there is no preview.
    }
  }
  j["document_text"] = now;
  const archive::DraftRoundRecord* before = nullptr;
  for (const auto& r : rounds)
    if (r.round < d.round && !r.text.empty()) before = &r;
  nlohmann::json changes = {{"to_round", d.round}};
  if (!before) {
    changes["from_round"] = nullptr;
    changes["summary"] = msg("web.draft.changes.first");
    changes["lines"] = nlohmann::json::array();
  } else {
    int added = 0, removed = 0;
    nlohmann::json lines = nlohmann::json::array();
    for (const DiffLine& l : line_diff(before->text, now)) {
      added += l.op == '+';
      removed += l.op == '-';
      lines.push_back({{"op", std::string(1, l.op)}, {"text", l.text}});
    }
    changes["from_round"] = before->round;
    changes["summary"] = added + removed == 0
                             ? msg("web.draft.changes.none", {{"from", std::to_string(before->round)}})
                             : msg("web.draft.changes.since", {{"from", std::to_string(before->round)},
                                                               {"added", std::to_string(added)},
                                                               {"removed", std::to_string(removed)}});
    changes["added"] = added;
    changes["removed"] = removed;
    changes["lines"] = lines;
  }
  j["changes"] = changes;
}

void get_draft(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(st.ws_mutex);
  const auto d = visible_draft(st, c, id_of(req));
  services::Workflows flows(st.ws, st.clock);
  const auto next = flows.next_step(d);
  nlohmann::json j = draft_json(st.ws.profile(), d, next);
  j["history"] = draft_history(st, d, j);
  j["acts_next"] = acts_next(next, *c.user);
  j["text"] = d.snapshot;
  j["preview"] = "/api/drafts/" + std::to_string(d.id) + "/preview.pdf";
  add_text_and_changes(st, d, j);
  reply_json(res, 200, {{"ok", true}, {"draft", j}});
}

// The draft's preview PDF, laid out as it will be issued (文号 still open), for whoever may
// see the draft: the reviewer reads it before approving, the signer before signing.
void get_draft_pdf(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  archive::DraftRecord d;
  {
    std::lock_guard lock(st.ws_mutex);
    d = visible_draft(st, c, id_of(req));
  }
  const std::string key = std::to_string(d.id) + ":" + archive::sha256_hex(d.snapshot);
  std::shared_ptr<const std::string> pdf;
  {
    std::lock_guard lock(st.preview_mutex);
    if (auto it = st.draft_pdfs.find(key); it != st.draft_pdfs.end()) pdf = it->second;
  }
  if (!pdf) {
    pdf = std::make_shared<const std::string>(render_preview_pdf(st, submitted_draft(st, d)).bytes);
    std::lock_guard lock(st.preview_mutex);
    if (st.draft_pdfs.emplace(key, pdf).second) st.draft_pdf_order.push_back(key);
    if (st.draft_pdf_order.size() > 16) {
      st.draft_pdfs.erase(st.draft_pdf_order.front());
      st.draft_pdf_order.erase(st.draft_pdf_order.begin());
    }
  }
  res.set_header("Content-Disposition", "inline; filename=\"draft-" + std::to_string(d.id) + ".pdf\"");
  res.set_content(*pdf, "application/pdf");
}

// review / sign / issue: the workflow checks role, order, clearance and the fingerprint.
void post_step(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  auto body = json_body(req, res);
  if (!body) return;
  const std::string step = req.matches[2].str();
  const std::string opinion = body->value("opinion", "");
  std::lock_guard lock(st.ws_mutex);
  const auto d = visible_draft(st, c, id_of(req));
  services::Workflows flows(st.ws, st.clock);
  const Profile& p = st.ws.profile();
  const std::string ref = std::to_string(d.id);
  if (step == "review") {
    const auto decision = body->value("decision", "approve") == "return" ? archive::Decision::Return
                                                                         : archive::Decision::Approve;
    reply_json(res, 200, {{"ok", true}, {"draft", draft_json(p, flows.review(ref, c.user->id, decision, opinion))}});
  } else if (step == "sign") {
    reply_json(res, 200, {{"ok", true}, {"draft", draft_json(p, flows.sign(ref, c.user->id, opinion))}});
  } else {
    const auto out = flows.issue(ref, c.user->id);
    const std::string note = out.index_problem.empty() ? "" : msg("web.issue.not_indexed", {{"why", out.index_problem}});
    reply_json(res, 200, {{"ok", true}, {"issued", {{"id", out.issued.id}, {"number", out.issued.number},
                                                   {"pages", out.issued.pages}}},
                          {"warnings", out.warnings}, {"note", note}, {"next", next_json(out.next)}});
  }
}

}  // namespace

void add_draft_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/templates", api(st, Change::Read, get_templates));
  srv.Post("/api/drafts/check", api(st, Change::Write, post_check));
  srv.Post("/api/drafts", api(st, Change::Write, post_draft));
  srv.Get("/api/drafts", api(st, Change::Read, get_drafts));
  srv.Get(R"(/api/drafts/(\d{1,12}))", api(st, Change::Read, get_draft));
  srv.Get(R"(/api/drafts/(\d{1,12})/preview\.pdf)", api(st, Change::Read, get_draft_pdf));
  srv.Post(R"(/api/drafts/(\d{1,12})/(review|sign|issue))", api(st, Change::Write, post_step));
}

}  // namespace gongwen::app::serve
