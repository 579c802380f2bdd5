// gongwen submit | review | sign | issue | void | seal log | audit verify
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "gongwen/archive/audit_check.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/audit_words.hpp"
#include "gongwen/services/audit_verify.hpp"
#include "gongwen/services/display.hpp"
#include "gongwen/services/text_checks.hpp"
#include "gongwen/services/workflows.hpp"
#include "next_json.hpp"

namespace gongwen::app {

namespace {

// Each command's options, held by its callbacks (not function-local statics).
struct SubmitOptions {
  std::string file;
};
struct ReviewOptions {
  std::string ref, opinion;
  bool send_back = false;
};
struct SignOptions {
  std::string ref, opinion;
};
struct IssueOptions {
  std::vector<std::string> refs;
};
struct VoidOptions {
  std::string number, reason;
};

nlohmann::json draft_json(const services::DraftStep& s) {
  const auto& d = s.draft;
  return {{"id", d.id},           {"title", d.title},       {"state", archive::state_name(d.state)},
          {"round", d.round},     {"sha256", d.content_hash}, {"next", next_json(s.next)}};
}

// "#3《…》：审核中 — 下一步：待 赵丽 审核" (people by name, in the language of messages).
std::string draft_line(Context& ctx, const services::DraftStep& s) {
  const auto& d = s.draft;
  return msg("workflow.line", {{"id", std::to_string(d.id)}, {"title", d.title},
                               {"state", message_language() == Language::English ? archive::state_name(d.state)
                                                                                 : archive::state_chinese(d.state)},
                               {"next", services::describe_step(s.next, ctx.workspace().profile())}}) +
         "\n";
}

std::string issued_text(const archive::Workspace& ws, const services::IssueResult& out) {
  const std::string root = ws.root().string() + "/";
  std::ostringstream text;
  text << msg("workflow.issued", {{"number", out.issued.number}, {"title", out.issued.title},
                                  {"pages", std::to_string(out.issued.pages)}})
       << "\n  " << root << out.issued.pdf_path << "\n  " << root << out.issued.docx_path << "\n  " << root
       << out.issued.ofd_path << "\n  " << root << out.issued.sheet_path << "\n";
  const auto& copies = out.copies;
  if (!copies.empty())
    text << "  "
         << msg("workflow.issued.copies", {{"count", std::to_string(copies.size())}, {"first", copies.front().copy_number},
                                           {"last", copies.back().copy_number},
                                           {"folder", root + std::filesystem::path(copies.front().path).parent_path().string() + "/"}})
         << "\n";
  for (const auto& w : out.warnings) text << msg("workflow.warning", {{"text", w}}) << "\n";
  // The document is issued and registered; only the index lags behind.
  if (!out.index_problem.empty()) text << msg("workflow.not_indexed", {{"why", out.index_problem}}) << "\n";
  return text.str();
}

nlohmann::json issued_json(const services::IssueResult& out) {
  return {{"number", out.issued.number}, {"title", out.issued.title},
          {"pdf", out.issued.pdf_path},  {"docx", out.issued.docx_path},
          {"sheet", out.issued.sheet_path}, {"ofd", out.issued.ofd_path},
          {"ofd_sha256", out.issued.ofd_sha256}, {"copies", out.copies.size()},
          {"pages", out.issued.pages},   {"pdf_sha256", out.issued.pdf_sha256},
          {"warnings", out.warnings},    {"next", next_json(out.next)}};
}

void add_submit(CLI::App& app, Context& ctx, Action& action) {
  auto* submit = app.add_subcommand("submit", msg("cli.help.submit"));
  auto so = std::make_shared<SubmitOptions>();
  submit->add_option("file", so->file, msg("cli.help.submit.file"))->required();
  submit->callback([&ctx, &action, so] {
    action = [&ctx, so] {
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto s = flows.submit(so->file, ctx.user("submits"));
      ctx.emit(draft_json(s), msg("workflow.submitted") + draft_line(ctx, s));
    };
  });
}

void add_review(CLI::App& app, Context& ctx, Action& action) {
  auto* review = app.add_subcommand("review", msg("cli.help.review"));
  auto ro = std::make_shared<ReviewOptions>();
  review->add_option("draft", ro->ref, msg("cli.help.review.draft"))->required();
  review->add_option("--opinion", ro->opinion, msg("cli.help.review.opinion"));
  review->add_flag("--return", ro->send_back, msg("cli.help.review.return"));
  review->callback([&ctx, &action, ro] {
    action = [&ctx, ro] {
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto s = flows.review(ro->ref, ctx.user("reviews"),
                                  ro->send_back ? archive::Decision::Return : archive::Decision::Approve,
                                  ro->opinion);
      ctx.emit(draft_json(s), msg(ro->send_back ? "workflow.returned" : "workflow.reviewed") + draft_line(ctx, s));
    };
  });
}

void add_sign(CLI::App& app, Context& ctx, Action& action) {
  auto* sign = app.add_subcommand("sign", msg("cli.help.sign"));
  auto sg = std::make_shared<SignOptions>();
  sign->add_option("draft", sg->ref, msg("cli.help.sign.draft"))->required();
  sign->add_option("--opinion", sg->opinion, msg("cli.help.sign.opinion"));
  sign->callback([&ctx, &action, sg] {
    action = [&ctx, sg] {
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto s = flows.sign(sg->ref, ctx.user("signs"), sg->opinion);
      ctx.emit(draft_json(s), msg("workflow.signed") + draft_line(ctx, s));
    };
  });
}

void add_issue(CLI::App& app, Context& ctx, Action& action) {
  auto* issue = app.add_subcommand("issue", msg("cli.help.issue"));
  auto io = std::make_shared<IssueOptions>();
  issue->add_option("draft", io->refs, msg("cli.help.issue.draft"))
      ->required();
  issue->callback([&ctx, &action, io] {
    action = [&ctx, io] {
      auto& ws = ctx.workspace();
      services::Workflows flows(ws, ctx.clock());
      const std::string user = ctx.user("issues");
      nlohmann::json all = nlohmann::json::array();
      std::string all_text;
      for (const auto& out : flows.issue_all(io->refs, user)) {
        all.push_back(issued_json(out));
        all_text += issued_text(ws, out);
      }
      ctx.emit(all.size() == 1 ? all[0] : all, all_text);
    };
  });
}

void add_void(CLI::App& app, Context& ctx, Action& action) {
  auto* vd = app.add_subcommand("void", msg("cli.help.void"));
  auto vo = std::make_shared<VoidOptions>();
  vd->add_option("number", vo->number, msg("cli.help.void.number"))->required();
  vd->add_option("--reason", vo->reason, msg("cli.help.void.reason"))->required();
  vd->callback([&ctx, &action, vo] {
    action = [&ctx, vo] {
      services::Workflows flows(ctx.workspace(), ctx.clock());
      const auto n = flows.void_number(vo->number, ctx.user("voids the number"), vo->reason);
      const std::string text = n.code + "〔" + std::to_string(n.year) + "〕" + std::to_string(n.serial) + "号";
      ctx.emit({{"number", text}, {"status", "void"}, {"reason", n.reason}}, msg("workflow.voided", {{"number", text}}) + "\n");
    };
  });
}

void add_seal_log(CLI::App& app, Context& ctx, Action& action) {
  auto* seal = app.add_subcommand("seal", msg("cli.help.seal"));
  seal->require_subcommand(1);
  auto* seal_log = seal->add_subcommand("log", msg("cli.help.seal.log"));
  seal_log->callback([&ctx, &action] {
    action = [&ctx] {
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (const auto& s : ctx.workspace().registry().seal_uses()) {
        j.push_back({{"number", s.number}, {"seal", s.seal_text}, {"approver", s.approver},
                     {"keeper", s.keeper}, {"copies", s.copies}, {"at", s.at},
                     {"approved_at", s.approved_at}});
        out << s.at << "\t" << s.number << "\t" << s.seal_text << "\t批准 " << s.approver
            << (s.approved_at.empty() ? "" : " (" + s.approved_at + ")") << "\t监印 " << s.keeper << "\t"
            << s.copies << "份\n";
      }
      ctx.emit(j, out.str());
    };
  });
}

void add_audit_verify(CLI::App& audit, Context& ctx, Action& action) {
  auto* verify = audit.add_subcommand("verify", msg("cli.help.audit.verify"));
  verify->callback([&ctx, &action] {
    action = [&ctx] {
      // Chain, MACs, head, signed checkpoints, sealed register rows (issue 13 #3); and time
      // order (#7): a demo or test workspace is backdated by design, there it is a note.
      const services::AuditVerdict verdict = services::verify_audit(ctx.workspace());
      const archive::AuditReport& report = verdict.report;
      if (!report.ok()) {
        std::string all = msg("audit.verify.failed", {{"count", std::to_string(report.problems.size())}});
        for (const auto& p : report.problems) all += "\n  " + p;
        fail(Code::Conflict, all, {msg("audit.verify.hint")});
      }
      if (verdict.order_is_failure) fail(Code::Conflict, verdict.order_text, {"gongwen audit log 查看这些记录及其操作人"});
      const auto& late = verdict.out_of_order;
      const std::string& note = verdict.order_text;
      const std::size_t entries = report.entries;
      ctx.emit({{"ok", true}, {"entries", entries}, {"keyed_from", report.keyed_from}, {"rows", report.rows},
                {"checkpoints", report.checkpoints}, {"out_of_order", late}, {"note", note}},
               msg("audit.verify.ok", {{"entries", std::to_string(entries)},
                                       {"keyed", std::to_string(report.keyed_from)},
                                       {"rows", std::to_string(report.rows)},
                                       {"checkpoints", std::to_string(report.checkpoints)}}) +
                   "\n" + (note.empty() ? "" : "note: " + note + "\n"));
    };
  });
}

void add_audit_log(CLI::App& audit, Context& ctx, Action& action) {
  auto* show = audit.add_subcommand("log", msg("cli.help.audit.log"));
  show->callback([&ctx, &action] {
    action = [&ctx] {
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      // Secret titles only for the cleared (issue 13 #1); control characters a login name or
      // title may carry are printed escaped, never raw to the terminal (stored as given).
      for (const auto& e : services::audit_log_for(ctx.workspace(), ctx.reader())) {
        // Stored English (hashed by the chain) in "action"/"detail"; the clerk's words beside.
        const services::AuditWords shown = services::audit_words(e.action, e.subject, e.detail);
        j.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"action", e.action},
                     {"subject", e.subject}, {"detail", e.detail}, {"hash", e.hash},
                     {"action_text", shown.action}, {"detail_text", shown.detail}});
        out << e.seq << "\t" << e.at << "\t" << services::escape_controls(e.actor) << "\t"
            << services::escape_controls(shown.action) << "\t" << services::escape_controls(e.subject) << "\t"
            << services::escape_controls(shown.detail) << "\n";
      }
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace

void add_workflow_commands(CLI::App& app, Context& ctx, Action& action) {
  add_submit(app, ctx, action);
  add_review(app, ctx, action);
  add_sign(app, ctx, action);
  add_issue(app, ctx, action);
  add_void(app, ctx, action);
  add_seal_log(app, ctx, action);
  auto* audit = app.add_subcommand("audit", msg("cli.help.audit"));
  audit->require_subcommand(1);
  add_audit_verify(*audit, ctx, action);
  add_audit_log(*audit, ctx, action);
}

}  // namespace gongwen::app
