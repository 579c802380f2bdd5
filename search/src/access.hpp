#pragma once
// Who may see which document. The rule lives in the Xapian query itself (a boolean filter),
// so totals, hits, snippets and facet counts are all computed over visible documents only.
#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "gongwen/search/search_index.hpp"

namespace gongwen::search {

// 0 for "" (or 无/非密), 1 秘密, 2 机密, 3 绝密; nullopt for anything else.
std::optional<int> secrecy_level(std::string_view secrecy);

// Boolean terms a document carries for the access rule.
std::string level_term(int level);
std::string reader_term(std::string_view user_id);  // empty if the id cannot be a term

// Matches exactly the documents `viewer` may see: level ≤ clearance, or named on the
// distribution. Combine with OP_FILTER.
Xapian::Query visibility_filter(const Viewer& viewer);

}  // namespace gongwen::search
