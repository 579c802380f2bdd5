#pragma once
// "Did you mean": when a query finds little, the index's own vocabulary proposes what was
// probably meant. A typed word that no visible document holds as an exact sequence is changed
// by one character — a homophone first (森林放火 → 森林防火, ICU's readings), then any
// character the index has beside its neighbours, a swap of two neighbours, a character
// dropped — and a candidate counts only if visible documents hold it exactly. Lowercase
// letters (slfh) are read as pinyin initials. Candidates are checked under the access rule:
// a word only hidden documents hold is never proposed.
#include <xapian.h>

#include <functional>

#include <string>
#include <vector>

namespace gongwen::search {

// `tokens`: the query as typed (normalised), split at spaces; `restrict` adds the access rule
// to a query. Returns whole queries (the tokens with the corrections), best first, at most 3.
std::vector<std::string> suggest_queries(const Xapian::Database& db,
                                         const std::vector<std::string>& tokens,
                                         const std::vector<std::string>& vocabulary_words,
                                         const std::function<Xapian::Query(const Xapian::Query&)>& restrict);

}  // namespace gongwen::search
