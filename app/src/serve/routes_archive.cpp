// 档案: the filing plan, filing a year (with its progress), the catalogue, and correcting a
// filed 件. Secret items are not listed to the uncleared; only their count is, so the
// archivist knows the plan is complete. 收文 is in routes_receive.cpp.
#include <algorithm>
#include <cctype>

#include "gongwen/archive/filing.hpp"
#include "day_json.hpp"
#include "gongwen/archive/filing_correct.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/workflows.hpp"
#include "next_json.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

int year_param(const httplib::Request& req) {
  const std::string y = req.has_param("year") ? req.get_param_value("year") : "";
  const int year = std::atoi(y.c_str());
  if (year < 1949 || year > 9999) fail(Code::BadInput, msg("web.year"));
  return year;
}

archive::RetentionTable retention_table(State& st) {
  archive::RetentionTable table;
  const auto rules = st.ws.templates_dir() / "retention.toml";
  if (fs::exists(rules)) table = archive::parse_retention_table(archive::read_file(rules), rules.string()).take();
  return table;
}

void get_plan(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  const int year = year_param(req);
  std::lock_guard lock(st.ws_mutex);
  const archive::RetentionTable table = retention_table(st);
  nlohmann::json items = nlohmann::json::array();
  // Blockers about items this reader may not see are counted, never named (issue 13 #1).
  const auto blockers = services::filing_blockers_for(st.ws, year, *c.user);
  int hidden = 0;
  for (const auto& r : archive::valid_issued(st.ws.registry(), year)) {
    if (!may_see(*c.user, r.secrecy)) {
      ++hidden;
      continue;
    }
    items.push_back({{"number", r.number}, {"title", r.title}, {"date", day_json(r.date)},
                     {"retention", table.retention_for(r.kind, r.title)}});
  }
  const auto filed = st.ws.registry().filed(year);
  reply_json(res, 200, {{"ok", true}, {"year", year}, {"items", items}, {"hidden", hidden},
                        {"blockers", blockers.lines}, {"hidden_blockers", blockers.hidden},
                        {"filed", !filed.empty()}});
}

void set_progress(FilingProgress& f, int year, bool running, const std::string& phase, int done, int total) {
  std::lock_guard p(f.mutex);
  f.year = year;
  f.running = running;
  f.phase = phase;
  f.done = done;
  f.total = total;
}

void post_file(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  auto body = json_body(req, res);
  if (!body) return;
  if (!c.user->has(Role::Archivist)) fail(Code::Forbidden, msg("web.file.forbidden"));
  const int year = body->value("year", 0);
  if (year < 1949 || year > 9999) fail(Code::BadInput, msg("web.year"));
  std::lock_guard lock(st.ws_mutex);
  set_progress(st.filing, year, true, "staging", 0, 0);
  try {
    // The workflow reports staging per 件, indexing per document, then done.
    const services::ProgressFn progress = [&](const services::Progress& p) {
      set_progress(st.filing, year, p.phase != "done", p.phase, p.done, p.total);
    };
    services::Workflows flows(st.ws, st.clock);
    const auto out = flows.file_year(year, c.user->id, {}, progress, body->value("confirm", false));
    reply_json(res, 200, {{"ok", true}, {"year", year}, {"count", out.filing.items.size()},
                          {"reindexed", out.reindexed}, {"next", next_json(out.next)}});
  } catch (...) {
    set_progress(st.filing, year, false, "failed", 0, 0);
    throw;
  }
}

// How far the running (or last) filing of `year` has got; the archivist's page polls this.
// It takes no workspace lock: the filing itself holds that.
void get_file_progress(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  if (!c.user->has(Role::Archivist)) fail(Code::Forbidden, msg("web.file.progress_forbidden"));
  const int year = year_param(req);
  std::lock_guard p(st.filing.mutex);
  const bool same = st.filing.year == year;
  reply_json(res, 200, {{"ok", true}, {"year", year}, {"running", same && st.filing.running},
                        {"phase", same ? st.filing.phase : ""}, {"done", same ? st.filing.done : 0},
                        {"total", same ? st.filing.total : 0}});
}

void get_catalogue(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  const int year = year_param(req);
  std::lock_guard lock(st.ws_mutex);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : st.ws.registry().filed(year)) {
    auto r = st.ws.registry().issued_by_number(f.number);
    if (r && !may_see(*c.user, r->secrecy)) continue;
    items.push_back({{"archive_code", f.archive_code}, {"item_no", f.item_no}, {"number", f.number},
                     {"title", r ? r->title : ""}, {"retention", f.retention}, {"filed_at", f.filed_at}});
  }
  reply_json(res, 200, {{"ok", true}, {"year", year}, {"items", items}});
}

// A correction's request from the form: multipart (year, item, reason, field "字段=新值"
// repeated, an optional file) or JSON ({"year", "item", "reason", "fields": {"题名": "…"}}).
archive::CorrectionRequest correction_from(const httplib::Request& req, httplib::Response& res, bool& replied) {
  archive::CorrectionRequest r;
  if (req.is_multipart_form_data()) {
    auto text = [&](const char* name) { return req.has_file(name) ? req.get_file_value(name).content : std::string(); };
    r.year = std::atoi(text("year").c_str());
    r.item = text("item");
    r.reason = text("reason");
    const auto [first, last] = req.files.equal_range("field");  // repeated, one per field
    for (auto it = first; it != last; ++it)
      if (!it->second.content.empty()) r.fields.push_back(archive::parse_field_assignment(it->second.content));
    return r;
  }
  auto body = json_body(req, res);
  if (!body) {
    replied = true;
    return r;
  }
  r.year = body->value("year", 0);
  r.item = body->value("item", "");
  r.reason = body->value("reason", "");
  if (body->contains("fields"))
    for (const auto& [name, value] : (*body)["fields"].items()) r.fields.emplace_back(name, value.get<std::string>());
  return r;
}

// 更正: a new version of a filed 件 with its reason; the original stays (the workflow checks
// the role 档案员, the year, the 档号 and the fields, and re-indexes the year).
void post_correct(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  bool replied = false;
  archive::CorrectionRequest request = correction_from(req, res, replied);
  if (replied) return;
  if (request.year < 1949 || request.year > 9999) fail(Code::BadInput, msg("web.year"));
  std::optional<UploadedFile> upload;
  std::lock_guard lock(st.ws_mutex);
  if (req.is_multipart_form_data() && req.has_file("file") && !req.get_file_value("file").content.empty()) {
    const auto& f = req.get_file_value("file");
    if (f.content.size() > kMaxUploadBytes) fail(Code::BadInput, msg("web.upload.too_big"));
    // The correction reads DOCX and OFD apart by their extension (both are zip files).
    std::string ext = fs::path(f.filename).extension().string();
    const bool plain = ext.size() > 1 && ext.size() <= 5 &&
                       std::all_of(ext.begin() + 1, ext.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); });
    upload.emplace(st, f.content, plain ? ext.substr(1) : "bin");
    request.file = upload->path().string();
  }
  const auto r = services::Workflows(st.ws, st.clock).correct(request, c.user->id);
  const auto& v = r.correction;
  reply_json(res, 200, {{"ok", true}, {"year", v.year}, {"archive_code", v.archive_code}, {"version", v.version},
                        {"changes", v.fields}, {"reason", v.reason}, {"by", v.corrected_by},
                        {"at", v.corrected_at}, {"reindexed", r.reindexed}, {"next", next_json(r.next)}});
}

}  // namespace

void add_archive_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/archive/plan", api(st, Change::Read, get_plan));
  srv.Post("/api/archive/file", api(st, Change::Write, post_file));
  srv.Get("/api/archive/file/progress", api(st, Change::Read, get_file_progress));
  srv.Get("/api/archive/catalogue", api(st, Change::Read, get_catalogue));
  srv.Post("/api/archive/correct", api(st, Change::Write, post_correct));
}

}  // namespace gongwen::app::serve
