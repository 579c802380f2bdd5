// 档案 (plan, file, catalogue) and 收文登记 (upload + register). Secret items are not listed to the
// uncleared; only their count is, so the archivist knows the plan is complete.
#include <fstream>

#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/search/extract.hpp"
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
  if (year < 1949 || year > 9999) fail(Code::BadInput, "请给出年度，如 2025");
  return year;
}

// What an upload really is, from its first bytes, never from its name or declared type.
std::string sniff(const std::string& bytes) {
  if (bytes.rfind("%PDF-", 0) == 0) return "pdf";
  if (bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0 && bytes.find("word/") != std::string::npos) return "docx";
  return {};
}

}  // namespace

void add_archive_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/archive/plan", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      const int year = year_param(req);
      std::lock_guard lock(st.ws_mutex);
      archive::RetentionTable table;
      const auto rules = st.ws.templates_dir() / "retention.toml";
      if (fs::exists(rules)) table = archive::parse_retention_table(archive::read_file(rules), rules.string()).take();
      nlohmann::json items = nlohmann::json::array();
      // Blockers about items this reader may not see are counted, never named (issue 13 #1).
      const auto blockers = services::filing_blockers_for(st.ws, year, *c->user);
      int hidden = 0;
      for (const auto& r : archive::valid_issued(st.ws.registry(), year)) {
        if (!may_see(*c->user, r.secrecy)) {
          ++hidden;
          continue;
        }
        items.push_back({{"number", r.number}, {"title", r.title}, {"date", r.date},
                         {"retention", table.retention_for(r.kind, r.title)}});
      }
      const auto filed = st.ws.registry().filed(year);
      reply_json(res, 200, {{"ok", true}, {"year", year}, {"items", items}, {"hidden", hidden},
                            {"blockers", blockers.lines}, {"hidden_blockers", blockers.hidden},
                            {"filed", !filed.empty()}});
    });
  });

  srv.Post("/api/archive/file", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      auto body = json_body(req, res);
      if (!body) return;
      if (!c->user->has(Role::Archivist)) fail(Code::Forbidden, "只有档案员可以归档");
      const int year = body->value("year", 0);
      if (year < 1949 || year > 9999) fail(Code::BadInput, "请给出年度，如 2025");
      std::lock_guard lock(st.ws_mutex);
      auto set = [&st](int y, bool running, const char* phase, int done, int total) {
        std::lock_guard p(st.filing.mutex);
        st.filing.year = y;
        st.filing.running = running;
        st.filing.phase = phase;
        st.filing.done = done;
        st.filing.total = total;
      };
      set(year, true, "staging", 0, 0);
      try {
        // The workflow reports staging per 件, indexing per document, then done.
        const services::ProgressFn progress = [&](const services::Progress& p) {
          set(year, p.phase != "done", p.phase.c_str(), p.done, p.total);
        };
        services::Workflows flows(st.ws, st.clock);
        const auto out = flows.file_year(year, c->user->id, {}, progress, body->value("confirm", false));
        reply_json(res, 200, {{"ok", true}, {"year", year}, {"count", out.filing.items.size()},
                              {"reindexed", out.reindexed}, {"next", next_json(out.next)}});
      } catch (...) {
        set(year, false, "failed", 0, 0);
        throw;
      }
    });
  });

  // How far the running (or last) filing of `year` has got; the archivist's page polls this.
  // It takes no workspace lock: the filing itself holds that.
  srv.Get("/api/archive/file/progress", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      if (!c->user->has(Role::Archivist)) fail(Code::Forbidden, "只有档案员可以查看归档进度");
      const int year = year_param(req);
      std::lock_guard p(st.filing.mutex);
      if (st.filing.year != year) {
        reply_json(res, 200, {{"ok", true}, {"year", year}, {"running", false}, {"phase", ""}, {"done", 0}, {"total", 0}});
        return;
      }
      reply_json(res, 200, {{"ok", true}, {"year", year}, {"running", st.filing.running}, {"phase", st.filing.phase},
                            {"done", st.filing.done}, {"total", st.filing.total}});
    });
  });

  srv.Get("/api/archive/catalogue", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      const int year = year_param(req);
      std::lock_guard lock(st.ws_mutex);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& f : st.ws.registry().filed(year)) {
        auto r = st.ws.registry().issued_by_number(f.number);
        if (r && !may_see(*c->user, r->secrecy)) continue;
        items.push_back({{"archive_code", f.archive_code}, {"item_no", f.item_no}, {"number", f.number},
                         {"title", r ? r->title : ""}, {"retention", f.retention}, {"filed_at", f.filed_at}});
      }
      reply_json(res, 200, {{"ok", true}, {"year", year}, {"items", items}});
    });
  });

  // 收文登记: the upload is size-limited, checked by content, written under a name the server
  // chooses, then registered by archive::Receiving (which keeps its own copy) and indexed.
  srv.Post("/api/receive", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      const User& u = *c->user;
      if (!(u.has(Role::SealKeeper) || u.has(Role::Archivist) || u.has(Role::Reviewer) || u.has(Role::Admin)))
        fail(Code::Forbidden, "只有机要员、档案员、办公室负责人或管理员可以登记收文");
      if (!req.is_multipart_form_data() || !req.has_file("file")) fail(Code::BadInput, "请选择要上传的文件");
      const auto& f = req.get_file_value("file");
      if (f.content.size() > kMaxUploadBytes) fail(Code::BadInput, "文件超过 20 MB");
      const std::string kind = sniff(f.content);
      if (kind.empty()) fail(Code::BadInput, "只接受 PDF 或 DOCX 文件（按内容判断，不看文件名）");
      auto field = [&](const char* name) { return req.has_file(name) ? req.get_file_value(name).content : std::string(); };
      archive::ReceiveInput in;
      in.sender = field("sender");
      in.their_number = field("their_number");
      in.title = field("title");
      in.kind = field("kind");
      in.date = field("date");
      in.secrecy = field("secrecy");
      in.copy_numbers = field("copy_numbers");
      const std::string copies = field("copies");
      in.copies = copies.empty() ? 1 : std::atoi(copies.c_str());
      in.text = search::extract_text(f.content, "upload." + kind).take();  // before the lock
      std::lock_guard lock(st.ws_mutex);
      const fs::path dir = st.ws.root() / "incoming";
      fs::create_directories(dir);
      in.file = dir / (".upload-" + random_token().substr(0, 24) + "." + kind);
      archive::write_file_atomic(in.file, f.content);
      try {
        services::Workflows flows(st.ws, st.clock);
        const auto got = flows.receive(in, u.id);
        const auto& r = got.received;
        fs::remove(in.file);
        reply_json(res, 201, {{"ok", true}, {"registration", r.registration()}, {"id", r.id},
                              {"stored", r.file_path}, {"format", r.format}, {"sha256", r.sha256},
                              {"bytes", f.content.size()}, {"next", next_json(got.next)},
                              {"note", got.index_problem.empty() ? "" : "已登记，但尚未进入检索（" + got.index_problem + "）"}});
      } catch (...) {
        fs::remove(in.file);
        throw;
      }
    });
  });

  // 传阅 waiting for me (我的待办), and marking one read.
  srv.Get("/api/receive/mine", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      archive::Receiving rec(st.ws, st.clock);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& r : rec.list())
        for (const auto& k : rec.circulation(r.id))
          if (k.person == c->user->id && k.read_at.empty())
            list.push_back({{"id", r.id}, {"registration", r.registration()}, {"title", r.title},
                            {"sender", r.sender}, {"sent_at", k.sent_at}, {"due", k.due}});
      reply_json(res, 200, {{"ok", true}, {"circulation", list}});
    });
  });

  srv.Post(R"(/api/receive/(\d{1,12})/read)", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      archive::Receiving rec(st.ws, st.clock);
      rec.mark_read(std::stoll(req.matches[1].str()), c->user->id, c->user->id);
      reply_json(res, 200, {{"ok", true}});
    });
  });

  srv.Get("/api/receive", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      archive::Receiving rec(st.ws, st.clock);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& r : rec.list()) {
        if (!may_see(*c->user, r.secrecy)) continue;
        list.push_back({{"id", r.id}, {"registration", r.registration()}, {"sender", r.sender},
                        {"their_number", r.their_number}, {"title", r.title}, {"date", r.date},
                        {"secrecy", to_chinese(r.secrecy)}, {"received_at", r.received_at}});
      }
      reply_json(res, 200, {{"ok", true}, {"received", list}});
    });
  });
}

}  // namespace gongwen::app::serve
