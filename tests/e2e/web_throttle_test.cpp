// The login throttle delays, it does not lock out (issue 13 #10): five wrong passwords used to
// lock the real user out for 15 minutes, and behind nginx twenty failures locked out the
// whole office. Failures count per user and source with growing delays; the source is the
// client nginx names in X-Forwarded-For only when nginx is a configured trusted proxy; the
// counts survive a restart of the server.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

// POST /api/login as `user` with `password`, as if from `client` (X-Forwarded-For; "" for none).
httplib::Result login_from(int port, const std::string& client, const std::string& user, const std::string& password) {
  httplib::Client c("127.0.0.1", port);
  httplib::Headers h;
  if (!client.empty()) h.emplace("X-Forwarded-For", client);
  return c.Post("/api/login", h, nlohmann::json{{"user", user}, {"password", password}}.dump(), "application/json");
}

int retry_after(const httplib::Result& r) { return r && r->has_header("Retry-After") ? std::stoi(r->get_header_value("Retry-After")) : 0; }

TEST(WebThrottle, AGuesserElsewhereNeverDelaysTheUserAtTheirDeskAndDelaysGrow) {
  WebServer srv("throttle-proxy", ServeSetup{"--trusted-proxy 127.0.0.1"});
  const std::string guesser = "10.0.0.66", desk = "10.0.0.7";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(login_from(srv.port(), guesser, "wangfang", "guess")->status, 401);
  // The fourth failure in a row starts the delays: 1 s, then 2 s after the fifth.
  EXPECT_EQ(login_from(srv.port(), guesser, "wangfang", "guess")->status, 401);
  auto r = login_from(srv.port(), guesser, "wangfang", kTestPassword);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(retry_after(r), 1);
  // Meanwhile the real user logs in from their own desk at once.
  EXPECT_EQ(login_from(srv.port(), desk, "wangfang", kTestPassword)->status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(login_from(srv.port(), guesser, "wangfang", "guess")->status, 401);
  r = login_from(srv.port(), guesser, "wangfang", "guess");
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(retry_after(r), 2);
  EXPECT_NE(r->body.find("秒后再试"), std::string::npos) << r->body;
  // The counts are in the registry: after a restart the next failure (the sixth) waits 4 s,
  // where a fresh count would not wait at all.
  srv.restart();
  for (int i = 0; i < 20 && (r = login_from(srv.port(), guesser, "wangfang", "guess"))->status == 429; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_EQ(r->status, 401) << r->body;
  r = login_from(srv.port(), guesser, "wangfang", kTestPassword);
  EXPECT_EQ(r->status, 429) << r->body;
  EXPECT_EQ(retry_after(r), 4);
  EXPECT_EQ(login_from(srv.port(), desk, "wangfang", kTestPassword)->status, 200);
}

TEST(WebThrottle, ForwardedForFromAnUntrustedPeerIsIgnored) {
  WebServer srv("throttle-no-proxy");  // no --trusted-proxy: the peer address counts
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(login_from(srv.port(), "10.0.0." + std::to_string(100 + i), "zhaoli", "guess")->status, 401);
  // Four failures from 127.0.0.1 whatever the header claimed: the next waits.
  const auto r = login_from(srv.port(), "10.0.0.200", "zhaoli", kTestPassword);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429) << r->body;
}

}  // namespace
}  // namespace gongwen::e2e
