#pragma once
// Each group of subcommands registers itself on the CLI11 app; the chosen command's work is
// stored in `action` and run once parsing succeeded, inside the single error handler.
#include <CLI/CLI.hpp>
#include <functional>

#include "context.hpp"

namespace gongwen::app {

using Action = std::function<void()>;

void add_setup_commands(CLI::App& app, Context& ctx, Action& action);     // init, template
void add_draft_commands(CLI::App& app, Context& ctx, Action& action);     // draft new|check|render|list
void add_draft_import_command(CLI::App& draft, Context& ctx, Action& action);  // draft import
void add_draft_fix_command(CLI::App& draft, Context& ctx, Action& action);     // draft fix
void add_workflow_commands(CLI::App& app, Context& ctx, Action& action);  // submit review sign issue void seal audit
void add_search_commands(CLI::App& app, Context& ctx, Action& action);    // search, search reindex
void add_archive_commands(CLI::App& app, Context& ctx, Action& action);   // archive plan|file|status
void add_receive_commands(CLI::App& app, Context& ctx, Action& action);   // receive, receive overdue|circulate|…
void add_requests_command(CLI::App& app, Context& ctx, Action& action);   // requests [--overdue]: 请示 and 批复
void add_stamp_commands(CLI::App& app, Context& ctx, Action& action);     // stamp add|list: 签名章
void add_serve_command(CLI::App& app, Context& ctx, Action& action);    // serve (web desk)
void add_auth_commands(CLI::App& app, Context& ctx, Action& action);     // login logout user key verify
void add_demo_command(CLI::App& app, Context& ctx, Action& action);       // demo

}  // namespace gongwen::app
