// 检索: full-text search with filters, facets, highlighted snippets and paging. Access is
// decided inside the index query (search::Viewer), so hidden documents are neither listed
// nor counted in facets.
#include <algorithm>
#include <optional>

#include "gongwen/search/search_index.hpp"
#include "gongwen/services/search.hpp"
#include "serve/state.hpp"
#include "serve/timing.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace {

// A filter from the form, as its own typed field (never spliced into the query text); an
// over-long value is no value of any field and is ignored.
std::string filter_param(const httplib::Request& req, const char* name) {
  std::string v = req.get_param_value(name);
  return v.size() > 64 ? std::string() : v;
}

nlohmann::json facet_json(const std::vector<search::FacetCount>& v) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : v) out.push_back({{"value", f.value}, {"count", f.count}});
  return out;
}

// Each server thread keeps one read-only index open: opening it per request (reading the
// version file, the tables' roots and the spelling/synonym tables) cost more than most
// queries. SearchIndex is not thread-safe, so one per thread, moved to the newest commit
// before each query so that a document issued a moment ago is found.
struct ThreadReader {
  const State* owner = nullptr;
  std::optional<search::SearchIndex> index;
};
thread_local ThreadReader t_reader;

// This thread's reader, or nullptr while there is no index yet.
search::SearchIndex* thread_reader(State& st) {
  if (t_reader.owner == &st && t_reader.index) {
    if (t_reader.index->refresh()) return &*t_reader.index;
    t_reader.index.reset();  // e.g. the index was rebuilt under us: open it afresh
  }
  auto opened = search::SearchIndex::open_readonly(st.ws.index_dir());
  if (!opened) return nullptr;
  t_reader.index.emplace(std::move(opened).value());
  t_reader.owner = &st;
  return &*t_reader.index;
}

nlohmann::json no_hits(const std::string& note) {
  const auto none = nlohmann::json::array();
  return {{"ok", true}, {"total", 0}, {"page", 1}, {"per_page", 10}, {"hits", none}, {"notes", {note}},
          {"facets", {{"years", none}, {"kinds", none}, {"issuers", none}}}};
}

}  // namespace

void add_search_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/search", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      services::SearchQuery sr;
      sr.text = req.get_param_value("q");
      if (sr.text.size() > 400) fail(Code::BadInput, msg("web.search.too_long"));
      sr.filters.year = filter_param(req, "year");
      sr.filters.kind = filter_param(req, "kind");
      sr.filters.issuer = filter_param(req, "issuer");
      sr.filters.direction = filter_param(req, "direction");
      sr.filters.secrecy = filter_param(req, "secrecy");
      sr.filters.archive_code = filter_param(req, "archive_code");
      sr.filters.retention = filter_param(req, "retention");
      sr.filters.date_from = filter_param(req, "from");
      sr.filters.date_to = filter_param(req, "to");
      const std::string page = req.get_param_value("page");
      const int page_no = page.empty() ? 1 : std::clamp(std::atoi(page.c_str()), 1, 1000);
      sr.limit = 10;
      sr.offset = (page_no - 1) * sr.limit;
      sr.by_date = req.get_param_value("sort") == "date";
      sr.facets = true;
      sr.vocabulary = services::office_vocabulary(st.ws.root());
      if (sr.text.find_first_not_of(" \t") == std::string::npos && sr.filters.empty()) {
        reply_json(res, 200, no_hits("请输入检索词或选择筛选条件"));
        return;
      }
      const Stopwatch timer;
      search::SearchIndex* index = thread_reader(st);
      if (!index) {
        reply_json(res, 200, no_hits("检索库尚未建立：印发第一份文件后即可检索"));
        return;
      }
      const std::string open_timing = timer.header("refresh");
      const Stopwatch searching;
      const auto r = services::search_documents(*index, sr, search::Viewer{c->user->id, c->user->clearance});
      res.set_header("Server-Timing", open_timing + ", " + searching.header("search"));
      nlohmann::json hits = nlohmann::json::array();
      for (const auto& h : r.hits) {
        // The document page is addressed by the issued id, found from the 文号.
        hits.push_back({{"id", h.id}, {"number", h.number}, {"title", h.title}, {"date", h.date_iso},
                        {"issuer", h.issuer}, {"kind", h.kind}, {"secrecy", h.secrecy},
                        {"snippet", h.snippet}, {"source", h.source}});
      }
      reply_json(res, 200, {{"ok", true}, {"total", r.total_estimate}, {"page", page_no}, {"per_page", sr.limit},
                            {"hits", hits}, {"notes", r.notes}, {"query", r.effective_query},
                            {"suggestions", r.suggestions},
                            {"facets", {{"years", facet_json(r.years)}, {"kinds", facet_json(r.kinds)},
                                        {"issuers", facet_json(r.issuers)}}}});
    });
  });
}

}  // namespace gongwen::app::serve
