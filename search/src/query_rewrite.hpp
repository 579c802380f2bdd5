#pragma once
// Rewrites a normalised user query into the form Xapian's QueryParser handles well, before
// parsing: CJK runs split into words (each its own n-gram group), a field prefix repeated over
// every word of its value, 文号 forms turned into their indexed pieces, a bare date made a
// range, unbalanced quotes and brackets repaired. No Xapian here: it is pure text work.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::search {

struct QueryWord {
  std::string text;  // one segmented word, or a phrase's inside
  bool phrase = false;
  bool highlight = true;  // false for 文号 pieces: "7" or "发" lit up in a body helps no one
};

// Two or more segmented words typed side by side (世界贸易组织 → 世界 贸易 组织): documents
// holding the exact sequence rank above those holding only its parts.
struct Compound {
  std::string text;
  bool ranked = true;  // false inside a prefixed field (标题:…): highlighted whole, not tiered
};

struct RewrittenQuery {
  std::string text;  // for QueryParser
  // The positive words, without fields or operators: the fallback when the parser rejects
  // `text`, and the terms to highlight in snippets.
  std::vector<QueryWord> words;
  std::vector<std::string> notes;  // parts of the query that were dropped, and why
  // `text` with every complete 文号 (organ, year and sequence) replaced by its exact canonical
  // term; empty when the query holds none. Searched first: a full 文号 means that document.
  std::string exact_text;
  std::string number;  // the first complete 文号's canonical form (白政发〔2025〕7号), if any
  std::vector<Compound> compounds;  // positive ones only
};

// One bound of a date range: 2025, 2025-03, 2025-03-01, 20250301, 2025/3/1, 2025年3月1日.
// Returns YYYYMMDD at the start of the period for a lower bound and at its end for an upper
// one (day 31 sorts after every real day of the month); nullopt if it is not a date.
std::optional<std::string> date_bound(std::string_view text, bool upper);

RewrittenQuery rewrite_query(std::string_view normalized);

}  // namespace gongwen::search
