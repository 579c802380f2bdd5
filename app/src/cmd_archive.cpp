// gongwen archive plan|file|correct|status|verify|borrow|return|loans|overdue
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "day_json.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/filing_correct.hpp"
#include "gongwen/archive/lending.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/workflows.hpp"
#include "next_json.hpp"

namespace gongwen::app {

namespace {

archive::RetentionOverrides read_overrides(const std::string& file) {
  if (file.empty()) return {};
  return archive::parse_plan_overrides(archive::read_file(file), file).take();
}

nlohmann::json loan_json(const archive::LoanRecord& l) {
  return {{"id", l.id}, {"archive_code", l.archive_code}, {"number", l.number}, {"title", l.title},
          {"borrower", l.borrower}, {"unit", l.unit}, {"purpose", l.purpose}, {"borrowed_on", day_json(l.borrowed_on)},
          {"due", day_json(l.due)}, {"approved_by", l.approved_by}, {"returned_on", day_json(l.returned_on)},
          {"condition", l.condition}};
}

// Each command's options, held by its callbacks (not function-local statics).
struct PlanOptions {
  int year = 0;
  std::string out, plan;
};
struct FileOptions {
  int year = 0;
  std::string plan;
  bool confirm_open_year = false;
};
struct CorrectOptions {
  archive::CorrectionRequest request;
  std::vector<std::string> fields;
};
struct YearOption {
  int year = 0;
};
struct ReturnOptions {
  std::int64_t loan = 0;
  bool damaged = false;
  std::string note;
};

std::string next_line(const services::NextStep& n) { return msg("cli.next", {{"next", services::describe(n)}}) + "\n"; }

std::string loan_line(const archive::LoanRecord& l) {
  return "#" + std::to_string(l.id) + "  " + l.archive_code + "  " + l.borrower + "（" + l.unit + "）  " +
         l.borrowed_on.iso() + " → " + l.due.iso() + "  " +
         (!l.returned_on ? msg("cli.loan.out")
                         : msg("cli.loan.returned", {{"day", l.returned_on->iso()}, {"condition", l.condition}})) +
         "\n";
}

void add_plan(CLI::App& group, Context& ctx, Action& action) {
  auto* plan = group.add_subcommand("plan", msg("cli.help.archive.plan"));
  auto po = std::make_shared<PlanOptions>();
  plan->add_option("--year", po->year, msg("cli.help.archive.plan.year"))->required()->check(CLI::Range(1949, 9999));
  plan->add_option("--out", po->out, msg("cli.help.archive.plan.out"));
  plan->add_option("--plan", po->plan, msg("cli.help.archive.plan.plan"));
  plan->callback([&ctx, &action, po] {
    action = [&ctx, po] {
      const int year = po->year;
      const std::string& plan_out = po->out;
      const std::string& plan_in = po->plan;
      auto& ws = ctx.workspace();
      // Secret items and the blockers about them only for a reader cleared for them (issue 13 #1).
      const User reader = ctx.reader();
      const auto plan = services::filing_plan_for(ws, year, reader, read_overrides(plan_in));
      const auto& items = plan.items;
      const auto visible = services::filing_blockers_for(ws, year, reader);
      const auto& blockers = visible.lines;
      if (!plan_out.empty()) archive::write_file_atomic(plan_out, archive::plan_csv(items));
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      out << msg("cli.archive.plan.head", {{"year", std::to_string(year)}, {"count", std::to_string(items.size())}})
          << "\n";
      for (const auto& p : items) {
        j.push_back({{"origin", p.origin}, {"number", p.number}, {"title", p.title}, {"date", day_json(p.date)},
                     {"retention", p.retention}, {"overridden", p.overridden}, {"unit", p.unit}});
        out << "  " << p.date.iso() << "  " << p.origin << "  " << p.number << "  " << p.title << "  → " << p.retention
            << (p.overridden ? " (档案员改定)" : "") << "\n";
      }
      if (plan.hidden) out << "  " << msg("cli.archive.plan.hidden", {{"count", std::to_string(plan.hidden)}}) << "\n";
      for (const auto& b : blockers) out << "  " << msg("cli.archive.plan.blocks", {{"text", b}}) << "\n";
      if (visible.hidden)
        out << "  " << msg("cli.archive.plan.blocks.hidden", {{"count", std::to_string(visible.hidden)}}) << "\n";
      if (blockers.empty() && !visible.hidden) out << "  " << msg("cli.archive.plan.clear") << "\n";
      if (!plan_out.empty()) out << msg("cli.archive.plan.written", {{"file", plan_out}}) << "\n";
      ctx.emit({{"year", year}, {"items", j}, {"hidden", plan.hidden}, {"blockers", blockers},
                {"hidden_blockers", visible.hidden}},
               out.str());
    };
  });
}

void add_file(CLI::App& group, Context& ctx, Action& action) {
  auto* file = group.add_subcommand("file", msg("cli.help.archive.file"));
  auto fo = std::make_shared<FileOptions>();
  file->add_option("--year", fo->year, msg("cli.help.archive.file.year"))->required()->check(CLI::Range(1949, 9999));
  file->add_option("--plan", fo->plan, msg("cli.help.archive.file.plan"));
  file->add_flag("--confirm-open-year", fo->confirm_open_year,
                 msg("cli.help.archive.file.confirm-open-year"));
  file->callback([&ctx, &action, fo] {
    action = [&ctx, fo] {
      const int year = fo->year;
      services::ProgressFn progress;
      if (!ctx.json)
        progress = [](const services::Progress& p) {
          if (p.phase != "staging") return;
          if (p.done == p.total || p.done % 50 == 0) std::cerr << "\r" << msg("cli.archive.file.progress", {{"done", std::to_string(p.done)}, {"total", std::to_string(p.total)}}) << std::flush;
          if (p.done == p.total) std::cerr << "\n";
        };
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto filed = flows.file_year(year, ctx.user("files the archive"), read_overrides(fo->plan), progress,
                                         fo->confirm_open_year);
      const auto& res = filed.filing;
      nlohmann::json items = nlohmann::json::array();
      std::ostringstream out;
      out << msg("cli.archive.file.done", {{"count", std::to_string(res.items.size())}, {"year", std::to_string(year)},
                                           {"bag", res.bag_dir}, {"catalogue", res.catalogue_csv}})
          << "\n";
      for (const auto& f : res.items) {
        items.push_back({{"archive_code", f.archive_code}, {"number", f.number},
                         {"retention", f.retention}, {"path", f.path}, {"sha256", f.sha256}});
        out << "  " << f.archive_code << "  " << f.number << "  " << f.retention << "\n";
      }
      out << next_line(filed.next);
      ctx.emit({{"year", year}, {"items", items}, {"catalogue", res.catalogue_csv}, {"bag", res.bag_dir},
                {"reindexed", filed.reindexed}, {"next", next_json(filed.next)}},
               out.str());
    };
  });
}

void add_correct(CLI::App& group, Context& ctx, Action& action) {
  auto co = std::make_shared<CorrectOptions>();
  archive::CorrectionRequest& correction = co->request;
  auto* correct = group.add_subcommand(
      "correct", msg("cli.help.archive.correct"));
  correct->add_option("--year", correction.year, msg("cli.help.archive.correct.year"))->required()->check(CLI::Range(1949, 9999));
  correct->add_option("--item", correction.item, msg("cli.help.archive.correct.item"))->required();
  correct->add_option("--file", correction.file, msg("cli.help.archive.correct.file"));
  correct->add_option("--field", co->fields, msg("cli.help.archive.correct.field"));
  correct->add_option("--reason", correction.reason, msg("cli.help.archive.correct.reason"))->required();
  correct->callback([&ctx, &action, co] {
    action = [&ctx, co] {
      co->request.fields.clear();
      for (const auto& f : co->fields) co->request.fields.push_back(archive::parse_field_assignment(f));
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto r = flows.correct(co->request, ctx.user("records the correction")).correction;
      ctx.emit({{"year", r.year}, {"archive_code", r.archive_code}, {"version", r.version}, {"path", r.path},
                {"sha256", r.sha256}, {"metadata", r.metadata_path}, {"changes", r.fields}, {"reason", r.reason},
                {"by", r.corrected_by}, {"at", r.corrected_at}},
               msg("cli.archive.correct.done", {{"version", std::to_string(r.version)}, {"code", r.archive_code},
                                                {"fields", r.fields}, {"reason", r.reason}, {"metadata", r.metadata_path}}) +
                   "\n");
    };
  });
}

void add_status(CLI::App& group, Context& ctx, Action& action) {
  auto* status = group.add_subcommand("status", msg("cli.help.archive.status"));
  status->callback([&ctx, &action] {
    action = [&ctx] {
      auto& ws = ctx.workspace();
      const User reader = ctx.reader();
      const Date today = ctx.clock().now().local_date();
      std::set<int> years;
      for (const auto& r : ws.registry().issued()) years.insert(r.year);
      archive::Receiving rec(ws, ctx.clock());
      for (const auto& r : rec.list()) years.insert(r.year);
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (int y : years) {
        const bool filed = !ws.registry().filed(y).empty();
        const Date deadline{y + 1, ws.profile().filing_deadline_month, ws.profile().filing_deadline_day};
        const int left = archive::days_to_deadline(ws, y, today);
        const auto visible = filed ? services::Visible{} : services::filing_blockers_for(ws, y, reader);
        const auto& blockers = visible.lines;
        j.push_back({{"year", y}, {"filed", filed}, {"deadline", deadline.iso()}, {"days_left", left},
                     {"blockers", blockers}, {"hidden_blockers", visible.hidden}});
        const std::string year_text = std::to_string(y), day = deadline.iso();
        if (filed) {
          out << msg("cli.archive.status.filed", {{"year", year_text}, {"deadline", day}}) << "\n";
        } else {
          const std::string count = std::to_string(blockers.size() + static_cast<std::size_t>(visible.hidden));
          out << (left < 0 ? msg("cli.archive.status.overdue",
                                 {{"year", year_text}, {"deadline", day}, {"days", std::to_string(-left)}, {"count", count}})
                           : msg("cli.archive.status.open",
                                 {{"year", year_text}, {"deadline", day}, {"days", std::to_string(left)}, {"count", count}}))
              << "\n";
          for (const auto& b : blockers) out << "  " << msg("cli.archive.status.missing", {{"text", b}}) << "\n";
          if (visible.hidden)
            out << "  " << msg("cli.archive.status.missing.hidden", {{"count", std::to_string(visible.hidden)}}) << "\n";
        }
      }
      ctx.emit(j, out.str());
    };
  });
}

void add_verify_year(CLI::App& group, Context& ctx, Action& action) {
  auto* verify = group.add_subcommand("verify", msg("cli.help.archive.verify"));
  auto vo = std::make_shared<YearOption>();
  verify->add_option("--year", vo->year, msg("cli.help.archive.verify.year"))->required()->check(CLI::Range(1949, 9999));
  verify->callback([&ctx, &action, vo] {
    action = [&ctx, vo] {
      const int year = vo->year;
      const auto v = services::verify_year_for(ctx.workspace(), year, ctx.reader());
      const auto& r = v.report;
      nlohmann::json fails = nlohmann::json::array();
      std::ostringstream out;
      out << msg("cli.archive.verify.head",
                 {{"year", std::to_string(year)}, {"items", std::to_string(r.items)}, {"files", std::to_string(r.files)}})
          << "\n";
      for (const auto& f : r.failures) {
        fails.push_back({{"aspect", f.aspect}, {"file", f.file}, {"problem", f.problem}, {"code", f.code}});
        out << "  " << msg("cli.archive.verify.fail", {{"aspect", f.aspect}, {"file", f.file}, {"problem", f.problem}})
            << "\n";
      }
      for (const auto& n : r.notes) out << "  " << msg("cli.archive.verify.note", {{"text", n}}) << "\n";
      for (const auto& v : r.versions) out << "  " << msg("cli.archive.verify.version", {{"text", v}}) << "\n";
      out << (r.ok() ? msg("cli.archive.verify.pass")
                     : msg("cli.archive.verify.failures", {{"count", std::to_string(r.failures.size())}}))
          << "\n";
      ctx.emit({{"year", year}, {"ok", r.ok()}, {"items", r.items}, {"files", r.files}, {"failures", fails},
                {"notes", r.notes}, {"versions", r.versions}},
               out.str());
      if (!r.ok()) fail(Code::Conflict, msg("cli.archive.verify.failed", {{"year", std::to_string(year)}}));
    };
  });
}

void add_borrow(CLI::App& group, Context& ctx, Action& action) {
  auto loan_request = std::make_shared<archive::LoanRequest>();
  archive::LoanRequest& loan = *loan_request;
  auto* borrow = group.add_subcommand("borrow", msg("cli.help.archive.borrow"));
  borrow->add_option("code", loan.archive_code, msg("cli.help.archive.borrow.code"))->required();
  borrow->add_option("--who", loan.borrower, msg("cli.help.archive.borrow.who"))->required();
  borrow->add_option("--unit", loan.unit, msg("cli.help.archive.borrow.unit"))->required();
  borrow->add_option("--purpose", loan.purpose, msg("cli.help.archive.borrow.purpose"))->required();
  borrow->add_option("--days", loan.days, msg("cli.help.archive.borrow.days"))->check(CLI::Range(1, 365));
  borrow->add_option("--approved-by", loan.approved_by, msg("cli.help.archive.borrow.approved-by"));
  borrow->callback([&ctx, &action, loan_request] {
    action = [&ctx, loan_request] {
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto lent = flows.lend(*loan_request, ctx.user("records the loan"));
      ctx.emit(loan_json(lent.loan), msg("cli.loan.lent") + loan_line(lent.loan) + next_line(lent.next));
    };
  });
}

void add_return(CLI::App& group, Context& ctx, Action& action) {
  auto rt = std::make_shared<ReturnOptions>();
  auto* ret = group.add_subcommand("return", msg("cli.help.archive.return"));
  ret->add_option("loan", rt->loan, msg("cli.help.archive.return.loan"))->required();
  ret->add_flag("--damaged", rt->damaged, msg("cli.help.archive.return.damaged"));
  ret->add_option("--note", rt->note, msg("cli.help.archive.return.note"));
  ret->callback([&ctx, &action, rt] {
    action = [&ctx, rt] {
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto r = flows.give_back(rt->loan, rt->damaged ? archive::Condition::Damaged : archive::Condition::Intact,
                                     rt->note, ctx.user("records the return")).loan;
      ctx.emit(loan_json(r), msg("cli.loan.given_back") + loan_line(r));
    };
  });
}

// The lending register, or only the loans past their due date.
enum class LoanList { All, Overdue };

void add_loans(CLI::App& group, Context& ctx, Action& action, LoanList which) {
  const bool only_late = which == LoanList::Overdue;
  auto* c = group.add_subcommand(only_late ? "overdue" : "loans", msg(only_late ? "cli.help.archive.overdue" : "cli.help.archive.loans"));
  c->callback([&ctx, &action, only_late] {
    action = [&ctx, only_late] {
      archive::Lending l(ctx.workspace(), ctx.clock());
      nlohmann::json j = nlohmann::json::array();
      std::string out;
      for (const auto& r : only_late ? l.overdue() : l.loans()) {
        j.push_back(loan_json(r));
        out += loan_line(r);
      }
      if (j.empty()) out = msg(only_late ? "cli.loan.none_overdue" : "cli.loan.none") + "\n";
      ctx.emit(j, out);
    };
  });
}

}  // namespace

void add_archive_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* archive = app.add_subcommand("archive", msg("cli.help.archive"));
  archive->require_subcommand(1);
  add_plan(*archive, ctx, action);
  add_file(*archive, ctx, action);
  add_correct(*archive, ctx, action);
  add_status(*archive, ctx, action);
  add_verify_year(*archive, ctx, action);
  add_borrow(*archive, ctx, action);
  add_return(*archive, ctx, action);
  add_loans(*archive, ctx, action, LoanList::All);
  add_loans(*archive, ctx, action, LoanList::Overdue);
}

}  // namespace gongwen::app
