#pragma once
// The web desk in one process for the HTTP fuzz targets (tests/fuzz/http_*_fuzz.cpp, one per
// route family): a fresh workspace with the sample office, a drafter's password, every route
// of `gongwen serve` behind the same gate, and a logged-in session. An input is the raw bytes
// of a request; its request-target is put under the target's family, and {{session}} and
// {{csrf}} in it become the live session's cookie and token, so the saved corpus reaches the
// handlers behind the login. Beyond "no crash" each answer must be a well-formed HTTP reply
// that is never a 500 (an exception that escaped a handler).
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/archive/auth.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "serve/gated_server.hpp"
#include "serve/state.hpp"

namespace gongwen::fuzz {

class HttpHarness {
 public:
  explicit HttpHarness(std::vector<std::string> prefixes) : m_prefixes(std::move(prefixes)) {
    namespace fs = std::filesystem;
    m_dir = fs::temp_directory_path() / ("gongwen-http-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    const fs::path src(GONGWEN_SOURCE_DIR);
    std::ifstream profile(src / "templates" / "profile.example.toml");
    std::stringstream text;
    text << profile.rdbuf();
    m_ws = archive::Workspace::init(m_dir, text.str(), src / "templates").take();
    archive::Auth(*m_ws, m_clock).set_password("wangfang", "fuzz-口令-2026", "");
    m_state = std::make_unique<app::serve::State>(*m_ws, m_clock, src / "web", std::chrono::seconds(1800));
    m_state->passwords = std::make_unique<app::serve::RegistryPasswords>(*m_ws, m_clock, m_state->ws_mutex);
    app::serve::GateLimits limits;
    limits.workers = 1;  // answer() runs on the caller's thread; the pool stays idle
    m_server = std::make_unique<app::serve::GatedServer>(limits);
    m_server->set_payload_max_length(app::serve::kMaxUploadBytes + 64 * 1024);
    app::serve::add_all_routes(*m_server, *m_state);
    const std::string body = R"({"user":"wangfang","password":"fuzz-口令-2026"})";
    const std::string reply = m_server->answer("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    m_session = between(reply, "gw_session=", ";");
    m_csrf = between(reply, "\"csrf\":\"", "\"");
    if (m_session.empty() || m_csrf.empty()) std::abort();  // the harness itself is broken
  }
  ~HttpHarness() {
    m_server.reset();
    m_state.reset();
    m_ws.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }

  // Answers `input` as a request to this family (see above); aborts on a malformed answer or a 500.
  void run(std::string input) {
    if (input.empty()) return;
    const std::size_t which = static_cast<unsigned char>(input[0]) % m_prefixes.size();
    input.erase(0, 1);
    replace_all(input, "{{session}}", m_session);
    replace_all(input, "{{csrf}}", m_csrf);
    // "METHOD TARGET VERSION": keep the target under the family's prefix.
    const std::size_t sp = input.find(' ');
    if (sp != std::string::npos && input.compare(sp + 1, m_prefixes[which].size(), m_prefixes[which]) != 0)
      input.insert(sp + 1, m_prefixes[which]);
    const std::string reply = m_server->answer(input);
    if (reply.empty()) return;  // httplib closed without answering (nothing readable)
    if (reply.rfind("HTTP/1.1 ", 0) != 0) std::abort();
    if (reply.rfind("HTTP/1.1 500", 0) == 0) std::abort();
  }

 private:
  static std::string between(const std::string& s, const std::string& a, const std::string& b) {
    const auto i = s.find(a);
    if (i == std::string::npos) return {};
    const auto j = s.find(b, i + a.size());
    return j == std::string::npos ? std::string() : s.substr(i + a.size(), j - i - a.size());
  }
  static void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  }
  std::vector<std::string> m_prefixes;
  std::filesystem::path m_dir;
  FixedClock m_clock{Instant{1795568400, 480}};  // 2026-11-25 09:00 +08:00
  std::unique_ptr<archive::Workspace> m_ws;
  std::unique_ptr<app::serve::State> m_state;
  std::unique_ptr<app::serve::GatedServer> m_server;
  std::string m_session, m_csrf;
};

}  // namespace gongwen::fuzz
