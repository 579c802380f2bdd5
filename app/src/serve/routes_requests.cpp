// GET /api/requests[?overdue=1&days=N]: every 请示 the reader may see with the 批复 that
// answer it, or only those waiting past the limit (services/requests.hpp).
#include <cstdlib>

#include "requests_json.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

void add_request_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/requests", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      int days = services::kRequestLimitDays;
      if (req.has_param("days")) days = std::atoi(req.get_param_value("days").c_str());
      if (days < 1 || days > 365) fail(Code::BadInput, msg("kinds.requests.days.range"));
      const bool overdue_only = req.get_param_value("overdue") == "1";
      std::lock_guard lock(st.ws_mutex);
      const auto list = services::request_statuses(st.ws, *c->user, st.clock.now().local_date(), days);
      nlohmann::json out = nlohmann::json::array();
      for (const auto& s : list.requests)
        if (!overdue_only || s.overdue) out.push_back(request_json(s));
      reply_json(res, 200, {{"ok", true}, {"requests", out}, {"hidden", list.hidden}, {"days", days}});
    });
  });
}

}  // namespace gongwen::app::serve
