// gongwen init, gongwen template list|show
#include <cstdlib>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "template_choice.hpp"
#include "gongwen/archive/office_naming.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/services/clock_policy.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app {

namespace fs = std::filesystem;

namespace {

nlohmann::json template_json(const Template& t) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : t.fields)
    fields.push_back({{"name", f.name}, {"label", f.label}, {"required", f.required}});
  return {{"id", t.id},         {"kind", t.kind},         {"name", t.name},
          {"description", t.description}, {"direction", to_chinese(t.direction)},
          {"format", to_chinese(t.format)}, {"class", t.doc_class}, {"code", t.code},
          {"seal", t.seal},     {"required", t.required}, {"fields", fields}};
}

std::vector<Template> templates_for(Context& ctx) {
  // Inside a workspace its own (possibly edited) templates count; elsewhere the shipped ones.
  if (!ctx.workspace_opt.empty() || archive::Workspace::find(fs::current_path()))
    return ctx.workspace().templates();
  return load_templates(ctx.data_dir() / "templates").take();
}

// The options of init and template show, held by their callbacks.
struct SetupOptions {
  std::string dir, profile, id;
  archive::OfficeNaming naming;  // init --name, --code, --party-code, --fonds
  bool fixed_clock = false;      // init --fixed-clock-allowed
};

}  // namespace

void add_setup_commands(CLI::App& app, Context& ctx, Action& action) {
  auto opts = std::make_shared<SetupOptions>();
  std::string &dir = opts->dir, &profile = opts->profile, &id = opts->id;
  auto* init = app.add_subcommand("init", msg("cli.help.init"));
  init->add_option("dir", dir, msg("cli.help.init.dir"))->required();
  init->add_option("--profile", profile, msg("cli.help.init.profile"));
  init->add_option("--name", opts->naming.name,
                   msg("cli.help.init.name"));
  init->add_option("--code", opts->naming.code, msg("cli.help.init.code"));
  init->add_option("--party-code", opts->naming.party_code, msg("cli.help.init.party-code"));
  init->add_option("--fonds", opts->naming.fonds, msg("cli.help.init.fonds"));
  init->add_flag("--fixed-clock-allowed", opts->fixed_clock,
                 msg("cli.help.init.fixed-clock-allowed"));
  init->callback([&, opts] {
    action = [&, opts] {
      const fs::path profile_path =
          profile.empty() ? ctx.data_dir() / "templates" / "profile.example.toml" : fs::path(profile);
      std::string text = archive::read_file(profile_path);
      const archive::OfficeNaming& naming = opts->naming;
      if (naming.name.empty() && !(naming.code + naming.party_code + naming.fonds).empty())
        fail(Code::Usage, msg("init.naming.alone"), {msg("init.name.bad.hint")});
      if (!naming.name.empty()) text = archive::name_office(text, naming).take();
      // A normal workspace records real time only; a fixed clock is allowed when it is made
      // for tests (clock_policy.hpp). No workspace exists yet to ask.
      const bool fixed_clock = opts->fixed_clock;
      if (!fixed_clock && (!ctx.clock_opt.empty() || std::getenv("GONGWEN_CLOCK")))
        fail(Code::Usage, msg("init.clock.fixed"), {msg("init.clock.fixed.hint"), msg("init.clock.fixed.hint2")});
      ctx.fixed_clock_permitted = fixed_clock;
      const std::string at = ctx.clock().now().iso8601();
      auto ws = archive::Workspace::init(dir, text, ctx.data_dir() / "templates").take();
      ws->registry().audit(at, "system", "init", ws->root().string(),
                           services::init_detail(ws->profile().office_name, fixed_clock));
      std::ostringstream out;
      out << msg("cli.init.done", {{"dir", ws->root().string()}, {"office", ws->profile().office_name},
                                   {"organs", std::to_string(ws->profile().organs.size())},
                                   {"users", std::to_string(ws->profile().users.size())},
                                   {"templates", std::to_string(ws->templates().size())}})
          << "\n";
      ctx.emit({{"ok", true}, {"workspace", ws->root().string()}}, out.str());
    };
  });

  auto* tpl = app.add_subcommand("template", msg("cli.help.template"));
  tpl->require_subcommand(1);
  auto* list = tpl->add_subcommand("list", msg("cli.help.template.list"));
  list->callback([&, opts] {
    action = [&, opts] {
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (const auto& t : templates_for(ctx)) {
        j.push_back(template_json(t));
        out << t.id << "\t" << t.name << "\t" << to_chinese(t.direction) << "\t" << t.doc_class
            << "\t" << t.description << "\n";
      }
      ctx.emit(j, out.str());
    };
  });
  auto* show = tpl->add_subcommand("show", msg("cli.help.template.show"));
  show->add_option("id", id, msg("cli.help.template.show.id"))->required();
  show->callback([&, opts] {
    action = [&, opts] {
      const auto all = templates_for(ctx);
      const Template* t = &template_or_choices(all, id);
      std::ostringstream out;
      out << t->name << " (" << t->id << ")  文种 " << t->kind << ", " << to_chinese(t->direction)
          << ", " << to_chinese(t->format) << ", " << t->doc_class << ", 代字后缀 " << t->code << "\n"
          << t->description << "\n" << msg("cli.template.required") << " ";
      for (const auto& r : t->required) out << r << " ";
      out << "\n";
      for (const auto& f : t->fields)
        out << "  [fields] " << f.name << "\t" << f.label << (f.required ? msg("cli.template.field_required") : "") << "\n";
      if (!t->body_pattern.empty()) out << msg("cli.template.body") << "\n" << t->body_pattern;
      ctx.emit(template_json(*t), out.str());
    };
  });
}

}  // namespace gongwen::app
