// gongwen draft import FILE.docx [-o draft.toml] [--template ID] [--organ ID]
// 一键排版: a body typed in Word becomes a draft (docs/import.md). Pictures are saved beside
// the draft; nothing is written when the .docx is refused.
#include <fstream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/import.hpp"

namespace gongwen::app {

namespace fs = std::filesystem;

namespace {
// The options of draft import, held by its callback.
struct ImportOptions {
  std::string in_file, out_file, tpl_id = "notice", organ;
};
}  // namespace

void add_draft_import_command(CLI::App& draft, Context& ctx, Action& action) {
  auto* imp = draft.add_subcommand("import", msg("cli.help.draft.import"));
  auto opts = std::make_shared<ImportOptions>();
  std::string &in_file = opts->in_file, &out_file = opts->out_file, &tpl_id = opts->tpl_id, &organ = opts->organ;
  imp->add_option("file", in_file, msg("cli.help.draft.import.file"))->required();
  imp->add_option("-o,--output", out_file, msg("cli.help.draft.import.output"));
  imp->add_option("--template", tpl_id, msg("cli.help.draft.import.template"));
  imp->add_option("--organ", organ, msg("cli.help.draft.import.organ"));
  imp->callback([&, opts] {
    action = [&, opts] {
      std::ifstream in(in_file, std::ios::binary);
      if (!in) fail(Code::NotFound, msg("workspace.read", {{"file", in_file}}), {msg("cli.file.name.hint")});
      // Read at most one byte past the limit: a larger file is refused without loading it.
      const ImportLimits limits;
      std::string bytes(limits.max_file_bytes + 1, '\0');
      in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      bytes.resize(static_cast<std::size_t>(in.gcount()));
      ImportedBody body = import_docx(bytes, in_file, limits).take();
      DraftFields fields;
      // Pictures are saved beside the draft as <draft name>-imageN.png and referenced by it.
      if (!out_file.empty()) fields.image_prefix = fs::path(out_file).stem().string() + "-";
      fields.template_id = tpl_id;
      fields.organ = organ;
      fields.drafter = ctx.named_user();
      const std::string text = draft_toml(body, fields);
      nlohmann::json j{{"title", body.title},          {"to", body.main_recipients},
                       {"blocks", body.body.size()},   {"tables", body.tables.size()},
                       {"images", body.images.size()}, {"warnings", body.warnings}};
      if (out_file.empty()) {
        j["draft"] = text;
        ctx.emit(j, text);
        return;
      }
      if (fs::exists(out_file)) fail(Code::Conflict, msg("cli.file.exists", {{"file", out_file}}), {msg("cli.file.exists.hint")});
      const fs::path dir = fs::path(out_file).parent_path();
      std::vector<std::string> saved;
      // The draft names these files: an existing one would be a different picture.
      for (const ImportedImage& img : body.images)
        if (fs::exists(dir / (fields.image_prefix + img.name)))
          fail(Code::Conflict, msg("cli.file.exists", {{"file", (dir / (fields.image_prefix + img.name)).string()}}),
               {msg("cli.import.picture.exists.hint")});
      for (const ImportedImage& img : body.images) {
        const fs::path p = dir / (fields.image_prefix + img.name);
        archive::write_file_atomic(p, img.bytes);
        saved.push_back(p.string());
      }
      archive::write_file_atomic(out_file, text);
      j["file"] = out_file;
      j["saved_images"] = saved;
      std::ostringstream s;
      s << "wrote " << out_file << ": 《" << body.title << "》, " << body.body.size()
        << " paragraphs, " << body.tables.size() << " tables, " << body.images.size() << " images\n";
      for (const std::string& w : body.warnings) s << "warning: " << w << "\n";
      ctx.emit(j, s.str());
    };
  });
}

}  // namespace gongwen::app
