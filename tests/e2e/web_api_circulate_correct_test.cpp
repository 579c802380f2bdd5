// The two actions the command line had and the web desk lacked (issue 12): circulating a 来文
// (传阅, `gongwen receive circulate`) and correcting a filed 件 (更正, `gongwen archive correct`),
// over HTTP through the same workflows: the reader finds it in 我的待办, a secret 来文 stays
// invisible to the uncleared, a correction is a new version, and refusals change nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

std::string an_issued_pdf(const WebServer& srv, const char* year) {
  for (const auto& e : std::filesystem::directory_iterator(srv.dir() / "documents" / year))
    if (e.path().extension() == ".pdf" && e.path().string().find("发文稿纸") == std::string::npos) return slurp(e.path());
  return {};
}

json post_json(int port, const Session& s, const std::string& path, const json& body, int& status) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(120, 0);
  auto r = c.Post(path.c_str(), s.headers(), body.dump(), "application/json");
  status = r ? r->status : 0;
  return r ? json::parse(r->body, nullptr, false) : json();
}

json get_json(int port, const Session& s, const std::string& path, int& status) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get(path.c_str(), s.headers());
  status = r ? r->status : 0;
  return r ? json::parse(r->body, nullptr, false) : json();
}

std::int64_t receive(const WebServer& srv, const Session& keeper, const std::string& secrecy) {
  httplib::Client c("127.0.0.1", srv.port());
  httplib::MultipartFormDataItems items = {{"file", an_issued_pdf(srv, "2026"), "来文.pdf", "application/pdf"},
                                           {"sender", "县人民政府办公室", "", ""},
                                           {"their_number", "县政办发〔2026〕9号", "", ""},
                                           {"title", "关于开展冬季候鸟保护巡查的通知", "", ""},
                                           {"kind", "通知", "", ""},
                                           {"date", "2026-11-10", "", ""},
                                           {"secrecy", secrecy, "", ""}};
  // A secret 来文 is registered with the numbers of its copies.
  if (!secrecy.empty()) items.push_back({"copy_numbers", "000003", "", ""});
  auto r = c.Post("/api/receive", keeper.headers(), items);
  if (!r || r->status != 201) throw std::runtime_error("receive failed: " + (r ? r->body : std::string()));
  return json::parse(r->body)["id"];
}

TEST(WebCirculate, ReaderFindsItInTheirListAndMarksItRead) {
  WebServer srv("web-circulate", ServeSetup{"", "2026-11-20T09:00:00+08:00", true});
  const Session keeper = login(srv.port(), "sunxiuying");
  const std::int64_t id = receive(srv, keeper, "");
  const std::string base = "/api/receive/" + std::to_string(id);
  int status = 0;

  const json sent = post_json(srv.port(), keeper, base + "/circulate", {{"to", "zhaoli"}, {"days", 5}}, status);
  ASSERT_EQ(status, 200) << sent.dump();
  EXPECT_EQ(sent["to_name"], "赵丽");
  EXPECT_EQ(sent["registration"], "收〔2026〕1号");

  const Session reader = login(srv.port(), "zhaoli");
  json mine = get_json(srv.port(), reader, "/api/receive/mine", status);
  ASSERT_EQ(status, 200);
  ASSERT_EQ(mine["circulation"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["circulation"][0]["id"], id);
  EXPECT_EQ(mine["circulation"][0]["due"], "2026-11-25");

  const json record = get_json(srv.port(), keeper, base + "/circulation", status);
  ASSERT_EQ(status, 200);
  ASSERT_EQ(record["circulation"].size(), 1u);
  EXPECT_EQ(record["circulation"][0]["name"], "赵丽");
  EXPECT_EQ(record["circulation"][0]["read_at"], "");

  post_json(srv.port(), reader, base + "/read", json::object(), status);
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(get_json(srv.port(), reader, "/api/receive/mine", status)["circulation"].empty());
  EXPECT_NE(get_json(srv.port(), keeper, base + "/circulation", status)["circulation"][0]["read_at"], "");
}

TEST(WebCirculate, RefusalsChangeNothing) {
  WebServer srv("web-circulate-refusals", ServeSetup{"", "2026-11-20T09:00:00+08:00", true});
  const Session keeper = login(srv.port(), "sunxiuying");
  const std::int64_t open = receive(srv, keeper, "");
  const std::int64_t secret = receive(srv, keeper, "秘密");
  int status = 0;
  auto circulation_of = [&](std::int64_t id) {
    return get_json(srv.port(), keeper, "/api/receive/" + std::to_string(id) + "/circulation", status)["circulation"].size();
  };

  // Not cleared for 秘密: refused by the workflow, with its reason.
  json r = post_json(srv.port(), keeper, "/api/receive/" + std::to_string(secret) + "/circulate", {{"to", "wangfang"}}, status);
  EXPECT_EQ(status, 403) << r.dump();
  EXPECT_EQ(circulation_of(secret), 0u);
  // Unknown reader, no reader, a silly number of days.
  post_json(srv.port(), keeper, "/api/receive/" + std::to_string(open) + "/circulate", {{"to", "nobody"}}, status);
  EXPECT_EQ(status, 404);
  post_json(srv.port(), keeper, "/api/receive/" + std::to_string(open) + "/circulate", json::object(), status);
  EXPECT_EQ(status, 400);
  post_json(srv.port(), keeper, "/api/receive/" + std::to_string(open) + "/circulate", {{"to", "zhaoli"}, {"days", 0}}, status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(circulation_of(open), 0u);
  // A clerk who may not see the secret 来文 cannot learn that it exists.
  const Session clerk = login(srv.port(), "wangfang");
  r = post_json(srv.port(), clerk, "/api/receive/" + std::to_string(secret) + "/circulate", {{"to", "zhaoli"}}, status);
  EXPECT_EQ(status, 404) << r.dump();
  get_json(srv.port(), clerk, "/api/receive/" + std::to_string(secret) + "/circulation", status);
  EXPECT_EQ(status, 404);
  // A clerk without a 收文 role may not circulate an open one either.
  post_json(srv.port(), clerk, "/api/receive/" + std::to_string(open) + "/circulate", {{"to", "zhaoli"}}, status);
  EXPECT_EQ(status, 403);
  EXPECT_EQ(circulation_of(open), 0u);
  // Without the CSRF token, nothing happens.
  httplib::Client c("127.0.0.1", srv.port());
  auto bare = c.Post(("/api/receive/" + std::to_string(open) + "/circulate").c_str(),
                     {{"Cookie", "gw_session=" + keeper.cookie}}, json{{"to", "zhaoli"}}.dump(), "application/json");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 403);
  EXPECT_EQ(circulation_of(open), 0u);
}

// The demo filed 2025; the archivist corrects one of its 件 from the web.
TEST(WebCorrect, MetadataAndFileCorrectionsAreNewVersions) {
  WebServer srv("web-correct", ServeSetup{"", "2026-11-20T09:00:00+08:00", true});
  const Session archivist = login(srv.port(), "zhouhong");
  int status = 0;
  const json cat = get_json(srv.port(), archivist, "/api/archive/catalogue?year=2025", status);
  ASSERT_EQ(status, 200);
  ASSERT_FALSE(cat["items"].empty());
  const std::string item = cat["items"][0]["archive_code"];

  json r = post_json(srv.port(), archivist, "/api/archive/correct",
                     {{"year", 2025}, {"item", item}, {"reason", "题名有错字"}, {"fields", {{"题名", "关于更正后的题名的通知"}}}},
                     status);
  ASSERT_EQ(status, 200) << r.dump();
  EXPECT_EQ(r["archive_code"], item);
  EXPECT_EQ(r["version"], 2);
  EXPECT_NE(r["changes"].get<std::string>().find("关于更正后的题名的通知"), std::string::npos) << r.dump();
  EXPECT_EQ(r["next"]["step"], "verify");

  // The form's way: multipart, with a corrected file.
  httplib::Client c("127.0.0.1", srv.port());
  c.set_read_timeout(120, 0);
  httplib::MultipartFormDataItems items = {{"file", an_issued_pdf(srv, "2025"), "更正.pdf", "application/pdf"},
                                           {"year", "2025", "", ""},
                                           {"item", item, "", ""},
                                           {"reason", "换成清晰的扫描件", "", ""}};
  auto m = c.Post("/api/archive/correct", archivist.headers(), items);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->status, 200) << m->body;
  EXPECT_EQ(json::parse(m->body)["version"], 3);
  // No upload is left behind in the workspace.
  for (const auto& e : std::filesystem::directory_iterator(srv.dir() / "incoming"))
    ADD_FAILURE() << "left behind: " << e.path();

  // The 四性检测 of the year still passes with both versions.
  const json v = get_json(srv.port(), archivist, "/api/archive/verify?year=2025", status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(v["ok"], true) << v.dump();
}

TEST(WebCorrect, RefusalsChangeNothing) {
  WebServer srv("web-correct-refusals", ServeSetup{"", "2026-11-20T09:00:00+08:00", true});
  const Session archivist = login(srv.port(), "zhouhong");
  int status = 0;
  const std::string item = get_json(srv.port(), archivist, "/api/archive/catalogue?year=2025", status)["items"][0]["archive_code"];
  const json change = {{"year", 2025}, {"item", item}, {"reason", "题名有错字"}, {"fields", {{"题名", "新题名"}}}};

  const Session clerk = login(srv.port(), "wangfang");
  post_json(srv.port(), clerk, "/api/archive/correct", change, status);
  EXPECT_EQ(status, 403);
  json no_reason = change;
  no_reason["reason"] = "";
  post_json(srv.port(), archivist, "/api/archive/correct", no_reason, status);
  EXPECT_EQ(status, 400);
  json unknown_field = change;
  unknown_field["fields"] = {{"保管期限", "永久"}};
  post_json(srv.port(), archivist, "/api/archive/correct", unknown_field, status);
  EXPECT_EQ(status, 400);
  json not_filed = change;
  not_filed["year"] = 2026;
  post_json(srv.port(), archivist, "/api/archive/correct", not_filed, status);
  EXPECT_EQ(status, 404);
  json wrong_type = change;
  wrong_type["fields"] = {{"题名", 5}};
  post_json(srv.port(), archivist, "/api/archive/correct", wrong_type, status);
  EXPECT_EQ(status, 400);

  // After all that, the first real correction is still version 2.
  const json r = post_json(srv.port(), archivist, "/api/archive/correct", change, status);
  ASSERT_EQ(status, 200) << r.dump();
  EXPECT_EQ(r["version"], 2);
}

}  // namespace
}  // namespace gongwen::e2e
