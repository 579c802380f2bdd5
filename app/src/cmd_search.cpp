// gongwen search QUERY [filters] [--facets] [--shard …] | gongwen search reindex
#include <sstream>

#include "commands.hpp"
#include "indexing.hpp"

namespace gongwen::app {

namespace {

struct SearchOptions {
  std::vector<std::string> words;
  int limit = 10, offset = 0, page = 0;
  std::string sort = "relevance";
  std::string year, kind, issuer, from, to, direction, secrecy;
  bool facets = false;
  std::vector<std::string> shards;
  bool no_local = false;
};

// Filters are added to the query in its own syntax, so the CLI and a typed query agree and the
// library has one way in. Values with spaces are not field values; they are refused.
std::string query_with_filters(const SearchOptions& o) {
  std::string q;
  for (const auto& w : o.words) q += (q.empty() ? "" : " ") + w;
  const auto add = [&q](const std::string& field, const std::string& value, const char* option) {
    if (value.empty()) return;
    if (value.find_first_of(" \t\"()") != std::string::npos)
      fail(Code::Usage, std::string("--") + option + " takes one value without spaces or quotes: '" +
                            value + "'");
    q += (q.empty() ? "" : " ") + field + ":" + value;
  };
  add("年度", o.year, "year");
  add("文种", o.kind, "kind");
  add("发文机关", o.issuer, "issuer");
  add("收发", o.direction, "direction");
  add("密级", o.secrecy, "secrecy");
  if (!o.from.empty() || !o.to.empty()) add("日期", o.from + ".." + o.to, "from/--to");
  return q;
}

nlohmann::json facet_json(const std::vector<search::FacetCount>& facets) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& f : facets) a.push_back({{"value", f.value}, {"count", f.count}});
  return a;
}

std::string facet_text(const char* label, const std::vector<search::FacetCount>& facets) {
  if (facets.empty()) return {};
  std::string s = std::string("  ") + label + ": ";
  for (std::size_t i = 0; i < facets.size() && i < 12; ++i)
    s += (i ? "，" : "") + facets[i].value + " " + std::to_string(facets[i].count);
  return s + "\n";
}

}  // namespace

void add_search_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* search = app.add_subcommand("search", "find documents by words, 文号, title, year …");
  static SearchOptions o;
  search->add_option("query", o.words, "e.g. 森林防火, 白政发〔2026〕3号, 标题:防汛 年度:2025");
  search->add_option("--limit", o.limit, "results per page (1–200)")->check(CLI::Range(1, 200));
  search->add_option("--offset", o.offset, "skip this many results (paging)")->check(CLI::Range(0, 1000000));
  search->add_option("--page", o.page, "page number (1, 2, …) of --limit results")->check(CLI::Range(1, 100000));
  search->add_option("--sort", o.sort, "relevance or date")->check(CLI::IsMember({"relevance", "date"}));
  search->add_option("--year", o.year, "年度, e.g. 2025 or 2024..2025");
  search->add_option("--kind", o.kind, "文种, e.g. 通知");
  search->add_option("--issuer", o.issuer, "发文机关 / 来文单位 (words)");
  search->add_option("--from", o.from, "成文日期 from, e.g. 2025-03");
  search->add_option("--to", o.to, "成文日期 to, e.g. 2025-06-30");
  search->add_option("--direction", o.direction, "发文 or 收文")->check(CLI::IsMember({"发文", "收文"}));
  search->add_option("--secrecy", o.secrecy, "密级: 无 秘密 机密 绝密");
  search->add_flag("--facets", o.facets, "count the matches by year, 文种 and organ");
  search->add_option("--shard", o.shards,
                     "also search this index: a directory or tcp://HOST:PORT (xapian-tcpsrv); repeatable");
  search->add_flag("--no-local", o.no_local, "search only the --shard indexes, not this workspace's");
  auto* reindex = search->add_subcommand("reindex", "rebuild the index from the registers");
  reindex->callback([&] {
    action = [&] {
      const std::size_t n = reindex_all(ctx.workspace());
      ctx.emit({{"ok", true}, {"documents", n}}, "reindexed " + std::to_string(n) + " documents\n");
    };
  });
  search->callback([&] {
    if (action) return;  // `search reindex` chose its own action
    action = [&] {
      if (o.page > 0) o.offset = (o.page - 1) * o.limit;  // whichever order they were given in
      const std::string q = query_with_filters(o);
      auto& ws = ctx.workspace();
      const search::Viewer viewer = viewer_for(ws, ctx.user("searches"));
      std::vector<std::string> shards;
      if (!o.no_local) shards.push_back(ws.index_dir().string());
      shards.insert(shards.end(), o.shards.begin(), o.shards.end());
      if (shards.empty()) fail(Code::Usage, "--no-local needs at least one --shard");
      auto index = o.shards.empty() ? search::SearchIndex::open_readonly(shards.front()).take()
                                    : search::SearchIndex::open_shards(shards).take();
      search::SearchRequest req;
      req.query = q;
      req.limit = o.limit;
      req.offset = o.offset;
      req.sort = o.sort == "date" ? search::SearchRequest::Sort::DateDesc : search::SearchRequest::Sort::Relevance;
      req.facets = o.facets ? search::SearchRequest::Facets::Count : search::SearchRequest::Facets::None;
      const auto res = index.search(req, viewer).take();
      nlohmann::json hits = nlohmann::json::array();
      std::ostringstream out;
      out << "「" << q << "」: " << res.total_estimate << " documents";
      if (res.total_estimate > 0)
        out << " (" << std::min<std::size_t>(res.total_estimate, o.offset + 1) << "–"
            << o.offset + res.hits.size() << ")";
      out << "\n";
      for (const auto& n : res.notes) out << "note: " << n << "\n";
      // No score is shown: BM25 weights use statistics of every document in the index,
      // including those the user may not see (docs/search.md, "Access rule").
      for (std::size_t i = 0; i < res.hits.size(); ++i) {
        const auto& h = res.hits[i];
        hits.push_back({{"rank", o.offset + i + 1}, {"id", h.id}, {"number", h.number},
                        {"title", h.title}, {"date", h.date_iso}, {"issuer", h.issuer},
                        {"kind", h.kind}, {"secrecy", h.secrecy}, {"snippet", h.snippet},
                        {"path", h.path}});
        out << "  " << h.number << "  " << h.title << "  " << h.date_iso
            << (h.secrecy.empty() ? "" : "  [" + h.secrecy + "]") << "\n    " << h.snippet << "\n";
      }
      nlohmann::json j = {{"query", q}, {"effective_query", res.effective_query},
                          {"total", res.total_estimate}, {"offset", o.offset},
                          {"exact_number", res.exact_number}, {"hits", hits}, {"notes", res.notes}};
      if (o.facets) {
        j["facets"] = {{"year", facet_json(res.years)}, {"kind", facet_json(res.kinds)},
                       {"issuer", facet_json(res.issuers)}};
        out << "facets:\n" << facet_text("年度", res.years) << facet_text("文种", res.kinds)
            << facet_text("发文机关", res.issuers);
      }
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace gongwen::app
