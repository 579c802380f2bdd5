// 拟稿 and the sign-off workflow: templates, submit, 我的待办, review, sign, issue (the live
// preview is in routes_preview.cpp).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gongwen/services/workflows.hpp"
#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/render.hpp"
#include "diagnostics_out.hpp"
#include "next_json.hpp"
#include "serve/draft_form.hpp"
#include "serve/pictures.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

nlohmann::json draft_json(const archive::DraftRecord& d, const services::NextStep& next) {
  return {{"id", d.id},       {"title", d.title},   {"state", archive::state_name(d.state)},
          {"state_text", archive::state_chinese(d.state)},
          {"kind", d.kind},   {"drafter", d.drafter}, {"secrecy", to_chinese(d.secrecy)},
          {"round", d.round}, {"next", next_json(next)}, {"updated_at", d.updated_at}};
}

nlohmann::json draft_json(const services::DraftStep& s) { return draft_json(s.draft, s.next); }

}  // namespace

// The draft form → a checked Draft, or the Error carrying every problem, each naming its
// field. Its pictures are read from the caller's picture folder, the folder its draft file
// is written to on submit.
Result<Draft> read_form(State& st, const nlohmann::json& form, const std::string& user, std::string& toml) {
  Diagnostics diags;
  toml = draft_toml(form, user, diags);
  const fs::path dir = picture_dir(st.ws.root(), user, false);
  check_form_pictures(form, dir);  // throws: a picture line naming anything else is refused
  auto draft = read_draft(toml, "网页拟稿", dir, st.ws.templates(), st.ws.profile(), diags);
  if (!draft || diags.has_errors()) return diags.to_error();
  check_draft_pictures(*draft, dir);
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
    fail(Code::NotFound, "没有编号为 #" + std::to_string(id) + " 的文稿");
  return *d;
}

}  // namespace

void add_draft_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/templates", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : st.ws.templates()) {
      nlohmann::json fields = nlohmann::json::array();
      for (const auto& f : t.fields) fields.push_back({{"name", f.name}, {"label", f.label}, {"required", f.required}});
      list.push_back({{"id", t.id}, {"name", t.name}, {"kind", t.kind}, {"description", t.description},
                      {"fields", fields}, {"title_pattern", t.title_pattern}, {"required", t.required},
                      {"recipients", t.no_recipients ? "none" : "required"},
                      {"direction", to_chinese(t.direction)}});
    }
    nlohmann::json organs = nlohmann::json::array();
    for (const auto& o : st.ws.profile().organs) organs.push_back({{"id", o.id}, {"name", o.name}});
    reply_json(res, 200, {{"ok", true}, {"templates", list}, {"organs", organs},
                          {"today", st.clock.now().local_date().iso()}});
  });

  // 拟稿's check: every problem of the form, each with the field it belongs to, so the page
  // shows each beside its input. Nothing is written or rendered.
  srv.Post("/api/drafts/check", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      auto form = json_body(req, res);
      if (!form) return;
      std::string toml;
      nlohmann::json diagnostics = nlohmann::json::array();
      try {
        auto draft = read_form(st, *form, c->user->id, toml);
        if (!draft) diagnostics = diagnostics_json(draft.error());
      } catch (const Failure& f) {  // a refused picture line
        diagnostics = diagnostics_json(f.error());
      }
      reply_json(res, 200, {{"ok", diagnostics.empty()}, {"diagnostics", diagnostics}});
    });
  });

  // Submit: the form becomes a draft file in the drafter's folder (drafts/web/<user>/, beside
  // the pictures it names) with a name the server chooses.
  srv.Post("/api/drafts", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      auto form = json_body(req, res);
      if (!form) return;
      std::string toml;
      auto draft = read_form(st, *form, c->user->id, toml);
      if (!draft) throw Failure(draft.error());
      std::lock_guard lock(st.ws_mutex);
      const fs::path file = picture_dir(st.ws.root(), c->user->id, true) / ("draft-" + random_token().substr(0, 16) + ".toml");
      archive::write_file_atomic(file, toml);
      services::Workflows flows(st.ws, st.clock);
      try {
        const auto step = flows.submit(file, c->user->id);
        reply_json(res, 201, {{"ok", true}, {"draft", draft_json(step)}});
      } catch (...) {
        fs::remove(file);  // a refused draft leaves nothing behind
        throw;
      }
    });
  });

  srv.Get("/api/drafts", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      const bool todo_only = req.get_param_value("todo") == "1";
      std::lock_guard lock(st.ws_mutex);
      services::Workflows flows(st.ws, st.clock);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& d : st.ws.registry().drafts()) {
        if (!may_see(*c->user, d.secrecy, {d.drafter})) continue;
        const auto next = flows.next_step(d);
        if (todo_only && !acts_next(next, *c->user)) continue;
        list.push_back(draft_json(d, next));
      }
      reply_json(res, 200, {{"ok", true}, {"drafts", list}});
    });
  });

  srv.Get(R"(/api/drafts/(\d{1,12}))", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      const auto d = visible_draft(st, *c, id_of(req));
      services::Workflows flows(st.ws, st.clock);
      const auto next = flows.next_step(d);
      nlohmann::json j = draft_json(d, next);
      nlohmann::json history = nlohmann::json::array();
      history.push_back({{"at", d.created_at}, {"who", d.drafter}, {"what", "拟稿提交"}, {"opinion", ""}});
      for (const auto& r : st.ws.registry().reviews(d.id))
        history.push_back({{"at", r.at}, {"who", r.reviewer}, {"round", r.round},
                           {"what", r.decision == archive::Decision::Approve ? "审核同意" : "退回修改"},
                           {"opinion", r.opinion}});
      if (auto s = st.ws.registry().signoff(d.id))
        history.push_back({{"at", s->at}, {"who", s->signer}, {"what", "签发"}, {"opinion", s->opinion}});
      for (const auto& i : st.ws.registry().issued(d.year))
        if (i.draft_id == d.id) {
          history.push_back({{"at", i.issued_at}, {"who", ""}, {"what", "印发 " + i.number}, {"opinion", ""}});
          j["issued"] = {{"id", i.id}, {"number", i.number}, {"pages", i.pages}};
        }
      j["history"] = history;
      j["acts_next"] = acts_next(next, *c->user);
      j["text"] = d.snapshot;
      reply_json(res, 200, {{"ok", true}, {"draft", j}});
    });
  });

  // review / sign / issue: the workflow checks role, order, clearance and the fingerprint.
  srv.Post(R"(/api/drafts/(\d{1,12})/(review|sign|issue))", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      auto body = json_body(req, res);
      if (!body) return;
      const std::string step = req.matches[2].str();
      const std::string opinion = body->value("opinion", "");
      std::lock_guard lock(st.ws_mutex);
      const auto d = visible_draft(st, *c, id_of(req));
      services::Workflows flows(st.ws, st.clock);
      const std::string ref = std::to_string(d.id);
      if (step == "review") {
        const auto decision = body->value("decision", "approve") == "return" ? archive::Decision::Return
                                                                             : archive::Decision::Approve;
        reply_json(res, 200, {{"ok", true}, {"draft", draft_json(flows.review(ref, c->user->id, decision, opinion))}});
      } else if (step == "sign") {
        reply_json(res, 200, {{"ok", true}, {"draft", draft_json(flows.sign(ref, c->user->id, opinion))}});
      } else {
        const auto out = flows.issue(ref, c->user->id);
        const std::string note =
            out.index_problem.empty()
                ? ""
                : "已印发，但尚未进入检索（" + out.index_problem + "），请管理员运行 gongwen search reindex";
        reply_json(res, 200, {{"ok", true}, {"issued", {{"id", out.issued.id}, {"number", out.issued.number},
                                                       {"pages", out.issued.pages}}},
                              {"warnings", out.warnings}, {"note", note}, {"next", next_json(out.next)}});
      }
    });
  });
}

}  // namespace gongwen::app::serve
