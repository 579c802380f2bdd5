#pragma once
// `gongwen serve`: the office's web desk on the same workspace as the CLI.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "serve/password.hpp"

namespace gongwen::app::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (printed on start)
  std::filesystem::path web_dir;
  int threads = 32;  // requests handled at once (waiting connections hold no thread)
  std::chrono::seconds head_timeout{10};  // a request's head must arrive within this (slow headers); a body's grace too
  std::chrono::seconds session_idle{30 * 60};  // a session ends after this long without a request
  std::vector<std::string> trusted_proxies;  // e.g. the office's nginx at 127.0.0.1 (X-Forwarded-For)
};

// "HOST:PORT" or ":PORT" or "PORT" → host and port; Usage error otherwise.
void parse_listen(const std::string& text, ServeOptions& opts);

// Serves until SIGINT/SIGTERM. Prints "listening on http://HOST:PORT" once bound.
// Passwords are checked against the registry (archive::Auth).
void run_server(archive::Workspace& ws, const Clock& clock, const ServeOptions& opts);

}  // namespace gongwen::app::serve
