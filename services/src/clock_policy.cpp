#include "gongwen/services/clock_policy.hpp"

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/messages.hpp"

#include <optional>

namespace gongwen::services {

std::string init_detail(const std::string& office, bool allowed) {
  return allowed ? office + "；" + kFixedClockAllowed : office;
}

bool fixed_clock_allowed(archive::Workspace& ws) {
  // The first entry is the workspace's making (init or demo); nothing later may grant it.
  for (const auto& e : ws.registry().audit_log()) {
    return e.action == "init" && e.detail.find(kFixedClockAllowed) != std::string::npos;
  }
  return false;
}

void require_fixed_clock_allowed(archive::Workspace& ws, const std::string& requested) {
  if (fixed_clock_allowed(ws)) return;
  fail(Code::Forbidden,
       msg("workspace.clock.fixed", {{"clock", requested}}),
       {msg("workspace.clock.fixed.hint"), msg("workspace.clock.fixed.hint2")});
}

std::vector<std::int64_t> entries_out_of_time_order(const std::vector<archive::AuditEntry>& log,
                                                    std::int64_t slack_seconds) {
  std::vector<std::int64_t> out;
  std::optional<Instant> last;
  for (const auto& e : log) {
    const auto at = parse_instant(e.at);
    if (!at) {
      out.push_back(e.seq);  // a time that cannot be read is out of any order
      continue;
    }
    if (last && at->unix_seconds + slack_seconds < last->unix_seconds) out.push_back(e.seq);
    else if (!last || at->unix_seconds > last->unix_seconds) last = at;
  }
  return out;
}

}  // namespace gongwen::services
