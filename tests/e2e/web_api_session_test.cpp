// Web sessions live in the workspace's SQLite file: they survive a restart of `gongwen
// serve`, logout and expiry end them for good, and the database holds only the token's hash.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

struct Login {
  std::string cookie, csrf;
};

Login login(int port, const std::string& user) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/login", json{{"user", user}, {"password", kTestPassword}}.dump(), "application/json");
  if (!r || r->status != 200) throw std::runtime_error("login failed");
  return {r->get_header_value("Set-Cookie").substr(11, 64), json::parse(r->body)["csrf"]};
}

// GET /api/me with the session cookie: the status and the body.
std::pair<int, json> me(int port, const Login& l) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get("/api/me", {{"Cookie", "gw_session=" + l.cookie}});
  if (!r) return {0, json()};
  return {r->status, json::parse(r->body, nullptr, false)};
}

int post(int port, const Login& l, const std::string& path, const json& body) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(60, 0);
  auto r = c.Post(path, {{"Cookie", "gw_session=" + l.cookie}, {"X-CSRF-Token", l.csrf}}, body.dump(),
                  "application/json");
  return r ? r->status : 0;
}

const json kForm = {{"template", "notice"}, {"organ", "government"}, {"title", "关于做好冬季防火工作的通知"},
                    {"to", "各村民委员会"}, {"date", "2026-11-18"}, {"body", "各村要落实防火责任。"}};

TEST(WebSession, SurvivesARestartOfTheServer) {
  WebServer srv("web-session-restart");
  const Login l = login(srv.port(), "wangfang");
  ASSERT_EQ(me(srv.port(), l).first, 200);
  srv.restart();
  const auto [status, body] = me(srv.port(), l);
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["user"]["id"], "wangfang");
  EXPECT_EQ(body["csrf"], l.csrf);  // the pages keep working with the token they hold
  EXPECT_EQ(post(srv.port(), l, "/api/preview", kForm), 200);
  // A state change still needs that token after the restart.
  EXPECT_EQ(post(srv.port(), Login{l.cookie, std::string(64, '0')}, "/api/preview", kForm), 403);
}

TEST(WebSession, TheDatabaseHoldsOnlyTheTokensHash) {
  WebServer srv("web-session-hash");
  const Login l = login(srv.port(), "wangfang");
  std::string db;
  for (const char* f : {"registry.sqlite3", "registry.sqlite3-wal"})
    if (std::filesystem::exists(srv.dir() / f)) db += slurp(srv.dir() / f);
  ASSERT_NE(db.find("web_sessions"), std::string::npos);  // the table is in the registry file
  EXPECT_NE(db.find(l.csrf), std::string::npos);          // the row was written there
  EXPECT_EQ(db.find(l.cookie), std::string::npos);        // but not the cookie's token
}

TEST(WebSession, LogoutEndsTheSessionAlsoAfterARestart) {
  WebServer srv("web-session-logout");
  const Login l = login(srv.port(), "wangfang");
  const Login other = login(srv.port(), "zhaoli");
  EXPECT_EQ(post(srv.port(), l, "/api/logout", json::object()), 200);
  EXPECT_EQ(me(srv.port(), l).first, 401);
  srv.restart();
  EXPECT_EQ(me(srv.port(), l).first, 401);
  EXPECT_EQ(me(srv.port(), other).first, 200);  // logging one user out leaves the others
}

TEST(WebSession, AnExpiredSessionIsRefused) {
  WebServer srv("web-session-expiry", ServeSetup{"--session-idle 2"});
  const Login l = login(srv.port(), "wangfang");
  ASSERT_EQ(me(srv.port(), l).first, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  EXPECT_EQ(me(srv.port(), l).first, 401);
  srv.restart();
  EXPECT_EQ(me(srv.port(), l).first, 401);
  // A fresh login works again.
  EXPECT_EQ(me(srv.port(), login(srv.port(), "wangfang")).first, 200);
}

TEST(WebSession, APasswordChangeEndsEverySessionOfThatUser) {
  WebServer srv("web-session-passwd");
  const Login l = login(srv.port(), "wangfang");
  const Login other = login(srv.port(), "zhaoli");
  ASSERT_EQ(me(srv.port(), l).first, 200);
  // wangfang changes her own password on the command line (as after a suspected leak).
  const std::string pw_file = srv.dir().string() + ".new-password";
  std::ofstream(pw_file) << "neues-口令-2026\n";
  const auto r = run(GONGWEN_BINARY, {"-w", srv.dir().string(), "--as", "wangfang", "user", "passwd",
                                      "--new-password-file", pw_file},
                     std::string("GONGWEN_PASSWORD=") + quote(kTestPassword));
  std::filesystem::remove(pw_file);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(me(srv.port(), l).first, 401);      // the session of the old password is gone
  EXPECT_EQ(me(srv.port(), other).first, 200);  // nobody else is logged out
}

}  // namespace
}  // namespace gongwen::e2e
