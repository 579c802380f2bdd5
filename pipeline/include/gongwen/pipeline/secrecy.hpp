#pragma once
// 密级: the one table of secrecy levels. Every reader of a 密级 (drafts, the profile's
// clearances, 收文, corrections, the search index, the web desk) parses it here, and every
// access check compares ranks here, so no two places can disagree about a name.
#include <optional>
#include <string_view>

namespace gongwen {

// Ordered: a higher level needs a higher clearance.
enum class Secrecy { None, Secret, Confidential, TopSecret };  // 非密, 秘密, 机密, 绝密

// "" 无 非密 none → None; 秘密 secret, 机密 confidential, 绝密 top-secret; anything else is not a
// 密级 (nullopt): refuse it at input.
std::optional<Secrecy> parse_secrecy(std::string_view text);

// The name kept in the registers: "" / 秘密 / 机密 / 绝密.
const char* to_chinese(Secrecy s);

// 0 for None … 3 for TopSecret; -1 for a value outside the enumeration.
int secrecy_rank(Secrecy s);

// May someone cleared for `clearance` read a document of `level`?
bool cleared_for(Secrecy clearance, Secrecy level);

// A stored name read back for an access check: an unknown one counts as 绝密, so a damaged
// or foreign value can never widen access.
Secrecy secrecy_or_strictest(std::string_view text);

}  // namespace gongwen
