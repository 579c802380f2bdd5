#pragma once
// A fixed clock (--clock, GONGWEN_CLOCK) makes every record carry the time it names: right for
// the demo and for tests, a way to backdate records anywhere else (issue 13 #7). So it is a
// setting fixed when the workspace is made: `gongwen init --fixed-clock-allowed` (and `gongwen
// demo`) record it in the workspace's first audit entry, which is hash-chained and cannot be
// changed later; a workspace made without it refuses a fixed clock. `audit verify` reports
// entries whose time goes backwards.
#include <cstdint>
#include <string>
#include <vector>

#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"

namespace gongwen::services {

// What the `init` entry's detail carries in a demo or test workspace.
inline constexpr const char* kFixedClockAllowed = "允许固定时钟（演示/测试工作区）";

// The init entry's detail for a new workspace of `office`.
std::string init_detail(const std::string& office, bool fixed_clock_allowed);

bool fixed_clock_allowed(archive::Workspace& ws);
// Forbidden, saying why, unless fixed_clock_allowed(ws).
void require_fixed_clock_allowed(archive::Workspace& ws, const std::string& requested);

// Entries dated earlier than the latest entry before them by more than `slack_seconds` (their
// seq), in log order. The slack allows for writers that read the clock, then wait for the
// registry's write lock (concurrent issuers, a long filing): seconds to minutes, not years.
inline constexpr std::int64_t kAuditClockSlackSeconds = 10 * 60;
std::vector<std::int64_t> entries_out_of_time_order(const std::vector<archive::AuditEntry>& log,
                                                    std::int64_t slack_seconds = kAuditClockSlackSeconds);

}  // namespace gongwen::services
