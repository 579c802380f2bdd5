// gongwen serve [--listen HOST:PORT] [--web DIR] [--threads N] [--session-idle SECONDS]
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "serve/server.hpp"

namespace gongwen::app {

namespace {
// The options of serve, held by its callback.
struct ServeCommandOptions {
  std::string listen = "127.0.0.1:8080", web;
  int threads = 32;
  int session_idle = 1800;
};
}  // namespace

void add_serve_command(CLI::App& app, Context& ctx, Action& action) {
  auto* serve = app.add_subcommand("serve", "the office's web desk (static pages + JSON API) on this workspace");
  auto opts = std::make_shared<ServeCommandOptions>();
  std::string &listen = opts->listen, &web = opts->web;
  int &threads = opts->threads, &session_idle = opts->session_idle;
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
  serve->add_option("--web", web, "folder of the static pages (default: the installed web/)");
  serve->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
  serve->add_option("--session-idle", session_idle, "seconds without a request after which a login session ends (default 1800)")
      ->check(CLI::Range(1, 7 * 24 * 3600));
  serve->callback([&, opts] {
    action = [&, opts] {
      serve::ServeOptions opts;
      serve::parse_listen(listen, opts);
      opts.threads = threads;
      opts.session_idle = std::chrono::seconds(session_idle);
      opts.web_dir = web.empty() ? ctx.data_dir() / "web" : std::filesystem::path(web);
      serve::run_server(ctx.workspace(), ctx.clock(), opts);
    };
  });
}

}  // namespace gongwen::app
