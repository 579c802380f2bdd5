#pragma once
// How people and times are shown to a clerk, in the CLI and on the web alike: people by their
// names from the users book (王芳, not wangfang), times as 2026年12月4日 11:11. The registers
// keep ids and ISO instants; only what is shown changes.
#include <string>
#include <string_view>

#include "gongwen/pipeline/profile.hpp"
#include "gongwen/services/next_step.hpp"

namespace gongwen::services {

enum class WithTime { Yes, No };

// "2026-12-04T11:11:00+08:00" (an ISO instant or date) or "D:20261204111100+08'00'" (a PDF
// date) → "2026年12月4日 11:11" ("2026年12月4日" with WithTime::No or for a bare date).
// Anything else is returned as it is.
std::string chinese_time(std::string_view text, WithTime with_time = WithTime::Yes);

// The name of user `id` in the office's users book; the id itself for someone not in it.
std::string person_name(const Profile& profile, const std::string& id);

// The next step in the language of messages, with people by name: "待 赵丽 审核" /
// "review by 赵丽".
std::string describe_step(const NextStep& next, const Profile& profile);

}  // namespace gongwen::services
