#pragma once
// The snippet of a hit: the passage of the stored body where the words typed occur, with each
// matched term or phrase marked whole (【森林防火】, never 【防】治 for a lone character). Pure
// text work on the normalised body; Xapian's own snippet marks n-grams, character by character.
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::search {

struct SnippetMarks {
  // In order of preference for the passage: the first that occurs decides where it is cut
  // (the 文号 of an exact-文号 hit, then the compounds typed, then the words).
  std::vector<std::string> terms;
  std::string open = "【", close = "】";
  std::size_t bytes = 240;
};

// `text` is the normalised body (document data). When no term occurs in it, the snippet is its
// beginning, unmarked.
std::string make_snippet(std::string_view text, const SnippetMarks& marks);

}  // namespace gongwen::search
