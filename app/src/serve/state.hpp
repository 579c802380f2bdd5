#pragma once
// What every route handler shares: the workspace (behind one mutex: the registry is a
// single SQLite connection and the workflows are not thread-safe), sessions, the login throttle,
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
#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/render.hpp"
#include "serve/password.hpp"
#include "serve/session.hpp"

namespace poppler {
class document;
}

namespace gongwen::app::serve {

inline constexpr std::size_t kMaxUploadBytes = 20 * 1024 * 1024;  // one scanned 公文 PDF
inline constexpr std::size_t kMaxJsonBytes = 1024 * 1024;        // a draft is ≤ 200 000 chars

// A rendered live preview. The PDF is rendered once per distinct draft text; page images
// are rasterised from it only when the page asks for them (the browser loads page N's image
// when it scrolls into view) and kept.
struct Preview {
  std::string owner;  // user id: a preview is visible to its maker only
  std::string key;    // SHA-256 of owner + draft text: the same text is not rendered twice
  std::string pdf;
  int pages = 0;
  std::vector<std::string> warnings;
  std::string title;
  std::mutex raster_mutex;             // one rasteriser per preview at a time (poppler document)
  std::shared_ptr<poppler::document> parsed;  // the PDF parsed once, on the first page asked for
  std::map<int, std::string> png;      // page → PNG (guarded by raster_mutex)
};

// The filing run in progress (one at a time: filing holds the workspace lock). The archive
// page polls it while its POST /api/archive/file is running.
struct FilingProgress {
  std::mutex mutex;
  int year = 0;
  bool running = false;
  std::string phase;  // "staging" (归档章, PDF/A, metadata per 件), "packaging", "indexing", "done"
  int done = 0, total = 0;
};

struct State {
  State(archive::Workspace& w, const Clock& c, std::filesystem::path web, std::chrono::seconds session_idle)
      : ws(w), clock(c), web_dir(std::move(web)), sessions(w.root() / "registry.sqlite3", session_idle),
        throttle(w.root() / "registry.sqlite3") {}
  archive::Workspace& ws;
  const Clock& clock;
  std::unique_ptr<PasswordCheck> passwords;
  std::filesystem::path web_dir;
  std::mutex ws_mutex;
  SessionStore sessions;
  LoginThrottle throttle;
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For names the client (--trusted-proxy)
  std::mutex preview_mutex;
  std::map<std::string, std::shared_ptr<Preview>> previews;  // by random id, newest few kept
  std::map<std::string, std::string> preview_by_key;          // Preview::key → id
  std::vector<std::string> preview_order;
  // A submitted draft's preview PDF for its reviewers and signer, by content hash (guarded by
  // preview_mutex; the newest few kept).
  std::map<std::string, std::shared_ptr<const std::string>> draft_pdfs;
  std::vector<std::string> draft_pdf_order;
  FilingProgress filing;
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

// An /api/ route: `work` runs for an authenticated caller (see authenticate) inside guarded().
using ApiWork = void (*)(State&, const Caller&, const httplib::Request&, httplib::Response&);
httplib::Server::Handler api(State& st, Change change, ApiWork work);

// An uploaded file written under a name the server chooses (in the workspace's incoming/),
// for a workflow that reads a path; removed again when this goes, whatever happened.
class UploadedFile {
 public:
  UploadedFile(State& st, const std::string& bytes, const std::string& extension);
  ~UploadedFile();
  UploadedFile(const UploadedFile&) = delete;
  UploadedFile& operator=(const UploadedFile&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// May `user` see a document of this secrecy (the record's typed 密级: its row mapper read an
// unknown stored name as 绝密)? Cleared users, and the named distribution (drafter, signer),
// may; everyone else must not learn it exists.
bool may_see(const User& user, Secrecy secrecy,
             const std::vector<std::string>& distribution = {});

// The draft form (JSON from the 拟稿 page) → its TOML text and the checked Draft, or the
// Error naming the field. Pictures resolve in the user's picture folder (serve/pictures.hpp);
// a picture line naming anything but a picture stored there throws (BadInput: HTTP 400).
Result<Draft> read_form(State& st, const nlohmann::json& form, const std::string& user, std::string& toml);
// The same, keeping every diagnostic (errors and the clerk's warnings, placed in the form's
// inputs: serve/draft_form.hpp) in `found`; the Draft when nothing refuses it.
std::optional<Draft> read_form(State& st, const nlohmann::json& form, const std::string& user, std::string& toml,
                               Diagnostics& found);

// A draft laid out as its preview: the PDF writer on the same layout as issuing, the 文号
// left open (代字〔year〕　号) until it is issued.
RenderedFile render_preview_pdf(State& st, Draft d);

// Registers each group of routes.
void add_session_routes(httplib::Server& srv, State& st);
void add_document_routes(httplib::Server& srv, State& st);
void add_draft_routes(httplib::Server& srv, State& st);
void add_preview_routes(httplib::Server& srv, State& st);
void add_search_routes(httplib::Server& srv, State& st);
void add_archive_routes(httplib::Server& srv, State& st);  // plan, file, catalogue, correct
void add_receive_routes(httplib::Server& srv, State& st);  // 收文登记, 传阅, 阅毕
void add_lending_routes(httplib::Server& srv, State& st);
void add_request_routes(httplib::Server& srv, State& st);  // GET /api/requests: 请示 and 批复
void add_import_routes(httplib::Server& srv, State& st);  // also POST /api/pictures
void add_static_routes(httplib::Server& srv, State& st);
void add_security_headers(httplib::Server& srv);
// Every route above, the security headers and the 500 for an escaped exception (server.cpp).
void add_all_routes(httplib::Server& srv, State& st);

}  // namespace gongwen::app::serve
