#pragma once
// Searching, the same for every front end: the words typed, the filters as typed fields
// (search::SearchFilters, never glued into the query text), paging, order and facets, run for
// a user of the workspace with that user's clearance and distribution.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/search/search_index.hpp"

namespace gongwen::services {

struct SearchQuery {
  std::string text;               // the query language (docs/search.md); may be empty with filters
  search::SearchFilters filters;  // 年度, 文种, 发文机关, 收发, 密级, 档号, 保管期限, 成文日期
  int limit = 10, offset = 0;
  bool by_date = false;  // newest first instead of relevance
  bool facets = false;   // count by 年度, 文种 and organ
  // Other indexes searched with this one (directories or tcp://HOST:PORT); `local` = false
  // leaves the workspace's own out.
  std::vector<std::string> shards;
  bool local = true;
  // The office's synonyms and abbreviations (office_vocabulary); null = none.
  std::shared_ptr<const search::Vocabulary> vocabulary;
};

// The workspace's search vocabulary, `vocabulary.txt` beside gongwen.toml (docs/search.md,
// “本单位检索词表”): null when there is none; read again when the file changes (cached per
// process by modification time and size). BadInput naming the line for a malformed file.
std::shared_ptr<const search::Vocabulary> office_vocabulary(const std::filesystem::path& workspace_root);

// A typed filter that cannot be read (年度 "abc", 密级 "超级", 成文日期 2026-02-30): which
// field (the SearchFilters member's name: "year", "secrecy", "from" …) and why, in words.
// Searching with one is refused (BadInput); the CLI names its option.
struct FilterProblem {
  std::string field;
  std::string message;
};
std::optional<FilterProblem> filter_problem(const search::SearchFilters& f);

// Notes on parts of the query text that cannot mean what they look like (年度:abc, a quote
// that is never closed): the search still runs, and says so (docs/search.md).
std::vector<std::string> query_text_notes(const std::string& text);

// The request the search library runs for `q`.
search::SearchRequest to_request(const SearchQuery& q);
// Opens the index (or the shards) and runs `q` as `user` (NotFound for an unknown user).
search::SearchResult search_documents(archive::Workspace& ws, const SearchQuery& q, const std::string& user);
// Runs `q` on an index the caller keeps open (the web server keeps one per thread).
search::SearchResult search_documents(const search::SearchIndex& index, const SearchQuery& q,
                                      const search::Viewer& viewer);

}  // namespace gongwen::services
