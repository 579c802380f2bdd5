#pragma once
// A logged-in web desk session for the API tests: the session cookie and its CSRF token.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "web_server.hpp"

namespace gongwen::e2e {

struct Session {
  std::string cookie, csrf;
  httplib::Headers headers() const { return {{"Cookie", "gw_session=" + cookie}, {"X-CSRF-Token", csrf}}; }
};

// POST /api/login as `user` (the demo's password unless another is given).
inline Session login(int port, const std::string& user, const std::string& password = kDemoPassword) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/login", nlohmann::json{{"user", user}, {"password", password}}.dump(), "application/json");
  if (!r || r->status != 200) throw std::runtime_error("login failed: " + (r ? r->body : std::string("no reply")));
  return {r->get_header_value("Set-Cookie").substr(11, 64), nlohmann::json::parse(r->body)["csrf"]};
}

}  // namespace gongwen::e2e
