#pragma once
// The office's own vocabulary for search (docs/search.md, “本单位检索词表”): groups of words
// that mean the same in its 公文 — an abbreviation and its full form (三农 / 农业农村农民),
// synonyms, a 公文 spelling (村（社区）). A query word equal to one of a group's words searches
// for any of them, each as an exact sequence. Applied at query time: editing the file changes
// the next search, no reindex.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::search {

struct Vocabulary {
  // Each group as normalised (NFKC, simplified characters), two words or more.
  std::vector<std::vector<std::string>> groups;
  // Lines left out, each a BadInput naming the file and the line: one slip in the office's
  // file must not stop every search, so the other groups still apply and each search says
  // which line was skipped and why.
  std::vector<Error> skipped;
  bool empty() const { return groups.empty(); }
};

// One group a line, its words separated by spaces (or = |; not 、，, which terms hold); `#` starts a comment. A group
// of one word or a word over 40 characters (or with a quote) is left out and recorded in `skipped`, naming
// `file_name` and the line; a file that is not UTF-8 is BadInput.
Result<Vocabulary> parse_vocabulary(std::string_view text, const std::string& file_name);
// NotFound if the file does not exist.
Result<Vocabulary> read_vocabulary(const std::filesystem::path& file);

}  // namespace gongwen::search
