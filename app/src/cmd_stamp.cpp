// gongwen stamp add OWNER FILE.png | stamp list: the leaders' 签名章, pressed at issue on the
// 令 and 议案 they sign off (services/stamps.cpp). Registering is for an administrator or the
// seal keeper; every registration and every use is in the audit log and the 用印登记.
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/services/display.hpp"
#include "gongwen/services/workflows.hpp"

namespace gongwen::app {

namespace {

struct StampOptions {
  std::string owner, file;
};

nlohmann::json stamp_json(const archive::StampRecord& r) {
  return {{"owner", r.owner}, {"sha256", r.sha256}, {"path", r.path}, {"width", r.pixel_width},
          {"height", r.pixel_height}, {"registered_by", r.registered_by}, {"registered_at", r.registered_at}};
}

}  // namespace

void add_stamp_commands(CLI::App& app, Context& ctx, Action& action) {
  auto* stamp = app.add_subcommand("stamp", msg("cli.help.stamp"));
  stamp->require_subcommand(1);
  auto opts = std::make_shared<StampOptions>();
  auto* add = stamp->add_subcommand("add", msg("cli.help.stamp.add"));
  add->add_option("owner", opts->owner, msg("cli.help.stamp.owner"))->required();
  add->add_option("file", opts->file, msg("cli.help.stamp.file"))->required();
  add->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      auto& ws = ctx.workspace();
      std::error_code ec;
      if (!std::filesystem::is_regular_file(opts->file, ec))
        fail(Code::NotFound, msg("check.file.missing", {{"file", opts->file}}));
      const std::string png = archive::read_file(opts->file);
      services::Workflows flows(ws, ctx.clock());
      const archive::StampRecord r =
          flows.office().register_stamp(opts->owner, png, opts->file, ctx.user("registers a stamp"));
      ctx.emit(stamp_json(r), msg("cli.stamp.added", {{"name", services::person_name(ws.profile(), r.owner)},
                                                      {"path", r.path}, {"sha", r.sha256.substr(0, 16)}}) +
                                  "\n");
    };
  });
  auto* list = stamp->add_subcommand("list", msg("cli.help.stamp.list"));
  list->callback([&ctx, &action] {
    action = [&ctx] {
      auto& ws = ctx.workspace();
      services::Workflows flows(ws, ctx.clock());
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (const auto& r : flows.office().stamps(ctx.user("lists the stamps"))) {
        j.push_back(stamp_json(r));
        out << services::person_name(ws.profile(), r.owner) << "\t" << r.path << "\t" << r.pixel_width << "×"
            << r.pixel_height << "\t" << services::chinese_time(r.registered_at) << "\t"
            << services::person_name(ws.profile(), r.registered_by) << "\n";
      }
      if (j.empty()) out << msg("cli.stamp.none") << "\n";
      ctx.emit(j, out.str());
    };
  });
}

}  // namespace gongwen::app
