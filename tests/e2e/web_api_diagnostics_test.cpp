// 拟稿's problems as the web desk gets them (issue 12): every problem of a form, each with
// its code, field, line, column, message and hints, from the check endpoint, the preview
// and a refused submit, so the page can show each beside its input.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>

#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

struct Drafter {
  httplib::Client http;
  httplib::Headers headers;
  Drafter(int port, const std::string& id) : http("127.0.0.1", port) {
    http.set_read_timeout(60, 0);
    auto r = http.Post("/api/login", json{{"user", id}, {"password", kTestPassword}}.dump(), "application/json");
    if (!r || r->status != 200) throw std::runtime_error("login failed");
    headers = {{"Cookie", "gw_session=" + r->get_header_value("Set-Cookie").substr(11, 64)},
               {"X-CSRF-Token", json::parse(r->body)["csrf"].get<std::string>()}};
  }
  std::pair<int, json> post(const std::string& path, const json& form) {
    auto r = http.Post(path, headers, form.dump(), "application/json");
    if (!r) return {0, json()};
    return {r->status, json::parse(r->body)};
  }
};

const json kGood = {{"template", "notice"}, {"organ", "government"}, {"title", "关于做好水利设施冬季维护工作的通知"},
                    {"to", "各村民委员会，乡属各单位"}, {"date", "2026-11-18"},
                    {"body", "为做好今冬明春水利设施维护工作，现将有关事项通知如下：\n一、工作目标\n确保各村水渠、塘坝在明年汛期前完成检修。"}};

// Five mistakes: no 主送, a date the form cannot send, an unknown 密级, a table row with
// too few cells and an unknown template field.
json bad_form() {
  json f = kGood;
  f["to"] = "";
  f["date"] = "20261118";
  f["secrecy"] = "内部";
  f["body"] = "为做好今冬明春水利设施维护工作，现通知如下：\n| 村 | 责任人 |\n| 白路村 |";
  f["fields"] = {{"meeting_time", "上午9时"}};
  return f;
}

std::map<std::string, json> by_field(const json& diagnostics) {
  std::map<std::string, json> out;
  for (const auto& d : diagnostics) out[d["field"].get<std::string>()] = d;
  return out;
}

void expect_the_five(const json& diagnostics) {
  ASSERT_TRUE(diagnostics.is_array()) << diagnostics.dump(2);
  EXPECT_EQ(diagnostics.size(), 5u) << diagnostics.dump(2);
  for (const auto& d : diagnostics)
    for (const char* key : {"code", "field", "line", "column", "message", "hints"})
      EXPECT_TRUE(d.contains(key)) << key << " in " << d.dump();
  auto f = by_field(diagnostics);
  ASSERT_EQ(f.size(), 5u) << diagnostics.dump(2);
  EXPECT_EQ(f["to"]["code"], "draft.required.missing");
  EXPECT_NE(f["to"]["message"].get<std::string>().find("主送机关"), std::string::npos) << f["to"].dump();
  EXPECT_EQ(f["date"]["code"], "form.date");
  EXPECT_EQ(f["date"]["message"], "成文日期应写作 2026-11-20");
  EXPECT_EQ(f["secrecy"]["code"], "draft.secrecy.unknown");
  EXPECT_EQ(f["secrecy"]["message"], "没有“内部”这一密级");
  EXPECT_FALSE(f["secrecy"]["hints"].empty());
  EXPECT_GT(f["secrecy"]["line"].get<int>(), 0);
  EXPECT_GT(f["secrecy"]["column"].get<int>(), 0);
  EXPECT_EQ(f["body"]["code"], "body.table.row_cells");
  EXPECT_NE(f["body"]["message"].get<std::string>().find("正文第 3 行"), std::string::npos) << f["body"].dump();
  EXPECT_EQ(f["meeting_time"]["code"], "draft.field.unknown");
}

TEST(WebDiagnostics, CheckPreviewAndSubmitListEveryProblemWithItsField) {
  WebServer srv("web-diagnostics");
  Drafter d(srv.port(), "wangfang");

  const auto [status, checked] = d.post("/api/drafts/check", bad_form());
  EXPECT_EQ(status, 200) << checked.dump();
  EXPECT_FALSE(checked["ok"].get<bool>());
  expect_the_five(checked["diagnostics"]);

  const auto [pstatus, preview] = d.post("/api/preview", bad_form());
  EXPECT_EQ(pstatus, 200) << preview.dump();
  EXPECT_FALSE(preview["ok"].get<bool>());
  expect_the_five(preview["diagnostics"]);

  const auto [sstatus, submit] = d.post("/api/drafts", bad_form());
  EXPECT_EQ(sstatus, 400) << submit.dump();
  expect_the_five(submit["diagnostics"]);
  EXPECT_EQ(submit["error"]["message"], submit["diagnostics"][0]["message"]);  // the first, as before

  // A good form checks clean, and the check wrote nothing: no draft was submitted.
  const auto [gstatus, good] = d.post("/api/drafts/check", kGood);
  EXPECT_EQ(gstatus, 200);
  EXPECT_TRUE(good["ok"].get<bool>()) << good.dump();
  EXPECT_TRUE(good["diagnostics"].empty());
  EXPECT_EQ(d.http.Get("/api/drafts", d.headers)->body.find("\"id\""), std::string::npos);
}

TEST(WebDiagnostics, CheckNeedsTheCsrfToken) {
  WebServer srv("web-diagnostics-csrf");
  Drafter d(srv.port(), "wangfang");
  const httplib::Headers no_token = {*d.headers.find("Cookie")};
  auto r = d.http.Post("/api/drafts/check", no_token, kGood.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

}  // namespace
}  // namespace gongwen::e2e
