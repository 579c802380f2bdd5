#pragma once
// Who may see which document. The rule lives in the Xapian query itself (a boolean filter),
// so totals, hits, snippets and facet counts are all computed over visible documents only.
#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "gongwen/search/search_index.hpp"

namespace gongwen::search {

// The rank of a 密级 name (secrecy.hpp: 0 for ""/无/非密 … 3 绝密); nullopt for anything else.
std::optional<int> secrecy_level(std::string_view secrecy);

// Boolean terms a document carries for the access rule.
std::string level_term(int level);
std::string reader_term(std::string_view user_id);  // empty if the id cannot be a term

// Matches exactly the documents `viewer` may not see: a level above the clearance, and not
// named on the distribution. Combine with OP_AND_NOT; an empty query (cleared for 绝密) hides
// nothing. Every document carries exactly one level term (document.cpp refuses an unknown
// 密级), so this is the exact complement of what the viewer may see. It is phrased as what to
// take away because secret documents are few: the matcher skips through their short posting
// lists instead of checking each match against the level-0 list, which holds nearly the whole
// index (12 % of a broad query's time at 100,000 documents).
Xapian::Query hidden_from(const Viewer& viewer);

}  // namespace gongwen::search
