// 档案 through the web: the archivist files a year while the page polls the filing's
// progress, which counts the 件 one by one and ends at the number filed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

TEST(WebFiling, ProgressCountsEachItemWhileTheYearIsFiled) {
  // The demo's 2026 documents, filed "in January 2027".
  WebServer srv("web-filing", ServeSetup{"", "2027-01-15T09:00:00+08:00", true});
  const Session archivist = login(srv.port(), "zhouhong");

  httplib::Client poller("127.0.0.1", srv.port());
  auto progress = [&] {
    auto r = poller.Get("/api/archive/file/progress?year=2026", archivist.headers());
    return r && r->status == 200 ? json::parse(r->body) : json();
  };
  EXPECT_EQ(progress()["running"], false);  // nothing started yet
  EXPECT_EQ(progress()["total"], 0);

  std::atomic<bool> finished{false};
  json filed;
  std::thread filer([&] {
    httplib::Client c("127.0.0.1", srv.port());
    c.set_read_timeout(300, 0);
    auto r = c.Post("/api/archive/file", archivist.headers(), json{{"year", 2026}}.dump(), "application/json");
    if (r) filed = json::parse(r->body, nullptr, false);
    finished = true;
  });
  std::vector<json> seen;
  while (!finished) {
    const json p = progress();
    if (p.is_object() && p["running"] == true) seen.push_back(p);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  filer.join();
  ASSERT_EQ(filed["ok"], true) << filed.dump();
  const int count = filed["count"];
  EXPECT_GT(count, 0);

  // While running: staging counts up to the number of 件, never past it, never backwards.
  ASSERT_FALSE(seen.empty()) << "no progress seen while filing";
  int last_done = -1;
  bool saw_item = false;
  for (const auto& p : seen) {
    EXPECT_LE(p["done"].get<int>(), p["total"].get<int>()) << p.dump();
    if (p["phase"] == "staging") {
      EXPECT_GE(p["done"].get<int>(), last_done) << p.dump();
      last_done = p["done"];
      if (p["total"].get<int>() > 0) {
        EXPECT_EQ(p["total"].get<int>(), count) << p.dump();
        saw_item = true;
      }
    }
  }
  EXPECT_TRUE(saw_item || seen.back()["phase"] == "indexing") << seen.back().dump();

  const json end = progress();
  EXPECT_EQ(end["running"], false);
  EXPECT_EQ(end["phase"], "done");
  EXPECT_EQ(end["done"], count);
  EXPECT_EQ(end["total"], count);

  // Only the archivist follows a filing.
  const Session clerk = login(srv.port(), "wangfang");
  auto r = poller.Get("/api/archive/file/progress?year=2026", clerk.headers());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

}  // namespace
}  // namespace gongwen::e2e
