// gongwen receive FILE … | receive list|handle|circulate|read|return|clear|overdue
#include <unistd.h>

#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "day_json.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/seal_check.hpp"
#include "gongwen/services/workflows.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app {

namespace {

nlohmann::json received_json(const archive::ReceivedRecord& r) {
  return {{"id", r.id},           {"registration", r.registration()}, {"sender", r.sender},
          {"number", r.their_number}, {"title", r.title},             {"date", day_json(r.date)},
          {"secrecy", to_chinese(r.secrecy)}, {"copies", r.copies},                {"copy_numbers", r.copy_numbers},
          {"file", r.file_path},  {"slip", r.slip_path},               {"cleared_at", r.cleared_at},
          {"seal_check", r.seal_check.result}, {"ocr", r.ocr_source}, {"ocr_copy", r.ocr_copy_path}};
}

// A scan's proposed fields, each confirmed (Enter) or corrected (typed) by the clerk on the
// terminal; a field the clerk gave as a flag is not asked again.
void confirm_on_terminal(const search::ProposedFields& p, archive::ReceiveInput& in, const archive::ReceiveInput& flags) {
  std::cerr << msg("ocr.confirm.intro") << "\n";
  auto ask = [&](const char* code, const std::string& flag, std::string& value) {
    if (!flag.empty()) return;
    std::cerr << msg("ocr.confirm.prompt", {{"field", msg(code)}, {"value", value}}) << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) return;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) value = line;
  };
  ask("ocr.field.sender", flags.sender, in.sender);
  ask("ocr.field.number", flags.their_number, in.their_number);
  ask("ocr.field.title", flags.title, in.title);
  ask("ocr.field.date", flags.date, in.date);
  ask("ocr.field.secrecy", flags.secrecy, in.secrecy);
  ask("ocr.field.kind", flags.kind, in.kind);
  if (!p.to.empty()) std::cerr << msg("ocr.proposed", {{"field", msg("ocr.field.to")}, {"value", p.to}}) << "\n";
  if (!p.urgency.empty()) std::cerr << msg("ocr.proposed", {{"field", msg("ocr.field.urgency")}, {"value", p.urgency}}) << "\n";
}

// "字段\tproposed\tfinal" lines as the CLI shows them.
std::string corrections_text(const std::string& corrections) {
  std::string out;
  std::istringstream in(corrections);
  std::string line;
  while (std::getline(in, line)) {
    const auto t1 = line.find('\t');
    const auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) continue;
    out += msg("ocr.corrected", {{"field", line.substr(0, t1)}, {"from", line.substr(t1 + 1, t2 - t1 - 1)}, {"to", line.substr(t2 + 1)}}) + "\n";
  }
  return out;
}

// The options of `receive FILE`, held by its callback.
struct ReceiveOptions {
  archive::ReceiveInput in;
  std::string file;
  bool no_confirm = false;
};
// The options of a subcommand about one received document, held by its callback.
struct ReceivedOptions {
  std::int64_t id = 0;
  std::string person, proposal, instruction;
  int days = 3, list_year = 0;
};

void add_receive_file(CLI::App* receive, Context& ctx, Action& action) {
  auto ro = std::make_shared<ReceiveOptions>();
  archive::ReceiveInput& in = ro->in;
  receive->add_option("file", ro->file, msg("cli.help.receive.file"));
  receive->add_option("--from", in.sender, msg("cli.help.receive.from"));
  receive->add_option("--number", in.their_number, msg("cli.help.receive.number"));
  receive->add_option("--title", in.title, msg("cli.help.receive.title"));
  receive->add_option("--kind", in.kind, msg("cli.help.receive.kind"));
  receive->add_option("--date", in.date, msg("cli.help.receive.date"));
  receive->add_option("--secrecy", in.secrecy, msg("cli.help.receive.secrecy"));
  receive->add_option("--copies", in.copies, msg("cli.help.receive.copies"))->check(CLI::Range(1, 9999));
  receive->add_option("--copy-numbers", in.copy_numbers, msg("cli.help.receive.copy-numbers"));
  receive->add_option("--signed-by", in.signed_by, msg("cli.help.receive.signed-by"));
  receive->add_flag("--no-confirm", ro->no_confirm, msg("cli.help.receive.no-confirm"));
  receive->callback([&ctx, &action, receive, ro] {
    if (!receive->get_subcommands().empty()) return;
    action = [&ctx, ro] {
      if (ro->file.empty()) fail(Code::Usage, msg("cli.receive.file.missing"), {"gongwen receive --help"});
      ro->in.file = ro->file;
      services::Workflows flows(ctx.workspace(), ctx.clock());
      // A scan: progress per page on stderr, then the clerk confirms the proposed fields when
      // a person is at the terminal (not with --no-confirm or --json).
      services::ScanHooks hooks;
      const bool terminal = ::isatty(0) && ::isatty(2);
      hooks.progress = [terminal](int page, int pages) {
        std::cerr << msg("ocr.progress", {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}})
                  << (terminal ? "\r" : "\n") << std::flush;
      };
      const archive::ReceiveInput flags = ro->in;
      if (terminal && !ro->no_confirm && !ctx.json)
        hooks.confirm = [flags](const search::ProposedFields& p, archive::ReceiveInput& in) {
          std::cerr << "\n";
          confirm_on_terminal(p, in, flags);
        };
      const auto got = flows.receive(ro->in, ctx.user("registers the received document"), hooks);
      const auto& r = got.received;
      std::string text = msg("cli.receive.done", {{"registration", r.registration()}, {"title", r.title},
                                                  {"sender", r.sender}, {"slip", r.slip_path}}) +
                         "\n";
      if (!r.ocr_source.empty()) {
        text += msg("ocr.done", {{"pages", std::to_string(got.ocr_pages)}, {"confidence", std::to_string(got.ocr_confidence)}}) + "\n";
        text += corrections_text(got.corrections);
        if (!r.ocr_copy_path.empty()) text += msg("ocr.working_copy", {{"file", r.ocr_copy_path}}) + "\n";
        for (const auto& w : got.ocr_warnings) text += w + "\n";
      }
      // A received OFD's seal check, as the register keeps it: the summary, then each seal.
      if (!r.seal_check.result.empty()) text += services::seal_check_summary(r.seal_check) + "\n";
      for (const std::string& seal : got.seal_checks) text += msg("cli.receive.seal", {{"seal", seal}}) + "\n";
      if (!got.index_problem.empty()) text += msg("workflow.not_indexed", {{"why", got.index_problem}}) + "\n";
      nlohmann::json j = received_json(r);
      if (!got.seal_checks.empty()) j["seal_checks"] = got.seal_checks;
      if (!r.ocr_source.empty()) {
        const auto& p = got.proposed;
        j["ocr_pages"] = got.ocr_pages;
        j["ocr_confidence"] = got.ocr_confidence;
        j["proposed"] = {{"sender", p.sender}, {"number", p.number}, {"title", p.title}, {"to", p.to},
                         {"date", p.date}, {"secrecy", p.secrecy}, {"urgency", p.urgency}, {"kind", p.kind}};
        j["corrections"] = got.corrections;
        j["warnings"] = got.ocr_warnings;
      }
      ctx.emit(j, text);
    };
  });
}

void add_receive_list(CLI::App* receive, Context& ctx, Action& action) {
  auto opts = std::make_shared<ReceivedOptions>();
  auto* list = receive->add_subcommand("list", msg("cli.help.receive.list"));
  list->add_option("--year", opts->list_year, msg("cli.help.receive.list.year"));
  list->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      archive::Receiving rec(ctx.workspace(), ctx.clock());
      const User reader = ctx.reader();
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      int hidden = 0;
      for (const auto& r : rec.list(opts->list_year ? std::optional<int>(opts->list_year) : std::nullopt)) {
        if (!services::may_see(reader, r.secrecy)) {  // issue 13 #1
          ++hidden;
          continue;
        }
        j.push_back(received_json(r));
        out << "#" << r.id << "  " << r.registration() << "  " << r.date.iso() << "  " << r.sender << "  "
            << r.their_number << "  " << r.title << (r.secrecy == Secrecy::None ? "" : "  " + std::string(to_chinese(r.secrecy))) << "\n";
      }
      if (hidden) out << msg("cli.archive.plan.hidden", {{"count", std::to_string(hidden)}}) << "\n";
      ctx.emit(j, out.str());
    };
  });
}

void add_receive_handle(CLI::App* receive, Context& ctx, Action& action) {
  auto opts = std::make_shared<ReceivedOptions>();
  auto* handle = receive->add_subcommand("handle", msg("cli.help.receive.handle"));
  handle->add_option("id", opts->id, msg("cli.help.receive.handle.id"))->required();
  handle->add_option("--propose", opts->proposal, msg("cli.help.receive.handle.propose"));
  handle->add_option("--instruct", opts->instruction, msg("cli.help.receive.handle.instruct"));
  handle->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      archive::Receiving rec(ctx.workspace(), ctx.clock());
      const auto r = rec.set_handling(opts->id, opts->proposal, opts->instruction, ctx.user("records the handling"));
      ctx.emit(received_json(r), msg("cli.receive.slip", {{"slip", r.slip_path}}) + "\n");
    };
  });
}

void add_receive_circulate(CLI::App* receive, Context& ctx, Action& action) {
  auto opts = std::make_shared<ReceivedOptions>();
  auto* circulate = receive->add_subcommand("circulate", msg("cli.help.receive.circulate"));
  circulate->add_option("id", opts->id, msg("cli.help.receive.circulate.id"))->required();
  circulate->add_option("--to", opts->person, msg("cli.help.receive.circulate.to"))->required();
  circulate->add_option("--days", opts->days, msg("cli.help.receive.circulate.days"))->check(CLI::Range(1, 90));
  circulate->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      services::Workflows flows(ctx.workspace(), ctx.clock());
      flows.circulate(opts->id, opts->person, opts->days, ctx.user("circulates"));
      ctx.emit({{"id", opts->id}, {"to", opts->person}}, msg("cli.receive.sent", {{"id", std::to_string(opts->id)}, {"person", opts->person}}) + "\n");
    };
  });
}

// read (阅毕) and return (退回): a reader's mark on the circulation.
enum class ReaderMark { Read, Returned };

void add_receive_mark(CLI::App* receive, Context& ctx, Action& action, ReaderMark mark) {
  const bool is_read = mark == ReaderMark::Read;
  auto opts = std::make_shared<ReceivedOptions>();
  auto* c = receive->add_subcommand(is_read ? "read" : "return",
                                    msg(is_read ? "cli.help.receive.read" : "cli.help.receive.return"));
  c->add_option("id", opts->id, msg("cli.help.receive.read.id"))->required();
  c->add_option("--by", opts->person, msg("cli.help.receive.read.by"))->required();
  c->callback([&ctx, &action, opts, is_read] {
    action = [&ctx, opts, is_read] {
      archive::Receiving rec(ctx.workspace(), ctx.clock());
      if (is_read) rec.mark_read(opts->id, opts->person, ctx.user("records circulation"));
      else rec.mark_returned(opts->id, opts->person, ctx.user("records circulation"));
      ctx.emit({{"id", opts->id}, {"person", opts->person}},
               msg(is_read ? "cli.receive.read" : "cli.receive.returned", {{"person", opts->person}}) + "\n");
    };
  });
}

void add_receive_clear(CLI::App* receive, Context& ctx, Action& action) {
  auto opts = std::make_shared<ReceivedOptions>();
  auto* clear = receive->add_subcommand("clear", msg("cli.help.receive.clear"));
  clear->add_option("id", opts->id, msg("cli.help.receive.clear.id"))->required();
  clear->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      archive::Receiving rec(ctx.workspace(), ctx.clock());
      const auto r = rec.clear_secret(opts->id, ctx.user("records 清退"));
      ctx.emit(received_json(r),
               msg("cli.receive.cleared", {{"registration", r.registration()}, {"at", r.cleared_at}}) + "\n");
    };
  });
}

void add_receive_overdue(CLI::App* receive, Context& ctx, Action& action) {
  auto* overdue = receive->add_subcommand("overdue", msg("cli.help.receive.overdue"));
  overdue->callback([&ctx, &action] {
    action = [&ctx] {
      archive::Receiving rec(ctx.workspace(), ctx.clock());
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (const auto& o : rec.overdue()) {
        j.push_back({{"id", o.doc.id}, {"registration", o.doc.registration()}, {"title", o.doc.title},
                     {"person", o.person}, {"days_late", o.days_late}});
        out << msg("cli.receive.late", {{"registration", o.doc.registration()}, {"title", o.doc.title},
                                        {"person", o.person}, {"days", std::to_string(o.days_late)}})
            << "\n";
      }
      if (j.empty()) out << msg("cli.receive.none_late") << "\n";
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace

void add_receive_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* receive = app.add_subcommand("receive", msg("cli.help.receive"));
  receive->require_subcommand(0, 1);
  add_receive_file(receive, ctx, action);
  add_receive_list(receive, ctx, action);
  add_receive_handle(receive, ctx, action);
  add_receive_circulate(receive, ctx, action);
  add_receive_mark(receive, ctx, action, ReaderMark::Read);
  add_receive_mark(receive, ctx, action, ReaderMark::Returned);
  add_receive_clear(receive, ctx, action);
  add_receive_overdue(receive, ctx, action);
}

}  // namespace gongwen::app
