// One secrecy table on the web desk: a 非密 document registered through the API is visible to a
// user with no clearance (the desk once read 非密 as 绝密), an unknown 密级 is refused at input,
// and a registry written by a newer gongwen is refused with a clear message.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

struct Desk {
  httplib::Client http;
  std::string cookie, csrf;
  explicit Desk(int port) : http("127.0.0.1", port) { http.set_read_timeout(60, 0); }
  httplib::Headers headers() const {
    return {{"Cookie", "gw_session=" + cookie}, {"X-CSRF-Token", csrf}};
  }
  bool login(const std::string& user) {
    auto r = http.Post("/api/login", json{{"user", user}, {"password", kTestPassword}}.dump(), "application/json");
    if (!r || r->status != 200) return false;
    cookie = r->get_header_value("Set-Cookie").substr(11, 64);
    csrf = json::parse(r->body)["csrf"];
    return true;
  }
  httplib::Result receive(const std::string& title, const std::string& secrecy) {
    const std::string pdf = empty_pdf();
    httplib::MultipartFormDataItems items = {{"file", pdf, "来文.pdf", "application/pdf"},
                                             {"sender", "县人民政府办公室", "", ""},
                                             {"their_number", "县政办发〔2026〕9号", "", ""},
                                             {"title", title, "", ""},
                                             {"kind", "通知", "", ""},
                                             {"date", "2026-11-10", "", ""},
                                             {"secrecy", secrecy, "", ""},
                                             {"copy_numbers", "001", "", ""}};
    return http.Post("/api/receive", headers(), items);
  }
  json received() {
    auto r = http.Get("/api/receive", headers());
    EXPECT_TRUE(r && r->status == 200);
    return r ? json::parse(r->body)["received"] : json::array();
  }
};

TEST(WebSecrecy, AnOpenDocumentIsVisibleToTheUnclearedAndAnUnknownLevelIsRefused) {
  WebServer srv("web-secrecy");
  Desk keeper(srv.port()), clerk(srv.port());
  ASSERT_TRUE(keeper.login("sunxiuying"));  // 机要员, cleared for 秘密
  ASSERT_TRUE(clerk.login("wangfang"));     // no clearance
  auto open = keeper.receive("关于开展冬季安全检查的通知", "非密");
  ASSERT_TRUE(open);
  ASSERT_EQ(open->status, 201) << open->body;
  auto secret = keeper.receive("关于做好涉密载体管理的通知", "秘密");
  ASSERT_TRUE(secret);
  ASSERT_EQ(secret->status, 201) << secret->body;
  auto unknown = keeper.receive("关于内部事项的通知", "内部");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400) << unknown->body;

  EXPECT_EQ(keeper.received().size(), 2u);
  const json seen = clerk.received();
  ASSERT_EQ(seen.size(), 1u) << seen.dump();
  EXPECT_EQ(seen[0]["title"], "关于开展冬季安全检查的通知");
  EXPECT_EQ(seen[0]["secrecy"], "");  // kept under the one name of the open level
}

TEST(WebSecrecy, ARegistryFromANewerGongwenIsRefused) {
  const auto dir = fresh_dir("newer-registry");
  ASSERT_EQ(gongwen({"init", dir.string()}).code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "registry.sqlite3").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 42", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const Outcome r = gongwen({"-w", dir.string(), "--as", "wangfang", "draft", "list"});
  EXPECT_EQ(r.code, 6) << r.out << r.err;
  EXPECT_NE(r.err.find("registry.sqlite3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("结构版本是 42"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("版本 9"), std::string::npos) << r.err;  // migrations.cpp: the newest
}

}  // namespace
}  // namespace gongwen::e2e
