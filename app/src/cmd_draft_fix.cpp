// gongwen draft fix FILE: the clerk's checks' corrections applied to a copy beside the draft
// (FILE.fixed.toml, never over it), each change listed; what only the writer can fix is left
// and counted.
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "diagnostics_out.hpp"
#include "draft_file_check.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/clerk_checks.hpp"

namespace gongwen::app {

namespace fs = std::filesystem;

namespace {

// FILE.toml → FILE.fixed.toml, in the same folder (attachment paths stay valid).
fs::path fixed_path(const fs::path& file) {
  fs::path out = file;
  out.replace_filename(file.stem().string() + ".fixed" + file.extension().string());
  return out;
}

}  // namespace

void add_draft_fix_command(CLI::App& draft, Context& ctx, Action& action) {
  auto* fix = draft.add_subcommand("fix", msg("kinds.fix.help"));
  auto file = std::make_shared<std::string>();
  fix->add_option("file", *file, msg("cli.help.draft.fix.file"))->required();
  fix->callback([&ctx, &action, file] {
    action = [&ctx, file] {
      auto [parsed, diags] = check_draft_file(*file, ctx.workspace());
      if (diags.items().size() == 1 && diags.items().front().kind == Code::NotFound) throw Failure(diags.to_error());
      std::vector<Diagnostic> applied;
      const std::string text = archive::read_file(*file);
      const std::string fixed = apply_fixes(text, *file, diags.items(), applied);
      const fs::path out_path = fixed_path(*file);
      nlohmann::json j = {{"file", *file}, {"changes", diagnostics_json(applied)}};
      std::ostringstream out;
      if (applied.empty()) {
        out << msg("kinds.fix.nothing", {{"file", *file}}) << "\n";
      } else {
        if (fs::exists(out_path))
          fail(Code::Conflict, msg("kinds.fix.exists", {{"file", out_path.string()}}), {msg("kinds.fix.exists.hint")});
        archive::write_file_atomic(out_path, fixed);
        j["fixed"] = out_path.string();
        out << msg("kinds.fix.wrote", {{"file", out_path.string()}, {"n", std::to_string(applied.size())}}) << "\n";
        for (const Diagnostic& d : applied)
          out << msg("kinds.fix.change", {{"line", std::to_string(d.at.line)},
                                          {"column", std::to_string(d.at.column)},
                                          {"message", d.message}})
              << "\n";
      }
      const std::size_t left = diags.items().size() - applied.size();
      j["left"] = left;
      if (left > 0)
        out << msg("kinds.fix.left", {{"n", std::to_string(left)},
                                      {"file", applied.empty() ? *file : out_path.string()}})
            << "\n";
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace gongwen::app
