// gongwen submit | review | sign | issue | void | seal log | audit verify
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "gongwen/archive/office.hpp"
#include "indexing.hpp"

namespace gongwen::app {

namespace {

nlohmann::json draft_json(archive::Office& office, const archive::DraftRecord& d) {
  return {{"id", d.id},           {"title", d.title},       {"state", archive::state_name(d.state)},
          {"round", d.round},     {"sha256", d.content_hash}, {"next", office.next_step(d)}};
}

std::string draft_line(archive::Office& office, const archive::DraftRecord& d) {
  return "#" + std::to_string(d.id) + " 《" + d.title + "》: " + archive::state_chinese(d.state) +
         " — next: " + office.next_step(d) + "\n";
}

}  // namespace

void add_workflow_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* submit = app.add_subcommand("submit", "submit a draft for review (拟稿人)");
  static std::string submit_file;
  submit->add_option("file", submit_file, "draft file")->required();
  submit->callback([&] {
    action = [&] {
      archive::Office office(ctx.workspace(), ctx.clock());
      const auto d = office.submit(submit_file, ctx.user("submits"));
      ctx.emit(draft_json(office, d), "submitted " + draft_line(office, d));
    };
  });

  auto* review = app.add_subcommand("review", "review a draft in the chain's order (审核人)");
  static std::string review_ref, review_opinion;
  static bool send_back = false;
  review->add_option("draft", review_ref, "draft id (#3) or file")->required();
  review->add_option("--opinion", review_opinion, "审核意见");
  review->add_flag("--return", send_back, "send it back to the drafter (needs --opinion)");
  review->callback([&] {
    action = [&] {
      archive::Office office(ctx.workspace(), ctx.clock());
      const auto d = office.review(review_ref, ctx.user("reviews"),
                                   send_back ? archive::Decision::Return : archive::Decision::Approve,
                                   review_opinion);
      ctx.emit(draft_json(office, d), (send_back ? "returned " : "reviewed ") + draft_line(office, d));
    };
  });

  auto* sign = app.add_subcommand("sign", "sign off a reviewed draft (签发人)");
  static std::string sign_ref, sign_opinion;
  sign->add_option("draft", sign_ref, "draft id (#3) or file")->required();
  sign->add_option("--opinion", sign_opinion, "签发意见 (default: 同意印发)");
  sign->callback([&] {
    action = [&] {
      archive::Office office(ctx.workspace(), ctx.clock());
      const auto d = office.sign(sign_ref, ctx.user("signs"), sign_opinion);
      ctx.emit(draft_json(office, d), "signed off " + draft_line(office, d));
    };
  });

  auto* issue = app.add_subcommand("issue", "number, seal, render and register a signed-off draft (监印人)");
  static std::vector<std::string> issue_refs;
  issue->add_option("draft", issue_refs, "draft ids (#3) or files; each is issued in its own transaction")
      ->required();
  issue->callback([&] {
    action = [&] {
      auto& ws = ctx.workspace();
      archive::Office office(ws, ctx.clock());
      const std::string user = ctx.user("issues");
      nlohmann::json all = nlohmann::json::array();
      std::string all_text;
      for (const auto& issue_ref : issue_refs) {
        const auto out = office.issue(issue_ref, user);
        std::string index_note;
        try {
          index_issued(ws, out.issued);
        } catch (const Failure& f) {
          // The document is issued and registered; only the index lags behind.
          index_note = "warning: not yet searchable (" + f.error().message +
                       "); run: gongwen search reindex\n";
        }
        std::ostringstream text;
        text << "issued " << out.issued.number << " 《" << out.issued.title << "》, " << out.issued.pages
             << " pages\n  " << ws.root().string() << "/" << out.issued.pdf_path << "\n  "
             << ws.root().string() << "/" << out.issued.docx_path << "\n  "
             << ws.root().string() << "/" << out.issued.sheet_path << "\n";
        const auto copies = ws.registry().copies(out.issued.number);
        if (!copies.empty())
          text << "  " << copies.size() << " numbered copies (份号 " << copies.front().copy_number << "–"
               << copies.back().copy_number << ") in " << ws.root().string() << "/"
               << std::filesystem::path(copies.front().path).parent_path().string() << "/\n";
        for (const auto& w : out.warnings) text << "warning: " << w << "\n";
        text << index_note;
        nlohmann::json one = {{"number", out.issued.number}, {"title", out.issued.title},
                              {"pdf", out.issued.pdf_path},  {"docx", out.issued.docx_path},
                              {"sheet", out.issued.sheet_path}, {"copies", copies.size()},
                              {"pages", out.issued.pages},   {"pdf_sha256", out.issued.pdf_sha256},
                              {"warnings", out.warnings}};
        all.push_back(one);
        all_text += text.str();
      }
      ctx.emit(all.size() == 1 ? all[0] : all, all_text);
    };
  });

  auto* vd = app.add_subcommand("void", "record a spoiled 发文字号 so the sequence accounts for it");
  static std::string void_number, void_reason;
  vd->add_option("number", void_number, "e.g. 白政发〔2026〕7号")->required();
  vd->add_option("--reason", void_reason, "why it is void")->required();
  vd->callback([&] {
    action = [&] {
      archive::Office office(ctx.workspace(), ctx.clock());
      const auto n = office.void_number(void_number, ctx.user("voids the number"), void_reason);
      const std::string text = n.code + "〔" + std::to_string(n.year) + "〕" + std::to_string(n.serial) + "号";
      ctx.emit({{"number", text}, {"status", "void"}, {"reason", n.reason}}, "voided " + text + "\n");
    };
  });

  auto* seal = app.add_subcommand("seal", "the seal register (用印登记)");
  seal->require_subcommand(1);
  auto* seal_log = seal->add_subcommand("log", "list every use of the seal");
  seal_log->callback([&] {
    action = [&] {
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

  auto* audit = app.add_subcommand("audit", "the hash-chained audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "check that no entry of history was changed");
  verify->callback([&] {
    action = [&] {
      const auto log = ctx.workspace().registry().audit_log();
      if (auto bad = archive::verify_audit_chain(log))
        fail(Code::Conflict, "the audit log was altered at entry " + std::to_string(*bad),
             {"restore registry.sqlite3 from a backup and report it"});
      ctx.emit({{"ok", true}, {"entries", log.size()}},
               "audit log intact: " + std::to_string(log.size()) + " entries\n");
    };
  });
  auto* show = audit->add_subcommand("log", "print the audit log");
  show->callback([&] {
    action = [&] {
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (const auto& e : ctx.workspace().registry().audit_log()) {
        j.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"action", e.action},
                     {"subject", e.subject}, {"detail", e.detail}, {"hash", e.hash}});
        out << e.seq << "\t" << e.at << "\t" << e.actor << "\t" << e.action << "\t" << e.subject << "\t"
            << e.detail << "\n";
      }
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace gongwen::app
