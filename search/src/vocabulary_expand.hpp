#pragma once
// The office's vocabulary applied to a query (gongwen/search/vocabulary.hpp): each word of a
// group found in the plain text typed becomes a group of exact alternatives,
// 两委 → ("两委" OR "村两委" OR "村党组织和村民委员会"), before the query is rewritten. Quoted
// phrases, field values (标题:…) and excluded words (-两委) are left as typed.
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/search/vocabulary.hpp"

namespace gongwen::search {

// `normalized`: the query after normalize_text. Appends a note per word expanded.
std::string expand_with_vocabulary(std::string_view normalized, const Vocabulary& vocabulary,
                                   std::vector<std::string>& notes);

}  // namespace gongwen::search
