#pragma once
// From what the user typed to a Xapian query: validate, normalise, rewrite, parse, and retry in
// a safe form when the parser refuses. The user never sees a QueryParserError.
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/search/search_index.hpp"

namespace gongwen::search {

struct ParsedQuery {
  Xapian::Query query;      // what must match (empty = nothing searchable was typed)
  Xapian::Query highlight;  // unprefixed words, for snippets of fielded queries
  // The same query with each complete 文号 as its exact term; tried first (empty = none).
  Xapian::Query exact;
  std::string exact_effective;
  std::string number;  // the canonical 文号 `exact` looks for, marked in snippets
  // Only plain words were typed (no field, operator, phrase or range): if requiring all of them
  // finds nothing, `any_word` (documents with the most of them first) is the fallback.
  Xapian::Query any_word;
  std::string effective;    // the query as run, shown to the user
  // What the snippet marks and where it is cut: the compounds typed (whole), then each word
  // and phrase, normalised as the stored body is (snippet.cpp).
  std::vector<std::string> marks;
  // The words as typed (normalised, split at spaces) when the query is only plain words: what
  // "did you mean" may correct. Empty for fields, operators, phrases and brackets.
  std::vector<std::string> typed;
  std::vector<std::string> notes;
};

inline constexpr std::size_t kMaxQueryChars = 256;

// BadInput for an empty query, invalid UTF-8 or an over-long query.
Result<ParsedQuery> parse_user_query(std::string_view raw, const Vocabulary* vocabulary = nullptr);

// The query text (may be blank when a filter is given: then every document the filters let
// through matches) restricted by typed filters, each built straight into Xapian terms and
// value ranges (query_filters.cpp): a value is never spliced into query text, so a space or a
// bracket in it cannot change what the query means.
Result<ParsedQuery> parse_request(std::string_view raw, const SearchFilters& filters,
                                  const Vocabulary* vocabulary = nullptr);

}  // namespace gongwen::search
