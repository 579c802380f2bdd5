#include "context.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "gongwen/archive/auth.hpp"
#include "gongwen/services/access.hpp"
#include "gongwen/services/clock_policy.hpp"
#include "gongwen/services/indexing.hpp"
#include "gongwen/services/office.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "tokens.hpp"

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
        fail(Code::Usage, msg("cli.clock.invalid", {{"value", fixed}}), {msg("cli.clock.invalid.hint")});
      // Backdating is for demo and test workspaces only: a setting fixed when it was made.
      if (!fixed_clock_permitted) services::require_fixed_clock_allowed(workspace(), fixed);
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
      fail(Code::NotFound, msg("cli.workspace.none"), {msg("workspace.none.hint.init"), msg("workspace.none.hint.option")});
    dir = *found;
  }
  m_ws = archive::Workspace::open(dir).take();
  // An issue killed between its register commit and moving its files into documents/ left
  // them in .issuing/: whoever opens the workspace next moves them (and deletes the files of
  // an issue that never committed). Like the index below, a failure is reported and does not
  // stop this command; the next opening tries again.
  try {
    services::finish_staged_issues(*m_ws);
  } catch (const Failure& f) {
    std::cerr << f.error().message << "\n";
  }
  // Indexing work left by a process that died between its register commit and the index
  // (issue 13 #12): whoever opens the workspace next does it. A failure leaves the work
  // queued for the next run and does not stop this command.
  try {
    services::catch_up_index(*m_ws);
  } catch (const Failure& f) {
    std::cerr << msg("index.catch_up.failed", {{"count", std::to_string(m_ws->registry().indexing_backlog().size())},
                                               {"reason", f.error().message}})
              << "\n";
  }
  return *m_ws;
}

std::string Context::named_user() const {
  if (!user_opt.empty()) return user_opt;
  if (const char* env = std::getenv("GONGWEN_USER")) return env;
  return "";
}

std::string Context::password(const std::string& prompt) const {
  if (!password_file_opt.empty()) {
    std::string text = archive::read_file(password_file_opt);
    const auto nl = text.find_first_of("\r\n");
    return nl == std::string::npos ? text : text.substr(0, nl);
  }
  if (const char* env = std::getenv("GONGWEN_PASSWORD")) return env;
  if (!::isatty(STDIN_FILENO)) return "";
  // Typed at a terminal without echo.
  std::cerr << prompt << std::flush;
  termios old{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return line;
}

fs::path Context::token_file() { return token_file_for(workspace().root()); }

std::string Context::user(const char* purpose) {
  const std::string named = named_user();
  auto& ws = workspace();
  archive::Auth auth(ws, clock());
  const SystemClock real;  // sessions expire in real time, whatever --clock says
  archive::Auth session(ws, real);
  auto tokens = read_tokens(token_file());
  if (named.empty()) {
    std::string only;
    int valid = 0;
    for (const auto& [u, t] : tokens)
      if (session.user_for_token(t) == u) only = u, ++valid;
    if (valid == 1) return only;
    fail(Code::Usage, msg("cli.user.who", {{"purpose", purpose}}), {msg("auth.users.hint"), msg("cli.user.who.hint")});
  }
  if (!ws.profile().user(named)) {
    ws.registry().transaction(
        [&] { ws.registry().audit(clock().now().iso8601(), named, "refused", named, "unknown user"); });
    std::string ids;
    for (const auto& x : ws.profile().users) ids += (ids.empty() ? "" : ", ") + x.id;
    fail(Code::NotFound, msg("workflow.user.unknown", {{"id", named}}), {msg("workflow.user.list", {{"ids", ids}})});
  }
  if (auto it = tokens.find(named); it != tokens.end() && session.user_for_token(it->second) == named)
    return named;
  const std::string pw = password(msg("cli.password.of", {{"user", named}}));
  if (pw.empty()) {
    ws.registry().transaction(
        [&] { ws.registry().audit(clock().now().iso8601(), named, "refused", named, "no password given"); });
    fail(Code::Forbidden, msg("cli.login.none", {{"id", named}}),
         {msg("cli.login.none.hint", {{"id", named}}), msg("cli.login.scripts.hint")});
  }
  auth.check_password(named, pw);
  return named;
}

User Context::reader() {
  std::string id;
  if (named_user().empty()) {
    try {
      id = user("reads the registers");
    } catch (const Failure&) {
      return services::uncleared_reader();
    }
  } else {
    id = user("reads the registers");
  }
  return *workspace().profile().user(id);
}

void Context::emit(const nlohmann::json& j, const std::string& text) const {
  if (json) std::cout << j.dump(2) << "\n";
  else std::cout << text;
}

}  // namespace gongwen::app
