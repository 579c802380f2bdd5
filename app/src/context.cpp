#include "context.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace gongwen::app {

namespace fs = std::filesystem;

const Clock& Context::clock() {
  if (!m_clock) {
    std::string fixed = clock_opt;
    if (fixed.empty())
      if (const char* env = std::getenv("GONGWEN_CLOCK")) fixed = env;
    if (fixed.empty()) {
      m_clock = std::make_unique<SystemClock>();
    } else {
      auto at = parse_instant(fixed);
      if (!at)
        fail(Code::Usage, "--clock '" + fixed + "' is not a time",
             {"write it like 2026-11-20T09:00:00+08:00"});
      m_clock = std::make_unique<FixedClock>(*at);
    }
  }
  return *m_clock;
}

fs::path Context::data_dir() const {
  if (const char* env = std::getenv("GONGWEN_DATA_DIR")) return env;
  // An installed program keeps its data beside it: <prefix>/bin/gongwen → <prefix>/share/gongwen.
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path share = exe.parent_path().parent_path() / "share" / "gongwen";
    if (fs::exists(share / "templates", ec)) return share;
  }
  return GONGWEN_SOURCE_DIR;
}

archive::Workspace& Context::workspace() {
  if (m_ws) return *m_ws;
  fs::path dir;
  if (!workspace_opt.empty()) {
    dir = workspace_opt;
  } else if (const char* env = std::getenv("GONGWEN_WORKSPACE")) {
    dir = env;
  } else {
    auto found = archive::Workspace::find(fs::current_path());
    if (!found)
      fail(Code::NotFound, "no gongwen workspace here or in any parent folder",
           {"create one with: gongwen init DIR", "or pass --workspace DIR"});
    dir = *found;
  }
  m_ws = archive::Workspace::open(dir).take();
  return *m_ws;
}

std::string Context::user(const char* purpose) {
  std::string u = user_opt;
  if (u.empty())
    if (const char* env = std::getenv("GONGWEN_USER")) u = env;
  if (u.empty())
    fail(Code::Usage, std::string("say who ") + purpose + ": --as USER",
         {"users are listed in gongwen.toml under [[users]]"});
  return u;
}

void Context::emit(const nlohmann::json& j, const std::string& text) const {
  if (json) std::cout << j.dump(2) << "\n";
  else std::cout << text;
}

}  // namespace gongwen::app
