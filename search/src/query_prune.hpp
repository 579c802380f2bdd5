#pragma once
// Fewer terms for the matcher, the same matches. Xapian's CJK n-gram parser turns a word of n
// characters into an AND of n single characters and n-1 pairs (森林防火: 森 森林 林 林防 防 防火
// 火). The index holds a pair only where both its characters stand side by side, so a document
// with every pair also has every character of them: the single-character terms add nothing to
// what matches, yet they are the longest posting lists and, at 100,000 documents, most of the
// matcher's time (BM25 weights per candidate). Dropping them keeps the match set exactly and
// ranks by the pairs, which are the more specific evidence.
#include <xapian.h>

namespace gongwen::search {

// Returns `q` without the single CJK character terms that a two-character term of the same
// prefix covers inside the same AND. Phrases, NEAR, value ranges and weight scaling are kept
// as they are (their structure cannot be rebuilt through the 1.4 API, and a phrase needs the
// single characters' positions).
Xapian::Query drop_covered_single_characters(const Xapian::Query& q);

}  // namespace gongwen::search
