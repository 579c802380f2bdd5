#include "cli.hpp"

#include <cctype>
#include <iostream>
#include <memory>
#include <string_view>

#include "cli_errors.hpp"
#include "command_words.hpp"
#include "commands.hpp"
#include "diagnostics_out.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::app {

namespace {

// The one place an Error is printed: its problems in the words of the message catalogue
// (Chinese unless the locale asks for English; docs/cli.md), and JSON too with --json.
int report(const Error& e, bool json) {
  if (json) {
    nlohmann::json j = {{"ok", false},
                        {"error", {{"code", code_name(e.code)}, {"text", code_text(e.code)},
                                   {"message", e.message}, {"hints", e.hints}}}};
    if (e.at) j["error"]["at"] = {{"file", e.at->file}, {"line", e.at->line}, {"column", e.at->column}};
    if (!e.field.empty()) j["error"]["field"] = e.field;
    if (!e.id.empty()) j["error"]["id"] = e.id;
    if (!e.diagnostics.empty()) j["error"]["diagnostics"] = diagnostics_json(e.diagnostics);
    std::cout << j.dump(2) << "\n";
  }
  // Problems in outside input read like a compiler's (FILE:LINE:COL: 错误: …), every one.
  if (!e.diagnostics.empty()) print_diagnostics(std::cerr, e.diagnostics);
  else std::cerr << "gongwen: " << e.render() << "\n";
  return exit_code(e.code);
}

// CLI11's layout of --help, padded by columns on the screen rather than bytes: a Han
// character is three bytes wide in memory and two columns on a terminal, so the Chinese
// names and 文字/必填 would push the descriptions out of line.
class ClerkFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return row(make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt));
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    return row(sub->get_display_name(true), sub->get_description());
  }

 private:
  // East Asian wide characters (Hangul Jamo, CJK and its punctuation, Hangul, fullwidth forms).
  static bool wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6);
  }
  static std::size_t columns(std::string_view text) {
    std::size_t n = 0;
    for (char32_t c : utf8::decode(text)) n += wide(c) ? 2 : 1;
    return n;
  }
  std::string row(const std::string& name, const std::string& description) const {
    const std::size_t width = get_column_width();
    std::string out = "  " + name;
    const std::size_t used = columns(out);
    if (!description.empty()) {
      out += used >= width ? "\n" + std::string(width, ' ') : std::string(width - used, ' ');
      for (char c : description) out += c == '\n' ? "\n" + std::string(width, ' ') : std::string(1, c);
    }
    return out + "\n";
  }
};

// Each option left in CLI11's group "Options" (the help flags, made before any default of
// ours applies) is put in the localized group.
void localize_option_groups(CLI::App& app, const std::string& group) {
  for (CLI::Option* opt : app.get_options())
    if (opt->get_group() == "Options") opt->group(group);
  for (CLI::App* sub : app.get_subcommands({})) localize_option_groups(*sub, group);
}

// CLI11's own words in --help (headings, "REQUIRED", value kinds, the help flag), in the
// language of messages. Set before any option or command is added: subcommands inherit the
// help flag, the option group, their own group name and the formatter from their parent.
void localize_help(CLI::App& app) {
  app.formatter(std::make_shared<ClerkFormatter>());
  app.option_defaults()->group(msg("cli.help.label.options_group"));
  app.set_help_flag("-h,--help", msg("cli.help.help"));
  app.group(msg("cli.help.label.commands_group"));
  const auto formatter = app.get_formatter();
  for (const char* label : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "REQUIRED", "Positionals", "TEXT", "INT",
                            "UINT", "FLOAT", "Needs", "Excludes"}) {
    std::string code = "cli.help.label.";
    for (const char* c = label; *c; ++c) code += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
    formatter->label(label, msg(code));
  }
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{msg("cli.help.gongwen")};
  app.footer(msg("cli.exit_codes"));
  localize_help(app);
  app.require_subcommand(1);
  Context ctx;
  app.add_flag("--json", ctx.json, msg("cli.help.json"));
  app.add_option("-w,--workspace", ctx.workspace_opt, msg("cli.help.workspace"));
  app.add_option("--clock", ctx.clock_opt, msg("cli.help.clock"));
  app.add_option("--as", ctx.user_opt, msg("cli.help.as"));
  app.add_option("--password-file", ctx.password_file_opt, msg("cli.help.password-file"));
  Action action;
  add_setup_commands(app, ctx, action);
  add_draft_commands(app, ctx, action);
  add_workflow_commands(app, ctx, action);
  add_search_commands(app, ctx, action);
  add_archive_commands(app, ctx, action);
  add_receive_commands(app, ctx, action);
  add_requests_command(app, ctx, action);
  add_stamp_commands(app, ctx, action);
  add_serve_command(app, ctx, action);
  add_auth_commands(app, ctx, action);
  add_demo_command(app, ctx, action);
  add_chinese_aliases(app);
  localize_option_groups(app, msg("cli.help.label.options_group"));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (auto unknown = unknown_command(app, argc, argv)) return report(*unknown, ctx.json);
    // CLI11's own words, each error class as a catalogue message naming the option.
    Error err = make_error(Code::Usage, parse_error_words(e), {msg("cli.usage.hint")});
    return report(err, ctx.json);
  }
  try {
    if (action) action();
    return 0;
  } catch (const Reported& r) {
    return r.exit_code;
  } catch (const Failure& f) {
    return report(f.error(), ctx.json);
  } catch (const std::filesystem::filesystem_error& e) {
    return report(make_error(Code::Io, e.what(), {msg("cli.io.hint")}), ctx.json);
  } catch (const std::exception& e) {
    return report(make_error(Code::Internal, msg("cli.internal", {{"what", e.what()}}), {msg("cli.internal.hint")}),
                  ctx.json);
  }
}

}  // namespace gongwen::app
