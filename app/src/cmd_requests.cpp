// gongwen requests [--overdue] [--days N]: every 请示 in the registers with the 批复 that
// answer it (who, when), or only those waiting past the limit.
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "day_json.hpp"
#include "gongwen/services/requests.hpp"
#include "requests_json.hpp"

namespace gongwen::app {

namespace {

struct RequestsOptions {
  bool overdue_only = false;
  int days = services::kRequestLimitDays;
};

}  // namespace

void add_requests_command(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("requests", msg("kinds.requests.help"));
  auto opts = std::make_shared<RequestsOptions>();
  cmd->add_flag("--overdue", opts->overdue_only, msg("kinds.requests.overdue.help"));
  cmd->add_option("--days", opts->days, msg("kinds.requests.days.help"))->check(CLI::Range(1, 365));
  cmd->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      const auto list = services::request_statuses(ctx.workspace(), ctx.reader(), ctx.clock().now().local_date(),
                                                   opts->days);
      nlohmann::json j = {{"requests", nlohmann::json::array()}, {"hidden", list.hidden}, {"days", opts->days}};
      std::ostringstream out;
      for (const auto& s : list.requests) {
        if (opts->overdue_only && !s.overdue) continue;
        j["requests"].push_back(request_json(s));
        const bool ours = s.side == services::RequestStatus::Side::Issued;
        out << (ours ? msg("kinds.requests.issued") : msg("kinds.requests.received")) << "  " << s.number << "  《"
            << s.title << "》  " << s.party << "  " << s.date.iso() << "\n";
        for (const auto& r : s.replies)
          out << "    " << msg("kinds.requests.answered", {{"number", r.reply_number}, {"by", r.replied_by},
                                                             {"date", day_json(r.replied_on)}})
              << "\n";
        if (s.replies.empty())
          out << "    "
              << msg(s.overdue ? "kinds.requests.overdue" : "kinds.requests.waiting",
                     {{"days", std::to_string(s.days_waiting)}, {"limit", std::to_string(opts->days)}})
              << "\n";
      }
      if (j["requests"].empty())
        out << msg(opts->overdue_only ? "kinds.requests.none_overdue" : "kinds.requests.none") << "\n";
      if (list.hidden > 0) out << msg("kinds.requests.hidden", {{"n", std::to_string(list.hidden)}}) << "\n";
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace gongwen::app
