#include "gongwen/services/search.hpp"

#include "gongwen/services/indexing.hpp"

namespace gongwen::services {

search::SearchRequest to_request(const SearchQuery& q) {
  search::SearchRequest req;
  req.query = q.text;
  req.filters = q.filters;
  req.limit = q.limit;
  req.offset = q.offset;
  req.sort = q.by_date ? search::SearchRequest::Sort::DateDesc : search::SearchRequest::Sort::Relevance;
  req.facets = q.facets ? search::SearchRequest::Facets::Count : search::SearchRequest::Facets::None;
  return req;
}

search::SearchResult search_documents(const search::SearchIndex& index, const SearchQuery& q,
                                      const search::Viewer& viewer) {
  return index.search(to_request(q), viewer).take();
}

search::SearchResult search_documents(archive::Workspace& ws, const SearchQuery& q, const std::string& user) {
  const search::Viewer viewer = viewer_for(ws, user);
  std::vector<std::string> shards;
  if (q.local) shards.push_back(ws.index_dir().string());
  shards.insert(shards.end(), q.shards.begin(), q.shards.end());
  if (shards.empty()) fail(Code::Usage, "--no-local needs at least one --shard");
  auto index = q.shards.empty() ? search::SearchIndex::open_readonly(shards.front()).take()
                                : search::SearchIndex::open_shards(shards).take();
  return search_documents(index, q, viewer);
}

}  // namespace gongwen::services
