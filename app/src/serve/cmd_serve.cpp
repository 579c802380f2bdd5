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
  auto* serve = app.add_subcommand("serve", "the office's web desk (static pages + JSON API) on this workspace");
  auto opts = std::make_shared<ServeCommandOptions>();
  std::string &listen = opts->listen, &web = opts->web;
  int &threads = opts->threads, &session_idle = opts->session_idle, &head_timeout = opts->head_timeout;
  std::vector<std::string>& trusted_proxies = opts->trusted_proxies;
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
  serve->add_option("--web", web, "folder of the static pages (default: the installed web/)");
  serve->add_option("--threads", threads, "requests handled at once (default 32)")->check(CLI::Range(1, 256));
  serve->add_option("--header-timeout", head_timeout,
                    "seconds a request's header may take to arrive, and its body before it must keep coming at 64 KB/s; "
                    "slower connections are closed (default 10)")
      ->check(CLI::Range(1, 300));
  serve->add_option("--trusted-proxy", trusted_proxies,
                    "address of a reverse proxy (the office's nginx) whose X-Forwarded-For names the client; repeatable");
  serve->add_option("--session-idle", session_idle, "seconds without a request after which a login session ends (default 1800)")
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
