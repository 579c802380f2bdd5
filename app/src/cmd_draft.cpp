// gongwen draft new|check|render|list
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "diagnostics_out.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/office.hpp"
#include "gongwen/pipeline/render.hpp"
#include "next_json.hpp"
#include "draft_file_check.hpp"
#include "template_choice.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app {

namespace fs = std::filesystem;

namespace {

nlohmann::json draft_json(const Draft& d) {
  return {{"template", d.doc.template_id}, {"kind", d.doc.kind},   {"title", d.doc.title},
          {"code", d.code},                {"class", d.doc_class}, {"date", d.doc.date.iso()},
          {"blocks", d.doc.body.size()},   {"attachments", d.doc.attachments.size()},
          {"secrecy", to_chinese(d.doc.secrecy)}};
}

// Each command's options, held by its callbacks (not function-local statics).
struct NewOptions {
  std::string template_id, out;
};
struct CheckOptions {
  std::vector<std::string> files;
};
struct PreviewOptions {
  std::string file, dir;
};

}  // namespace

void add_draft_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* draft = app.add_subcommand("draft", msg("cli.help.draft"));
  draft->require_subcommand(1);

  auto* nw = draft->add_subcommand("new", msg("cli.help.draft.new"));
  auto no = std::make_shared<NewOptions>();
  nw->add_option("template", no->template_id, msg("cli.help.draft.new.template"))->required();
  nw->add_option("-o,--output", no->out, msg("cli.help.draft.new.output"));
  nw->callback([&ctx, &action, no] {
    action = [&ctx, no] {
      const std::string& tpl_id = no->template_id;
      const std::string& out_file = no->out;
      auto& ws = ctx.workspace();
      const Template& t = template_or_choices(ws.templates(), tpl_id);
      const std::string text = draft_skeleton(t, ws.profile().organs.front().id, ctx.clock().now().local_date());
      if (out_file.empty()) {
        ctx.emit({{"draft", text}}, text);
        return;
      }
      if (fs::exists(out_file)) fail(Code::Conflict, msg("cli.file.exists", {{"file", out_file}}), {msg("cli.file.exists.hint")});
      archive::write_file_atomic(out_file, text);
      ctx.emit({{"ok", true}, {"file", out_file}}, msg("cli.draft.wrote", {{"file", out_file}}) + "\n");
    };
  });

  auto* check = draft->add_subcommand("check", msg("cli.help.draft.check"));
  auto co = std::make_shared<CheckOptions>();
  check->add_option("files", co->files, msg("cli.help.draft.check.files"))->required();
  check->callback([&ctx, &action, co] {
    action = [&ctx, co] {
      const std::vector<std::string>& check_files = co->files;
      auto& ws = ctx.workspace();
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      std::vector<Diagnostic> all;
      for (const auto& f : check_files) {
        const auto [draft, diags] = check_draft_file(f, ws);
        nlohmann::json entry = draft ? draft_json(*draft) : nlohmann::json::object();
        entry["file"] = f;
        entry["ok"] = !diags.has_errors();
        entry["diagnostics"] = diagnostics_json(diags.items());
        j.push_back(entry);
        all.insert(all.end(), diags.items().begin(), diags.items().end());
        if (draft)
          out << msg("check.ok", {{"file", f}, {"kind", draft->doc.kind}, {"title", draft->doc.title},
                                  {"paragraphs", std::to_string(draft->doc.body.size())},
                                  {"attachments", std::to_string(draft->doc.attachments.size())},
                                  {"code", draft->code}})
              << "\n";
      }
      ctx.emit(j, out.str());
      if (!ctx.json) print_diagnostics(std::cerr, all);
      // Exit with the first error's code (3 bad input, 4 a missing file), as any command would.
      for (const Diagnostic& d : all)
        if (d.severity == Severity::Error) throw Reported{exit_code(d.kind)};
    };
  });

  add_draft_import_command(*draft, ctx, action);
  add_draft_fix_command(*draft, ctx, action);

  auto* render = draft->add_subcommand("render", msg("cli.help.draft.render"));
  auto ro = std::make_shared<PreviewOptions>();
  render->add_option("file", ro->file, msg("cli.help.draft.render.file"))->required();
  render->add_option("-o,--output-dir", ro->dir, msg("cli.help.draft.render.output-dir"));
  render->callback([&ctx, &action, ro] {
    action = [&ctx, ro] {
      const std::string& render_file = ro->file;
      const std::string& render_dir = ro->dir;
      auto& ws = ctx.workspace();
      services::Office office(ws, ctx.clock());
      Draft d = office.load_draft(render_file);
      // A preview shows where the number will go, with the serial left blank as on paper.
      d.doc.number = d.code + "〔" + std::to_string(d.doc.date.year) + "〕　号";
      RenderOptions opts;
      opts.created = ctx.clock().now();
      opts.fonts = ws.profile().fonts;
      opts.seal_diameter_mm = ws.profile().seal_diameter_mm;
      opts.names = ws.profile().names();
      const RenderedFiles files = gongwen::render(d.doc, opts).take();  // one layout for both
      const RenderedFile& pdf = files.pdf;
      const RenderedFile& docx = files.docx;
      const fs::path dir = render_dir.empty() ? fs::absolute(render_file).parent_path() : fs::path(render_dir);
      const std::string stem = fs::path(render_file).stem().string() + ".preview";
      archive::write_file_atomic(dir / (stem + ".pdf"), pdf.bytes);
      archive::write_file_atomic(dir / (stem + ".docx"), docx.bytes);
      std::ostringstream out;
      out << msg("cli.draft.rendered", {{"pdf", (dir / (stem + ".pdf")).string()},
                                        {"pages", std::to_string(pdf.pages)},
                                        {"docx", (dir / (stem + ".docx")).string()}})
          << "\n";
      for (const auto& w : pdf.warnings) out << msg("workflow.warning", {{"text", w}}) << "\n";
      ctx.emit({{"pdf", (dir / (stem + ".pdf")).string()},
                {"docx", (dir / (stem + ".docx")).string()},
                {"pages", pdf.pages},
                {"warnings", pdf.warnings}},
               out.str());
    };
  });

  auto* list = draft->add_subcommand("list", msg("cli.help.draft.list"));
  list->callback([&] {
    action = [&] {
      auto& ws = ctx.workspace();
      services::Office office(ws, ctx.clock());
      const User reader = ctx.reader();  // secret titles only for the cleared (issue 13 #1)
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (const auto& d : ws.registry().drafts()) {
        const services::NextStep next = office.next_step(d);
        const std::string title = services::title_for(d, reader);
        j.push_back({{"id", d.id}, {"title", title}, {"state", archive::state_name(d.state)},
                     {"drafter", d.drafter}, {"next", next_json(next)}, {"source", d.source}});
        out << "#" << d.id << "\t" << archive::state_chinese(d.state) << "\t" << title << "\t→ "
            << services::describe(next) << "\n";
      }
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace gongwen::app
