// gongwen serve [--listen HOST:PORT] [--web DIR] [--threads N] [--session-idle SECONDS] [--header-timeout SECONDS]
//               [--trusted-proxy ADDRESS]…
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "serve/server.hpp"

namespace gongwen::app {

namespace {
// The options of serve, held by its callback.
struct ServeCommandOptions {
  std::string listen = "127.0.0.1:8080", web;
  int threads = 32;
  int session_idle = 1800;
  int head_timeout = 10;
  std::vector<std::string> trusted_proxies;
};
}  // namespace

void add_serve_command(CLI::App& app, Context& ctx, Action& action) {
  auto* serve = app.add_subcommand("serve", msg("cli.help.serve"));
  auto opts = std::make_shared<ServeCommandOptions>();
  std::string &listen = opts->listen, &web = opts->web;
  int &threads = opts->threads, &session_idle = opts->session_idle, &head_timeout = opts->head_timeout;
  std::vector<std::string>& trusted_proxies = opts->trusted_proxies;
  serve->add_option("--listen", listen, msg("cli.help.serve.listen"));
  serve->add_option("--web", web, msg("cli.help.serve.web"));
  serve->add_option("--threads", threads, msg("cli.help.serve.threads"))->check(CLI::Range(1, 256));
  serve->add_option("--header-timeout", head_timeout,
                    msg("cli.help.serve.header-timeout"))
      ->check(CLI::Range(1, 300));
  serve->add_option("--trusted-proxy", trusted_proxies,
                    msg("cli.help.serve.trusted-proxy"));
  serve->add_option("--session-idle", session_idle, msg("cli.help.serve.session-idle"))
      ->check(CLI::Range(1, 7 * 24 * 3600));
  serve->callback([&, opts] {
    action = [&, opts] {
      serve::ServeOptions opts;
      serve::parse_listen(listen, opts);
      opts.threads = threads;
      opts.head_timeout = std::chrono::seconds(head_timeout);
      opts.trusted_proxies = trusted_proxies;
      opts.session_idle = std::chrono::seconds(session_idle);
      opts.web_dir = web.empty() ? ctx.data_dir() / "web" : std::filesystem::path(web);
      serve::run_server(ctx.workspace(), ctx.clock(), opts);
    };
  });
}

}  // namespace gongwen::app
