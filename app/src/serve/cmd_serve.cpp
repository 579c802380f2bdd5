// gongwen serve [--listen HOST:PORT] [--web DIR] [--threads N] [--session-idle SECONDS]
#include <iostream>

#include "commands.hpp"
#include "serve/server.hpp"

namespace gongwen::app {

void add_serve_command(CLI::App& app, Context& ctx, Action& action) {
  auto* serve = app.add_subcommand("serve", "the office's web desk (static pages + JSON API) on this workspace");
  static std::string listen = "127.0.0.1:8080", web;
  static int threads = 32;
  static int session_idle = 1800;
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
  serve->add_option("--web", web, "folder of the static pages (default: the installed web/)");
  serve->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
  serve->add_option("--session-idle", session_idle, "seconds without a request after which a login session ends (default 1800)")
      ->check(CLI::Range(1, 7 * 24 * 3600));
  serve->callback([&] {
    action = [&] {
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
