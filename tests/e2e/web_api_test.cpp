// The web desk's JSON API against a real `gongwen serve` on a free loopback port: sessions,
// CSRF, throttling, role checks, secrecy (search, URLs, downloads), uploads, path traversal,
// security headers, and the whole sign-off flow.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

// One logged-in browser: its session cookie and CSRF token.
struct Browser {
  httplib::Client http;
  std::string cookie, csrf;
  explicit Browser(int port) : http("127.0.0.1", port) { http.set_read_timeout(60, 0); }

  httplib::Headers headers(bool with_csrf = true) const {
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", "gw_session=" + cookie);
    if (with_csrf && !csrf.empty()) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
  httplib::Result login(const std::string& user, const std::string& password = kTestPassword) {
    auto r = http.Post("/api/login", json{{"user", user}, {"password", password}}.dump(), "application/json");
    if (r && r->status == 200) {
      const std::string set = r->get_header_value("Set-Cookie");
      cookie = set.substr(11, 64);
      csrf = json::parse(r->body)["csrf"];
    }
    return r;
  }
  json get(const std::string& path, int expect = 200) {
    return json_answer(http.Get(path, headers()), path, expect);
  }
  json post(const std::string& path, const json& body, int expect = 200) {
    return json_answer(http.Post(path, headers(), body.dump(), "application/json"), path, expect);
  }
};


// Takes a draft from submission to issue through the API; returns the issued document id.
std::int64_t run_flow(int port, const std::string& drafter, const json& form) {
  Browser d(port), r1(port), r2(port), s(port), k(port);
  EXPECT_EQ(d.login(drafter)->status, 200);
  const json sub = d.post("/api/drafts", form, 201);
  const std::int64_t id = sub["draft"]["id"];
  EXPECT_EQ(r1.login("zhaoli")->status, 200);
  r1.post("/api/drafts/" + std::to_string(id) + "/review", {{"decision", "approve"}, {"opinion", "同意"}});
  EXPECT_EQ(r2.login("chenzhiyong")->status, 200);
  r2.post("/api/drafts/" + std::to_string(id) + "/review", {{"decision", "approve"}, {"opinion", "同意"}});
  EXPECT_EQ(s.login("zhangjianguo")->status, 200);
  const json signed_ = s.post("/api/drafts/" + std::to_string(id) + "/sign", {{"opinion", "同意印发"}});
  EXPECT_EQ(signed_["draft"]["state"], "signed");
  EXPECT_EQ(k.login("sunxiuying")->status, 200);
  const json issued = k.post("/api/drafts/" + std::to_string(id) + "/issue", json::object());
  EXPECT_EQ(issued["issued"]["number"], "白政发〔2026〕1号") << issued.dump();
  return issued["issued"]["id"];
}

TEST(WebApi, StaticPagesCarrySecurityHeaders) {
  WebServer srv("web-headers");
  httplib::Client c("127.0.0.1", srv.port());
  auto r = c.Get("/index.html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("登录"), std::string::npos);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  auto api = c.Get("/api/me");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 401);
  EXPECT_EQ(api->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(api->get_header_value("Cache-Control"), "no-store");
}

TEST(WebApi, NoPathLeavesTheWebFolder) {
  WebServer srv("web-traversal");
  httplib::Client c("127.0.0.1", srv.port());
  for (const std::string p : {"/../gongwen.toml", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fCMakeLists.txt",
                              "/.hidden", "/web/../../README.md", "/%2e%2e%2fREADME.md", "/app.js/..",
                              "//etc/passwd"}) {
    auto r = c.Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->status, 404) << p;
    EXPECT_EQ(r->body.find("[[users]]"), std::string::npos) << p;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << p;
  }
  // A download id is a number: anything else does not reach a file.
  Browser b(srv.port());
  ASSERT_EQ(b.login("wangfang")->status, 200);
  b.get("/api/documents/..%2f..%2fgongwen.toml/pdf", 404);
}

TEST(WebApi, LoginSetsStrictHttpOnlyCookieAndRefusesWrongPasswords) {
  WebServer srv("web-login");
  Browser b(srv.port());
  auto bad = b.login("wangfang", "wrong");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  EXPECT_TRUE(bad->get_header_value("Set-Cookie").empty());
  EXPECT_EQ(b.login("nobody")->status, 401);
  auto ok = b.login("wangfang");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  const std::string set = ok->get_header_value("Set-Cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
  const json me = b.get("/api/me");
  EXPECT_EQ(me["user"]["id"], "wangfang");
  b.post("/api/logout", json::object());
  b.get("/api/me", 401);
}

TEST(WebApi, LoginIsThrottledAfterRepeatedFailures) {
  WebServer srv("web-throttle");
  Browser b(srv.port());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(b.login("liuyang", "guess" + std::to_string(i))->status, 401);
  auto r = b.login("liuyang");  // even the right password waits now, from this source
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  // A growing delay, not a lock-out (issue 13 #10): 1 s after the fourth failure in a row.
  EXPECT_EQ(r->get_header_value("Retry-After"), "1");
  EXPECT_EQ(b.login("wangfang")->status, 200);  // another user is not delayed
}

TEST(WebApi, StateChangesNeedTheCsrfToken) {
  WebServer srv("web-csrf");
  Browser b(srv.port());
  ASSERT_EQ(b.login("wangfang")->status, 200);
  auto r = b.http.Post("/api/drafts", b.headers(false), notice_form("关于测试的通知").dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  httplib::Headers wrong = b.headers(false);
  wrong.emplace("X-CSRF-Token", std::string(64, 'a'));
  r = b.http.Post("/api/drafts", wrong, notice_form("关于测试的通知").dump(), "application/json");
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(b.get("/api/drafts")["drafts"].size(), 0u);  // nothing was submitted
}

TEST(WebApi, PreviewRendersPagesAndNamesTheFieldOfAProblem) {
  WebServer srv("web-preview");
  Browser b(srv.port());
  ASSERT_EQ(b.login("wangfang")->status, 200);
  const json p = b.post("/api/preview", notice_form("关于做好水利设施冬季维护工作的通知"));
  ASSERT_TRUE(p["ok"].get<bool>()) << p.dump();
  const int pages = p["pages"];
  EXPECT_EQ(pages, 2);  // the body page and the 版记 page
  for (int i = 1; i <= pages; ++i) {
    auto png = b.http.Get("/api/preview/" + p["preview"].get<std::string>() + "/" + std::to_string(i) + ".png", b.headers());
    ASSERT_TRUE(png);
    EXPECT_EQ(png->status, 200);
    EXPECT_EQ(png->body.substr(1, 3), "PNG");
    EXPECT_GT(png->body.size(), 5000u);  // a rendered page, not an empty image
  }
  b.get("/api/preview/" + p["preview"].get<std::string>() + "/" + std::to_string(pages + 1) + ".png", 404);
  // Another user cannot fetch someone else's preview.
  Browser other(srv.port());
  ASSERT_EQ(other.login("liuyang")->status, 200);
  other.get("/api/preview/" + p["preview"].get<std::string>() + "/1.png", 404);
  json bad = notice_form("");
  bad["date"] = "20261118";
  const json e = b.post("/api/preview", bad);
  EXPECT_FALSE(e["ok"].get<bool>());
  EXPECT_EQ(e["diagnostics"][0]["field"], "date");
}

TEST(WebApi, TheWholeFlowIssuesADocumentThatDownloadsAndIsFound) {
  WebServer srv("web-flow");
  const auto id = run_flow(srv.port(), "wangfang", notice_form("关于做好水利设施冬季维护工作的通知"));
  Browser b(srv.port());
  ASSERT_EQ(b.login("liuyang")->status, 200);
  auto pdf = b.http.Get("/api/documents/" + std::to_string(id) + "/pdf", b.headers());
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_NE(pdf->get_header_value("Content-Disposition").find("filename*=UTF-8''"), std::string::npos);
  auto docx = b.http.Get("/api/documents/" + std::to_string(id) + "/docx", b.headers());
  EXPECT_EQ(docx->body.substr(0, 2), "PK");
  EXPECT_TRUE(b.get("/api/documents/" + std::to_string(id) + "/verify")["ok"].get<bool>());
  // The issued DOCX read back by 一键排版 import (liuyang is a drafter): its body fills the form.
  auto imported = b.http.Post("/api/import", b.headers(),
                              httplib::MultipartFormDataItems{{"file", docx->body, "x.docx", "application/octet-stream"}});
  ASSERT_TRUE(imported);
  ASSERT_EQ(imported->status, 200) << imported->body;
  EXPECT_NE(json::parse(imported->body)["body"].get<std::string>().find("水渠、塘坝"), std::string::npos);
  auto not_docx = b.http.Post("/api/import", b.headers(),
                              httplib::MultipartFormDataItems{{"file", pdf->body, "x.docx", "application/octet-stream"}});
  EXPECT_EQ(not_docx->status, 400);
  // 四性检测 of a year never filed: not found, with the reason.
  EXPECT_EQ(b.get("/api/archive/verify?year=2025", 404)["ok"], false);
  EXPECT_EQ(b.get("/api/archive/loans")["loans"].size(), 0u);
  const json s = b.get("/api/search?q=%E6%B0%B4%E5%88%A9%E8%AE%BE%E6%96%BD");  // 水利设施
  ASSERT_EQ(s["total"], 1) << s.dump();
  EXPECT_EQ(s["hits"][0]["number"], "白政发〔2026〕1号");
  EXPECT_NE(s["hits"][0]["snippet"].get<std::string>().find("【"), std::string::npos);
  EXPECT_EQ(s["facets"]["years"][0]["value"], "2026");
  const json empty = b.get("/api/search?q=");
  EXPECT_EQ(empty["total"], 0);
  EXPECT_EQ(empty["notes"][0], "请输入检索词或选择筛选条件");
  const json seal = b.get("/api/seal");
  ASSERT_EQ(seal["uses"].size(), 1u);
  EXPECT_EQ(seal["uses"][0]["keeper"], "sunxiuying");
}

TEST(WebApi, RolesAreCheckedOnTheServer) {
  WebServer srv("web-roles");
  Browser d(srv.port());
  ASSERT_EQ(d.login("wangfang")->status, 200);
  const std::int64_t id = d.post("/api/drafts", notice_form("关于测试角色的通知"), 201)["draft"]["id"];
  const std::string base = "/api/drafts/" + std::to_string(id);
  // The drafter may not review, sign or issue; a reviewer may not skip the chain's order.
  EXPECT_EQ(d.post(base + "/sign", {{"opinion", "同意"}}, 403)["error"]["code"], "forbidden");
  d.post(base + "/issue", json::object(), 403);
  Browser r2(srv.port());
  ASSERT_EQ(r2.login("chenzhiyong")->status, 200);
  r2.post(base + "/review", {{"decision", "approve"}}, 403);
  Browser a(srv.port());
  ASSERT_EQ(a.login("wangfang")->status, 200);
  a.post("/api/archive/file", {{"year", 2025}}, 403);
  EXPECT_EQ(d.get(base)["draft"]["state"], "submitted");
}

TEST(WebApi, SecretDocumentsStayInvisibleToTheUncleared) {
  WebServer srv("web-secret");
  const auto id = run_flow(srv.port(), "chenzhiyong", notice_form("关于征兵政治考核工作的通知", "秘密"));
  Browser cleared(srv.port()), plain(srv.port());
  ASSERT_EQ(cleared.login("zhaoli")->status, 200);
  ASSERT_EQ(plain.login("wangfang")->status, 200);
  const std::string q = "/api/search?q=%E5%BE%81%E5%85%B5";  // 征兵
  EXPECT_EQ(cleared.get(q)["total"], 1);
  const json hidden = plain.get(q);
  EXPECT_EQ(hidden["total"], 0);
  EXPECT_EQ(hidden["facets"]["years"].size(), 0u);
  const std::string doc = "/api/documents/" + std::to_string(id);
  EXPECT_EQ(cleared.get(doc)["document"]["secrecy"], "秘密");
  plain.get(doc, 404);
  plain.get(doc + "/pdf", 404);
  plain.get(doc + "/docx", 404);
  plain.get(doc + "/verify", 404);
  plain.get("/api/drafts/1", 404);
  EXPECT_EQ(plain.get("/api/documents")["documents"].size(), 0u);
  EXPECT_EQ(plain.get("/api/drafts")["drafts"].size(), 0u);
  EXPECT_EQ(plain.get("/api/seal")["uses"].size(), 0u);
  EXPECT_EQ(cleared.get("/api/seal")["uses"].size(), 1u);
}

TEST(WebApi, UploadsAreCheckedByContentAndStoredUnderServerNames) {
  WebServer srv("web-upload");
  Browser b(srv.port());
  ASSERT_EQ(b.login("sunxiuying")->status, 200);
  auto send = [&](Browser& who, const std::string& name, const std::string& bytes) {
    httplib::MultipartFormDataItems items = {{"file", bytes, name, "application/pdf"},
                                             {"sender", "县人民政府办公室", "", ""},
                                             {"their_number", "县政办发〔2026〕9号", "", ""},
                                             {"title", "关于开展冬季安全检查的通知", "", ""},
                                             {"kind", "通知", "", ""},
                                             {"date", "2026-11-10", "", ""}};
    return who.http.Post("/api/receive", who.headers(), items);
  };
  auto bad = send(b, "来文.pdf", "<script>alert(1)</script>");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  // A whole PDF with its cross-reference table: one without is refused as damaged (issue 13).
  const std::string pdf = empty_pdf();
  auto ok = send(b, "../../evil.sh", pdf);
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 201) << ok->body;
  const json got = json::parse(ok->body);
  const std::string stored = got["stored"];
  EXPECT_EQ(got["registration"], "收〔2026〕1号");
  EXPECT_EQ(stored.find("evil"), std::string::npos) << stored;
  EXPECT_EQ(stored.find(".."), std::string::npos) << stored;
  EXPECT_TRUE(std::filesystem::exists(srv.dir() / stored)) << stored;
  // No upload is left behind under its temporary name.
  for (const auto& e : std::filesystem::directory_iterator(srv.dir() / "incoming"))
    EXPECT_EQ(e.path().filename().string().rfind(".upload-", 0), std::string::npos) << e.path();
  EXPECT_EQ(b.get("/api/receive")["received"].size(), 1u);
  // The CLI circulates it while the server runs on the same workspace; the reader sees it in
  // 我的待办 and marks it read there.
  auto circ = gongwen({"-w", srv.dir().string(), "--as", "sunxiuying", "--password-file", srv.dir().string() + ".passwords",
                       "receive", "circulate", std::to_string(got["id"].get<std::int64_t>()), "--to", "zhaoli"});
  ASSERT_EQ(circ.code, 0) << circ.err;
  Browser reader(srv.port());
  ASSERT_EQ(reader.login("zhaoli")->status, 200);
  const json mine = reader.get("/api/receive/mine");
  ASSERT_EQ(mine["circulation"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["circulation"][0]["title"], "关于开展冬季安全检查的通知");
  EXPECT_EQ(b.get("/api/receive/mine")["circulation"].size(), 0u);  // not sent to the seal keeper
  reader.post("/api/receive/" + std::to_string(got["id"].get<std::int64_t>()) + "/read", json::object());
  EXPECT_EQ(reader.get("/api/receive/mine")["circulation"].size(), 0u);
  auto big = send(b, "big.pdf", "%PDF-" + std::string(21 * 1024 * 1024, 'x'));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  Browser drafter(srv.port());
  ASSERT_EQ(drafter.login("wangfang")->status, 200);
  auto refused = send(drafter, "a.pdf", pdf);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(b.get("/api/receive")["received"].size(), 1u);
}

}  // namespace
}  // namespace gongwen::e2e
