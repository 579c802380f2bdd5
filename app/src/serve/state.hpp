#pragma once
// What every route handler shares: the workspace (behind one mutex: the registry is a
// single SQLite connection and Office is not thread-safe), sessions, the login throttle,
// the password check, cached previews, and the helpers that turn a request into a checked
// caller and a Failure into a JSON error.
#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <functional>
#include <string>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "serve/password.hpp"
#include "serve/session.hpp"

namespace gongwen::app::serve {

inline constexpr std::size_t kMaxUploadBytes = 20 * 1024 * 1024;  // one scanned 公文 PDF
inline constexpr std::size_t kMaxJsonBytes = 1024 * 1024;        // a draft is ≤ 200 000 chars

struct Preview {
  std::string owner;  // user id: a preview is visible to its maker only
  std::string pdf;
  int pages = 0;
  std::map<int, std::string> png;  // page → PNG, rendered on first request
};

struct State {
  State(archive::Workspace& w, const Clock& c, std::filesystem::path web)
      : ws(w), clock(c), web_dir(std::move(web)) {}
  archive::Workspace& ws;
  const Clock& clock;
  std::unique_ptr<PasswordCheck> passwords;
  std::filesystem::path web_dir;
  std::mutex ws_mutex;
  SessionStore sessions;
  LoginThrottle throttle;
  std::mutex preview_mutex;
  std::map<std::string, Preview> previews;  // by random id, newest few kept
  std::vector<std::string> preview_order;
};

// The logged-in user of a request.
struct Caller {
  Session session;
  const User* user = nullptr;
};

enum class Change { Read, Write };

// The caller of an /api/ request: 401 without a live session; for Change::Write also 403
// unless the X-CSRF-Token header matches the session's token. Replies itself on refusal.
std::optional<Caller> authenticate(State& st, const httplib::Request& req, httplib::Response& res,
                                   Change change);

void reply_json(httplib::Response& res, int status, const nlohmann::json& j);
void reply_error(httplib::Response& res, const Error& e);
void reply_error(httplib::Response& res, int status, const std::string& message);
// Runs a handler, turning Failure and other exceptions into JSON errors.
void guarded(httplib::Response& res, const std::function<void()>& work);
// Parses a JSON body (size-limited); replies 400 and returns nothing when it is not JSON.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res);

// May `user` see a document of this secrecy? Cleared users, and the named distribution
// (drafter, signer), may; everyone else must not learn it exists.
bool may_see(const User& user, const std::string& secrecy,
             const std::vector<std::string>& distribution = {});

// Registers each group of routes.
void add_session_routes(httplib::Server& srv, State& st);
void add_document_routes(httplib::Server& srv, State& st);
void add_draft_routes(httplib::Server& srv, State& st);
void add_search_routes(httplib::Server& srv, State& st);
void add_archive_routes(httplib::Server& srv, State& st);
void add_lending_routes(httplib::Server& srv, State& st);
void add_import_routes(httplib::Server& srv, State& st);
void add_static_routes(httplib::Server& srv, State& st);
void add_security_headers(httplib::Server& srv);

}  // namespace gongwen::app::serve
