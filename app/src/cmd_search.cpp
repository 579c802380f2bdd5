// gongwen search QUERY | gongwen search reindex
#include <sstream>

#include "commands.hpp"
#include "indexing.hpp"

namespace gongwen::app {

void add_search_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* search = app.add_subcommand("search", "find issued documents by words, 文号, title, year …");
  static std::vector<std::string> words;
  static int limit = 10, offset = 0;
  static std::string sort = "relevance";
  search->add_option("query", words, "e.g. 森林防火, 白政发〔2026〕3号, 标题:防汛 年度:2025");
  search->add_option("--limit", limit, "results per page (1–200)")->check(CLI::Range(1, 200));
  search->add_option("--offset", offset, "skip this many results")->check(CLI::Range(0, 1000000));
  search->add_option("--sort", sort, "relevance or date")->check(CLI::IsMember({"relevance", "date"}));
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
      std::string q;
      for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
      auto& ws = ctx.workspace();
      const search::Viewer viewer = viewer_for(ws, ctx.user("searches"));
      auto index = search::SearchIndex::open_readonly(ws.index_dir()).take();
      search::SearchRequest req;
      req.query = q;
      req.limit = limit;
      req.offset = offset;
      req.sort = sort == "date" ? search::SearchRequest::Sort::DateDesc : search::SearchRequest::Sort::Relevance;
      const auto res = index.search(req, viewer).take();
      nlohmann::json hits = nlohmann::json::array();
      std::ostringstream out;
      out << "「" << q << "」: " << res.total_estimate << " documents\n";
      for (const auto& n : res.notes) out << "note: " << n << "\n";
      for (const auto& h : res.hits) {
        hits.push_back({{"number", h.number}, {"title", h.title}, {"date", h.date_iso},
                        {"issuer", h.issuer}, {"kind", h.kind}, {"secrecy", h.secrecy},
                        {"snippet", h.snippet}, {"path", h.path}, {"score", h.score}});
        out << "  " << h.number << "  " << h.title << "  " << h.date_iso
            << (h.secrecy.empty() ? "" : "  [" + h.secrecy + "]") << "\n    " << h.snippet << "\n";
      }
      ctx.emit({{"query", q}, {"effective_query", res.effective_query}, {"total", res.total_estimate},
                {"hits", hits}, {"notes", res.notes}},
               out.str());
    };
  });
}

}  // namespace gongwen::app
