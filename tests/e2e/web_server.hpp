#pragma once
// Starts `gongwen serve` on a free 127.0.0.1 port over a fresh workspace, for the web API
// tests; stops it (SIGTERM) when destroyed.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "run_cli.hpp"

extern char** environ;

namespace gongwen::e2e {

// Every test user's password (set with `gongwen user passwd --all`).
inline const char* kTestPassword = "test-口令-2026";
// Every user's password in the demo's workspace (app/src/demo.cpp).
inline const char* kDemoPassword = "gongwen-demo";

// How to set up the workspace and the server.
struct ServeSetup {
  std::string serve_args;  // added to the serve command line, e.g. "--session-idle 2"
  std::string clock = "2026-11-20T09:00:00+08:00";
  bool demo = false;  // the demo's workspace (issued documents of 2025 and 2026; kDemoPassword) instead of an empty one
};

class WebServer {
 public:
  explicit WebServer(const std::string& name, ServeSetup setup = {}) : m_dir(fresh_dir(name)), m_setup(std::move(setup)) {
    // A test workspace allows the fixed clock the server runs with (issue 13 #7).
    auto init = m_setup.demo ? gongwen({"demo", m_dir.string()}) : gongwen({"init", "--fixed-clock-allowed", m_dir.string()});
    if (init.code != 0) throw std::runtime_error("init failed: " + init.err);
    if (!m_setup.demo) {  // the demo sets kDemoPassword for every user itself
      std::ofstream(m_dir.string() + ".passwords") << kTestPassword << "\n";
      auto pw = gongwen({"-w", m_dir.string(), "user", "passwd", "--all", "--new-password-file",
                         m_dir.string() + ".passwords"});
      if (pw.code != 0) throw std::runtime_error("user passwd failed: " + pw.err);
    }
    m_log = m_dir.string() + ".log";
    start();
  }
  ~WebServer() {
    stop();
    std::filesystem::remove_all(m_dir);
    std::filesystem::remove(m_dir.string() + ".passwords");
    std::filesystem::remove(m_log);
  }
  // Stops the server (SIGTERM) and starts a new one on the same workspace (a new port).
  void restart() {
    stop();
    start();
  }
  int port() const { return m_port; }
  const std::filesystem::path& dir() const { return m_dir; }
  std::string log() const { return slurp(m_log); }

 private:
  void start() {
    m_port = 0;
    std::filesystem::remove(m_log);
    // Chinese messages, the web desk's language, whatever the machine's locale.
    const std::string cmd = "exec env " + kChinese + " " + quote(GONGWEN_BINARY) + " -w " + quote(m_dir.string()) +
                            " --clock " + m_setup.clock + " serve --listen 127.0.0.1:0 --web " +
                            quote(std::string(GONGWEN_SOURCE_DIR) + "/web") + " " + m_setup.serve_args + " >" + quote(m_log) +
                            " 2>&1";
    const char* argv[] = {"/bin/sh", "-c", cmd.c_str(), nullptr};
    if (posix_spawn(&m_pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
      throw std::runtime_error("cannot start gongwen serve");
    for (int i = 0; i < 200 && m_port == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::string log = slurp(m_log);
      const auto at = log.find("listening on http://127.0.0.1:");
      if (at != std::string::npos) m_port = std::stoi(log.substr(at + 30));
    }
    if (m_port == 0) throw std::runtime_error("gongwen serve did not start: " + slurp(m_log));
  }
  void stop() {
    if (m_pid == 0) return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = 0;
    expect_no_sanitizer_report("gongwen serve", slurp(m_log));
  }

  std::filesystem::path m_dir;
  ServeSetup m_setup;
  std::string m_log;
  pid_t m_pid = 0;
  int m_port = 0;
};

}  // namespace gongwen::e2e
