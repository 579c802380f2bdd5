// gongwen search QUERY [filters] [--facets] [--shard …] | gongwen search reindex
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "gongwen/services/indexing.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/services/search.hpp"

namespace gongwen::app {

namespace {

// The command's options, held by its callbacks (not a function-local static).
struct SearchOptions {
  std::vector<std::string> words;
  int limit = 10, offset = 0, page = 0;
  std::string sort = "relevance";
  std::string year, kind, issuer, from, to, direction, secrecy, archive_code, retention;
  bool facets = false;
  std::vector<std::string> shards;
  bool no_local = false;
};

// The options → the service's query: the words as typed, each filter as its own field.
// An exact value with spaces or quotes is no value of that field: refused, naming the option.
services::SearchQuery to_query(const SearchOptions& o) {
  services::SearchQuery q;
  for (const auto& w : o.words) q.text += (q.text.empty() ? "" : " ") + w;
  const auto exact = [](const std::string& value, const char* option) {
    if (value.find_first_of(" \t\"()") != std::string::npos)
      fail(Code::Usage, msg("cli.search.value", {{"option", option}, {"value", value}}));
    return value;
  };
  q.filters.year = exact(o.year, "year");
  q.filters.kind = exact(o.kind, "kind");
  q.filters.issuer = o.issuer;
  q.filters.direction = exact(o.direction, "direction");
  q.filters.secrecy = exact(o.secrecy, "secrecy");
  q.filters.archive_code = exact(o.archive_code, "archive-code");
  q.filters.retention = exact(o.retention, "retention");
  q.filters.date_from = exact(o.from, "from");
  q.filters.date_to = exact(o.to, "to");
  // A value the field cannot hold is refused, naming the option (it was silently ignored).
  if (auto p = services::filter_problem(q.filters)) {
    const std::string option = p->field == "from" ? "from" : p->field == "to" ? "to" : p->field;
    fail(Code::Usage, "--" + option + ": " + p->message);
  }
  q.limit = o.limit;
  q.offset = o.offset;
  q.by_date = o.sort == "date";
  q.facets = o.facets;
  q.shards = o.shards;
  q.local = !o.no_local;
  return q;
}

// What was asked, for the first line of the answer: the words, then each filter by its
// field's name in the query language.
std::string asked(const services::SearchQuery& q) {
  std::string s = q.text;
  const auto add = [&s](const char* field, const std::string& v) {
    if (!v.empty()) s += (s.empty() ? "" : " ") + std::string(field) + ":" + v;
  };
  const auto& f = q.filters;
  add("年度", f.year);
  add("文种", f.kind);
  add("发文机关", f.issuer);
  add("收发", f.direction);
  add("密级", f.secrecy);
  add("档号", f.archive_code);
  add("保管期限", f.retention);
  if (!f.date_from.empty() || !f.date_to.empty()) add("日期", f.date_from + ".." + f.date_to);
  return s;
}

nlohmann::json filters_json(const search::SearchFilters& f) {
  return {{"year", f.year}, {"kind", f.kind}, {"issuer", f.issuer}, {"direction", f.direction},
          {"secrecy", f.secrecy}, {"archive_code", f.archive_code}, {"retention", f.retention},
          {"from", f.date_from}, {"to", f.date_to}};
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
  auto* search = app.add_subcommand("search", msg("cli.help.search"));
  auto opts = std::make_shared<SearchOptions>();
  SearchOptions& o = *opts;
  search->add_option("query", o.words, msg("cli.help.search.query"));
  search->add_option("--limit", o.limit, msg("cli.help.search.limit"))->check(CLI::Range(1, 200));
  search->add_option("--offset", o.offset, msg("cli.help.search.offset"))->check(CLI::Range(0, 1000000));
  search->add_option("--page", o.page, msg("cli.help.search.page"))->check(CLI::Range(1, 100000));
  search->add_option("--sort", o.sort, msg("cli.help.search.sort"))->check(CLI::IsMember({"relevance", "date"}));
  search->add_option("--year", o.year, msg("cli.help.search.year"));
  search->add_option("--kind", o.kind, msg("cli.help.search.kind"));
  search->add_option("--issuer", o.issuer, msg("cli.help.search.issuer"));
  search->add_option("--from", o.from, msg("cli.help.search.from"));
  search->add_option("--to", o.to, msg("cli.help.search.to"));
  search->add_option("--direction", o.direction, msg("cli.help.search.direction"))->check(CLI::IsMember({"发文", "收文"}));
  search->add_option("--secrecy", o.secrecy, msg("cli.help.search.secrecy"));
  search->add_option("--archive-code", o.archive_code, msg("cli.help.search.archive-code"));
  search->add_option("--retention", o.retention, msg("cli.help.search.retention"));
  search->add_flag("--facets", o.facets, msg("cli.help.search.facets"));
  search->add_option("--shard", o.shards,
                     msg("cli.help.search.shard"));
  search->add_flag("--no-local", o.no_local, msg("cli.help.search.no-local"));
  auto* reindex = search->add_subcommand("reindex", msg("cli.help.search.reindex"));
  reindex->callback([&] {
    action = [&] {
      const std::size_t n = services::reindex_all(ctx.workspace());
      ctx.emit({{"ok", true}, {"documents", n}}, msg("cli.search.reindexed", {{"count", std::to_string(n)}}) + "\n");
    };
  });
  // Issue 13 #2: what a township may serve to the county with xapian-tcpsrv (no login there).
  auto* export_open = search->add_subcommand(
      "export-open", msg("cli.help.search.export-open"));
  auto export_dir = std::make_shared<std::string>();
  export_open->add_option("dir", *export_dir, msg("cli.help.search.export-open.dir"))->required();
  export_open->callback([&ctx, &action, export_dir] {
    action = [&ctx, export_dir] {
      const std::string user = ctx.user("exports the open index");
      const std::size_t n = services::export_open_index(ctx.workspace(), *export_dir, user, ctx.clock().now().iso8601());
      ctx.emit({{"ok", true}, {"documents", n}, {"dir", *export_dir}},
               msg("cli.search.exported", {{"count", std::to_string(n)}, {"dir", *export_dir}}) + "\n");
    };
  });
  search->callback([&ctx, &action, opts] {
    if (action) return;  // `search reindex` chose its own action
    action = [&ctx, opts] {
      SearchOptions& o = *opts;
      if (o.page > 0) o.offset = (o.page - 1) * o.limit;  // whichever order they were given in
      const services::SearchQuery query = to_query(o);
      const std::string q = asked(query);
      const auto res = services::search_documents(ctx.workspace(), query, ctx.user("searches"));
      nlohmann::json hits = nlohmann::json::array();
      std::ostringstream out;
      out << msg("cli.search.found", {{"query", q}, {"count", std::to_string(res.total_estimate)}});
      if (res.total_estimate > 0)
        out << " (" << std::min<std::size_t>(res.total_estimate, o.offset + 1) << "–"
            << o.offset + res.hits.size() << ")";
      out << "\n";
      for (const auto& n : res.notes) out << msg("cli.archive.verify.note", {{"text", n}}) << "\n";
      for (const auto& sug : res.suggestions) out << msg("search.suggest", {{"query", sug}}) << "\n";
      // No score is shown: BM25 weights use statistics of every document in the index,
      // including those the user may not see (docs/search.md, "Access rule").
      for (std::size_t i = 0; i < res.hits.size(); ++i) {
        const auto& h = res.hits[i];
        hits.push_back({{"rank", o.offset + i + 1}, {"id", h.id}, {"number", h.number},
                        {"title", h.title}, {"date", h.date_iso}, {"issuer", h.issuer},
                        {"kind", h.kind}, {"secrecy", h.secrecy}, {"snippet", h.snippet},
                        {"path", h.path}, {"source", h.source}});
        // A body recognised from a scan says so, with its confidence (issue 19).
        const std::string from = h.source.rfind("ocr:", 0) == 0
                                     ? "  （" + msg("ocr.search.from_ocr", {{"confidence", h.source.substr(4)}}) + "）"
                                     : "";
        out << "  " << h.number << "  " << h.title << "  " << h.date_iso
            << (h.secrecy.empty() ? "" : "  [" + h.secrecy + "]") << from << "\n    " << h.snippet << "\n";
      }
      nlohmann::json j = {{"query", query.text}, {"filters", filters_json(query.filters)},
                          {"effective_query", res.effective_query},
                          {"total", res.total_estimate}, {"offset", o.offset},
                          {"exact_number", res.exact_number}, {"hits", hits}, {"notes", res.notes},
                          {"suggestions", res.suggestions}};
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
