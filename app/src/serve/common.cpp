// Request plumbing shared by all routes: authentication, CSRF, JSON replies and errors.
#include <iostream>

#include "gongwen/pipeline/model.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "diagnostics_out.hpp"
#include "gongwen/services/access.hpp"
#include "serve/state.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace {

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const auto first = part.find_first_not_of(' ');
    part = first == std::string::npos ? "" : part.substr(first);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

int status_of(Code c) {
  switch (c) {
    case Code::Usage:
    case Code::BadInput: return 400;
    case Code::NotFound: return 404;
    case Code::Forbidden: return 403;
    case Code::Conflict: return 409;
    case Code::Io:
    case Code::Internal: return 500;
  }
  return 500;
}

}  // namespace

std::optional<Caller> authenticate(State& st, const httplib::Request& req, httplib::Response& res,
                                   Change change) {
  auto s = st.sessions.find(cookie_value(req, "gw_session"));
  if (!s) {
    reply_error(res, 401, msg("web.login.first"));
    return std::nullopt;
  }
  if (change == Change::Write && !equal_secret(req.get_header_value("X-CSRF-Token"), s->csrf)) {
    reply_error(res, 403, msg("web.csrf"));
    return std::nullopt;
  }
  const User* u = st.ws.profile().user(s->user);
  if (!u) {
    reply_error(res, 401, msg("web.user.gone"));
    return std::nullopt;
  }
  return Caller{*s, u};
}

void reply_json(httplib::Response& res, int status, const nlohmann::json& j) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void reply_error(httplib::Response& res, const Error& e) {
  nlohmann::json j = {{"ok", false},
                      {"error", {{"code", code_name(e.code)}, {"message", e.message}, {"hints", e.hints}}}};
  if (!e.field.empty()) j["error"]["field"] = e.field;
  if (e.at) j["error"]["at"] = {{"line", e.at->line}, {"column", e.at->column}};
  if (!e.diagnostics.empty()) j["diagnostics"] = diagnostics_json(e.diagnostics);  // every problem of a draft
  reply_json(res, status_of(e.code), j);
}

void reply_error(httplib::Response& res, int status, const std::string& message) {
  reply_json(res, status, {{"ok", false}, {"error", {{"message", message}}}});
}

void guarded(httplib::Response& res, const std::function<void()>& work) {
  try {
    work();
  } catch (const Failure& f) {
    reply_error(res, f.error());
  } catch (const nlohmann::json::type_error&) {
    // A JSON field of the wrong type ({"user": 123}): the request is wrong, not the server.
    reply_error(res, 400, msg("web.json.type"));
  } catch (const std::exception& e) {
    // The message may name server paths: log it, tell the browser only that it failed.
    std::cerr << "gongwen serve: internal error: " << e.what() << "\n";
    reply_error(res, 500, msg("web.internal"));
  }
}

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
  if (req.body.size() > kMaxJsonBytes) {
    reply_error(res, 413, msg("web.body.too_large"));
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    reply_error(res, 400, msg("web.body.not_object"));
    return std::nullopt;
  }
  return j;
}

httplib::Server::Handler api(State& st, Change change, ApiWork work) {
  return [&st, change, work](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, change);
    if (!c) return;
    guarded(res, [&] { work(st, *c, req, res); });
  };
}

UploadedFile::UploadedFile(State& st, const std::string& bytes, const std::string& extension) {
  const std::filesystem::path dir = st.ws.root() / "incoming";
  std::filesystem::create_directories(dir);
  m_path = dir / (".upload-" + random_token().substr(0, 24) + "." + extension);
  archive::write_file_atomic(m_path, bytes);
}

UploadedFile::~UploadedFile() {
  std::error_code ec;
  std::filesystem::remove(m_path, ec);
}

bool may_see(const User& user, Secrecy secrecy, const std::vector<std::string>& distribution) {
  return services::may_see(user, secrecy, distribution);  // the rule lives in the service
}

}  // namespace gongwen::app::serve
