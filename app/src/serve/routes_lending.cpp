// 档案 continued: the 四性检测 report of a filed year and 借阅 (lending). Only the 档案员
// records loans (archive::Lending checks it); secret items are not listed to the uncleared.
#include "gongwen/archive/filing.hpp"
#include "day_json.hpp"
#include "gongwen/archive/lending.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/workflows.hpp"
#include "next_json.hpp"
#include "serve/state.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace {

nlohmann::json loan_json(const archive::LoanRecord& l) {
  return {{"id", l.id},           {"archive_code", l.archive_code}, {"number", l.number},
          {"title", l.title},     {"secrecy", to_chinese(l.secrecy)},           {"borrower", l.borrower},
          {"unit", l.unit},       {"purpose", l.purpose},           {"borrowed_on", day_json(l.borrowed_on)},
          {"due", day_json(l.due)},         {"approved_by", l.approved_by},   {"returned_on", day_json(l.returned_on)},
          {"condition", l.condition}};
}

}  // namespace

void add_lending_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/archive/verify", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      const int year = std::atoi(req.get_param_value("year").c_str());
      if (year < 1949 || year > 9999) fail(Code::BadInput, msg("web.year"));
      std::lock_guard lock(st.ws_mutex);
      // Findings about items this reader may not see are anonymous (issue 13 #1).
      const auto v = services::verify_year_for(st.ws, year, *c->user);
      const auto& r = v.report;
      nlohmann::json failures = nlohmann::json::array();
      for (const auto& f : r.failures)
        failures.push_back({{"aspect", f.aspect}, {"file", f.file}, {"problem", f.problem}, {"code", f.code}});
      reply_json(res, 200, {{"ok", r.ok()}, {"year", year}, {"items", r.items}, {"files", r.files},
                            {"failures", failures}, {"notes", r.notes}, {"hidden", v.hidden}});
    });
  });

  srv.Get("/api/archive/loans", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      archive::Lending lending(st.ws, st.clock);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& l : lending.loans(req.get_param_value("open") == "1"))
        if (may_see(*c->user, l.secrecy)) list.push_back(loan_json(l));
      reply_json(res, 200, {{"ok", true}, {"loans", list}});
    });
  });

  srv.Post("/api/archive/loans", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      auto body = json_body(req, res);
      if (!body) return;
      archive::LoanRequest lr;
      lr.archive_code = body->value("archive_code", "");
      lr.borrower = body->value("borrower", "");
      lr.unit = body->value("unit", "");
      lr.purpose = body->value("purpose", "");
      lr.days = body->value("days", 7);
      lr.approved_by = body->value("approved_by", "");
      std::lock_guard lock(st.ws_mutex);
      services::Workflows flows(st.ws, st.clock);
      const auto lent = flows.lend(lr, c->user->id);
      reply_json(res, 201, {{"ok", true}, {"loan", loan_json(lent.loan)}, {"next", next_json(lent.next)}});
    });
  });

  srv.Post(R"(/api/archive/loans/(\d{1,12})/return)", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      auto body = json_body(req, res);
      if (!body) return;
      const auto condition = body->value("condition", "完好") == "有损" ? archive::Condition::Damaged
                                                                        : archive::Condition::Intact;
      std::lock_guard lock(st.ws_mutex);
      services::Workflows flows(st.ws, st.clock);
      const auto back = flows.give_back(std::stoll(req.matches[1].str()), condition, body->value("note", ""),
                                        c->user->id);
      reply_json(res, 200, {{"ok", true}, {"loan", loan_json(back.loan)}, {"next", next_json(back.next)}});
    });
  });
}

}  // namespace gongwen::app::serve
