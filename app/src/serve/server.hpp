#pragma once
// `gongwen serve`: the office's web desk on the same workspace as the CLI.
#include <chrono>
#include <filesystem>
#include <string>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "serve/password.hpp"

namespace gongwen::app::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (printed on start)
  std::filesystem::path web_dir;
  int threads = 32;  // a kept-alive connection holds a thread: size for the office's browsers
  std::chrono::seconds session_idle{30 * 60};  // a session ends after this long without a request
};

// "HOST:PORT" or ":PORT" or "PORT" → host and port; Usage error otherwise.
void parse_listen(const std::string& text, ServeOptions& opts);

// Serves until SIGINT/SIGTERM. Prints "listening on http://HOST:PORT" once bound.
// Passwords are checked against the registry (archive::Auth).
void run_server(archive::Workspace& ws, const Clock& clock, const ServeOptions& opts);

}  // namespace gongwen::app::serve
