// Issue 13 on the web desk: a wrongly typed login field is a 400; a reader marks a circulated
// 收文 read; the filing plan counts, never names, blockers about secret items; an uncleared
// archivist lending a secret 档号 gets the very answer a missing 档号 gets.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using json = nlohmann::json;

class TrustWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The demo's 2026 documents (白政发〔2026〕3号 is 秘密), filed "in January 2027".
    s_srv = new WebServer("trust-web", ServeSetup{"", "2027-01-15T09:00:00+08:00", true});
    const Outcome filed = gongwen({"-w", s_srv->dir().string(), "--clock", "2027-01-15T09:00:00+08:00", "--as",
                                   "zhouhong", "archive", "file", "--year", "2026"});
    ASSERT_EQ(filed.code, 0) << filed.err;
    s_srv->restart();
  }
  static void TearDownTestSuite() {
    delete s_srv;
    s_srv = nullptr;
  }
  static std::string sql(const std::string& q) {
    return run("sqlite3", {(s_srv->dir() / "registry.sqlite3").string(), q}).out;
  }
  static httplib::Result receive(const Session& s, const std::string& title, const std::string& secrecy) {
    std::string pdf = slurp(s_srv->dir() / "documents" / "2026" / "白政发〔2026〕1号.pdf");
    httplib::Client c("127.0.0.1", s_srv->port());
    httplib::MultipartFormDataItems items = {{"file", pdf, "来文.pdf", "application/pdf"},
                                             {"sender", "县人武部", "", ""},
                                             {"title", title, "", ""},
                                             {"kind", "通知", "", ""},
                                             {"date", "2027-01-10", "", ""},
                                             {"secrecy", secrecy, "", ""},
                                             {"copy_numbers", secrecy.empty() ? "" : "007", "", ""}};
    return c.Post("/api/receive", s.headers(), items);
  }
  static inline WebServer* s_srv = nullptr;
};

TEST_F(TrustWeb, LoginWithAWronglyTypedFieldIsABadRequest) {
  httplib::Client c("127.0.0.1", s_srv->port());
  for (const json& body : {json{{"user", 123}, {"password", "x"}}, json{{"user", "zhouhong"}, {"password", json::array()}}}) {
    auto r = c.Post("/api/login", body.dump(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_NE(r->body.find("类型"), std::string::npos) << r->body;
  }
}

TEST_F(TrustWeb, UnclearedArchivistLendingASecretItemIsAnsweredAsForAMissingOne) {
  const std::string code = sql("select archive_code from filed where number = '白政发〔2026〕3号'");
  ASSERT_FALSE(code.empty());
  const std::string secret = code.substr(0, code.size() - 1);
  const std::string missing = secret.substr(0, secret.size() - 4) + "9999";
  const Session archivist = login(s_srv->port(), "zhouhong");
  httplib::Client c("127.0.0.1", s_srv->port());
  auto lend = [&](const std::string& archive_code) {
    auto r = c.Post("/api/archive/loans", archivist.headers(),
                    json{{"archive_code", archive_code}, {"borrower", "李明"}, {"unit", "乡财政所"}, {"purpose", "查考"}}.dump(),
                    "application/json");
    EXPECT_TRUE(r);
    return std::make_pair(r->status, r->body);
  };
  auto [s1, b1] = lend(secret);
  auto [s2, b2] = lend(missing);
  EXPECT_EQ(s1, 404) << b1;
  EXPECT_EQ(s1, s2);
  const auto strip = [](std::string body, const std::string& code) {
    for (auto at = body.find(code); at != std::string::npos; at = body.find(code)) body.replace(at, code.size(), "档号");
    return body;
  };
  EXPECT_EQ(strip(b1, secret), strip(b2, missing));
  EXPECT_EQ(b1.find("征兵"), std::string::npos) << b1;
}

TEST_F(TrustWeb, PlanBlockersAndVerifyDoNotNameSecretItems) {
  const Session keeper = login(s_srv->port(), "sunxiuying");
  auto got = receive(keeper, "关于某涉密事项的来文", "秘密");
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 201) << got->body;
  httplib::Client c("127.0.0.1", s_srv->port());
  const Session archivist = login(s_srv->port(), "zhouhong");
  auto plan = c.Get("/api/archive/plan?year=2027", archivist.headers());
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->body.find("涉密事项"), std::string::npos) << plan->body;
  EXPECT_EQ(plan->body.find("007"), std::string::npos) << plan->body;
  EXPECT_GE(json::parse(plan->body)["hidden_blockers"].get<int>(), 1) << plan->body;
  auto cleared = c.Get("/api/archive/plan?year=2027", keeper.headers());
  EXPECT_NE(cleared->body.find("涉密事项"), std::string::npos) << cleared->body;

  // 四性检测 with the secret item's archival copy damaged: a failure, but anonymous.
  const std::string path = sql("select path from filed where number = '白政发〔2026〕3号'");
  ASSERT_FALSE(path.empty());
  const auto file = s_srv->dir() / path.substr(0, path.size() - 1);
  const std::string original = slurp(file);
  std::string damaged = original;
  damaged[damaged.size() / 2] ^= 1;
  std::ofstream(file, std::ios::binary) << damaged;
  auto verify = c.Get("/api/archive/verify?year=2026", archivist.headers());
  std::ofstream(file, std::ios::binary) << original;
  ASSERT_TRUE(verify);
  const json v = json::parse(verify->body);
  EXPECT_EQ(v["ok"], false);
  EXPECT_GE(v["hidden"].get<int>(), 1);
  EXPECT_EQ(verify->body.find(file.filename().string()), std::string::npos) << verify->body;
  EXPECT_EQ(verify->body.find("白政发〔2026〕3号"), std::string::npos) << verify->body;
}

TEST_F(TrustWeb, AReaderMarksACirculatedDocumentRead) {
  const Session keeper = login(s_srv->port(), "sunxiuying");
  auto got = receive(keeper, "关于冬季防火的来文", "");
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 201) << got->body;
  const int id = json::parse(got->body)["id"];
  const Outcome sent = gongwen({"-w", s_srv->dir().string(), "--clock", "2027-01-15T09:00:00+08:00", "--as",
                                "sunxiuying", "receive", "circulate", std::to_string(id), "--to", "wangfang"});
  ASSERT_EQ(sent.code, 0) << sent.err;
  const Session reader = login(s_srv->port(), "wangfang");
  httplib::Client c("127.0.0.1", s_srv->port());
  auto mine = c.Get("/api/receive/mine", reader.headers());
  ASSERT_NE(mine->body.find("冬季防火"), std::string::npos) << mine->body;
  auto r = c.Post("/api/receive/" + std::to_string(id) + "/read", reader.headers(), "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  // Someone else's circulation is still not theirs to mark.
  const Session other = login(s_srv->port(), "liuyang");
  auto not_mine = c.Post("/api/receive/" + std::to_string(id) + "/read", other.headers(), "{}", "application/json");
  EXPECT_NE(not_mine->status, 200);
}

}  // namespace
}  // namespace gongwen::e2e
