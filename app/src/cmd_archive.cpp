// gongwen archive plan|file|status
#include <set>
#include <sstream>

#include "commands.hpp"
#include "gongwen/archive/filing.hpp"
#include "indexing.hpp"

namespace gongwen::app {

void add_archive_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* archive = app.add_subcommand("archive", "year-end filing (DA/T 22-2015)");
  archive->require_subcommand(1);
  static int year = 0;

  auto* plan = archive->add_subcommand("plan", "what a year's filing will contain and what blocks it");
  plan->add_option("--year", year, "the year to file")->required()->check(CLI::Range(1949, 9999));
  plan->callback([&] {
    action = [&] {
      auto& ws = ctx.workspace();
      const auto blockers = archive::filing_blockers(ws, year);
      archive::RetentionTable table;
      const auto rules = ws.templates_dir() / "retention.toml";
      if (std::filesystem::exists(rules))
        table = archive::parse_retention_table(archive::read_file(rules), rules.string()).take();
      nlohmann::json items = nlohmann::json::array();
      std::ostringstream out;
      out << "filing plan for " << year << ":\n";
      for (const auto& r : archive::valid_issued(ws.registry(), year)) {
        const std::string ret = table.retention_for(r.kind, r.title);
        items.push_back({{"number", r.number}, {"title", r.title}, {"date", r.date}, {"retention", ret}});
        out << "  " << r.date << "  " << r.number << "  " << r.title << "  → " << ret << "\n";
      }
      for (const auto& b : blockers) out << "  BLOCKS: " << b << "\n";
      if (blockers.empty()) out << "  nothing blocks the filing\n";
      ctx.emit({{"year", year}, {"items", items}, {"blockers", blockers}}, out.str());
    };
  });

  auto* file = archive->add_subcommand("file", "file a year: 件号, 档号, archival copies, 归档文件目录 (档案员)");
  file->add_option("--year", year, "the year to file")->required()->check(CLI::Range(1949, 9999));
  file->callback([&] {
    action = [&] {
      auto& ws = ctx.workspace();
      const auto res = archive::file_year(ws, year, ctx.clock(), ctx.user("files the archive"));
      // The archive metadata (档号, 保管期限) becomes searchable too.
      for (const auto& r : ws.registry().issued(year)) index_issued(ws, r);
      nlohmann::json items = nlohmann::json::array();
      std::ostringstream out;
      out << "filed " << res.items.size() << " documents of " << year << "; catalogue "
          << res.catalogue_csv << "\n";
      for (const auto& f : res.items) {
        items.push_back({{"archive_code", f.archive_code}, {"number", f.number},
                         {"retention", f.retention}, {"path", f.path}});
        out << "  " << f.archive_code << "  " << f.number << "  " << f.retention << "\n";
      }
      ctx.emit({{"year", year}, {"items", items}, {"catalogue", res.catalogue_csv}}, out.str());
    };
  });

  auto* status = archive->add_subcommand("status", "for each year: filed or not, days left before the deadline");
  status->callback([&] {
    action = [&] {
      auto& ws = ctx.workspace();
      const Date today = ctx.clock().now().local_date();
      std::set<int> years;
      for (const auto& r : ws.registry().issued()) years.insert(r.year);
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (int y : years) {
        const bool filed = !ws.registry().filed(y).empty();
        const Date deadline{y + 1, ws.profile().filing_deadline_month, ws.profile().filing_deadline_day};
        const auto blockers = filed ? std::vector<std::string>{} : archive::filing_blockers(ws, y);
        j.push_back({{"year", y}, {"filed", filed}, {"deadline", deadline.iso()}, {"blockers", blockers}});
        out << y << ": " << (filed ? "filed" : "open") << ", deadline " << deadline.iso();
        if (!filed) out << (today > deadline ? " (OVERDUE)" : "") << ", " << blockers.size() << " blocker(s)";
        out << "\n";
      }
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace gongwen::app
