// The OFD on the web desk (issue 16): an issued document's OFD downloads through a route whose
// path the server derives itself, with the PDF's secrecy checks (the uncleared get 404), and
// its fixity check covers it; an OFD received through the desk has its electronic seals
// checked, kept in the register and shown with the 来文, in Chinese.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

struct Desk {
  httplib::Client http;
  Session session;
  Desk(int port, const std::string& user)
      : http("127.0.0.1", port), session(login(port, user, kTestPassword)) {
    http.set_read_timeout(60, 0);
  }
  httplib::Result raw(const std::string& path) { return http.Get(path, session.headers()); }
  json get(const std::string& path, int expect = 200) {
    return json_answer(raw(path), path, expect);
  }
  json post(const std::string& path, const json& body, int expect = 200) {
    return json_answer(http.Post(path, session.headers(), body.dump(), "application/json"), path, expect);
  }
};

// Submission to issue through the API (the office's sealed notice); the issued document's id.
std::int64_t issue_through_desk(int port, const std::string& drafter, const json& form) {
  Desk d(port, drafter), r1(port, "zhaoli"), r2(port, "chenzhiyong"), s(port, "zhangjianguo"),
      k(port, "sunxiuying");
  const std::int64_t id = d.post("/api/drafts", form, 201)["draft"]["id"];
  const std::string base = "/api/drafts/" + std::to_string(id);
  r1.post(base + "/review", {{"decision", "approve"}, {"opinion", "同意"}});
  r2.post(base + "/review", {{"decision", "approve"}, {"opinion", "同意"}});
  s.post(base + "/sign", {{"opinion", "同意印发"}});
  const json issued = k.post(base + "/issue", json::object());
  EXPECT_EQ(issued["issued"]["number"], "白政发〔2026〕1号") << issued.dump();
  return issued["issued"]["id"];
}

std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(WebApiOfd, TheIssuedOfdDownloadsForTheClearedAndIsHiddenFromOthers) {
  WebServer srv("web-ofd-secret");
  const auto id = issue_through_desk(srv.port(), "chenzhiyong",
                                     notice_form("关于征兵政治考核工作的通知", "秘密"));
  Desk cleared(srv.port(), "zhaoli"), plain(srv.port(), "wangfang");
  const std::string doc = "/api/documents/" + std::to_string(id);
  const json d = cleared.get(doc)["document"];
  EXPECT_EQ(d["ofd"], true);
  auto ofd = cleared.raw(doc + "/ofd");
  ASSERT_TRUE(ofd);
  ASSERT_EQ(ofd->status, 200) << ofd->body;
  EXPECT_EQ(ofd->get_header_value("Content-Type"), "application/ofd");
  EXPECT_NE(ofd->get_header_value("Content-Disposition").find(".ofd"), std::string::npos);
  // The registered OFD itself, from where the issue put it.
  EXPECT_EQ(ofd->body, file_bytes(srv.dir() / "documents" / "2026" / "白政发〔2026〕1号.ofd"));
  EXPECT_EQ(ofd->body.substr(0, 2), "PK");
  // Its fixity is checked with the PDF's and the DOCX's, and so are the 20 numbered copies',
  // each PDF and OFD.
  const json v = cleared.get(doc + "/verify");
  EXPECT_TRUE(v["ok"].get<bool>()) << v.dump();
  ASSERT_EQ(v["files"].size(), 3u + 2 * 20) << v.dump();
  EXPECT_EQ(v["files"][2]["file"], "白政发〔2026〕1号.ofd");
  EXPECT_EQ(v["files"][3]["file"], "份号-000001.pdf");
  EXPECT_EQ(v["files"][4]["file"], "份号-000001.ofd");
  // A numbered copy's OFD downloads as registered, from where the issue put it.
  const auto copy_dir = srv.dir() / "documents" / "2026" / "白政发〔2026〕1号";
  auto copy = cleared.raw(doc + "/copies/000007/ofd");
  ASSERT_TRUE(copy);
  ASSERT_EQ(copy->status, 200) << copy->body;
  EXPECT_EQ(copy->get_header_value("Content-Type"), "application/ofd");
  EXPECT_EQ(copy->body, file_bytes(copy_dir / "份号-000007.ofd"));
  auto copy_pdf = cleared.raw(doc + "/copies/000007/pdf");
  ASSERT_TRUE(copy_pdf);
  EXPECT_EQ(copy_pdf->body, file_bytes(copy_dir / "份号-000007.pdf"));
  cleared.get(doc + "/copies/000021/ofd", 404);  // 印数 20: no such copy
  cleared.get(doc + "/copies/7/ofd", 404);
  // A changed byte in a copy's OFD is reported.
  {
    std::string bytes = file_bytes(copy_dir / "份号-000003.ofd");
    bytes[bytes.size() / 2] ^= 1;
    std::ofstream(copy_dir / "份号-000003.ofd", std::ios::binary) << bytes;
  }
  const json changed = cleared.get(doc + "/verify");
  EXPECT_FALSE(changed["ok"].get<bool>());
  EXPECT_EQ(changed["files"][8]["file"], "份号-000003.ofd");
  EXPECT_EQ(changed["files"][8]["ok"], false);
  // Not cleared for 秘密: as if it did not exist, the OFD as much as the PDF, and every copy.
  plain.get(doc + "/ofd", 404);
  plain.get(doc + "/pdf", 404);
  plain.get(doc + "/copies/000007/ofd", 404);
  plain.get(doc + "/copies/000007/pdf", 404);
  // No other extension is a route; no path reaches it.
  cleared.get(doc + "/txt", 404);
  cleared.get("/api/documents/..%2f..%2fgongwen.toml/ofd", 404);
}

TEST(WebApiOfd, AReceivedOfdsSealCheckIsKeptAndShownInChinese) {
  WebServer srv("web-ofd-receive");
  const auto id =
      issue_through_desk(srv.port(), "wangfang", notice_form("关于做好水利设施冬季维护工作的通知"));
  Desk keeper(srv.port(), "sunxiuying");
  auto ofd = keeper.raw("/api/documents/" + std::to_string(id) + "/ofd");
  ASSERT_TRUE(ofd);
  ASSERT_EQ(ofd->status, 200);
  // Received as another office would: the clerk leaves the fields to the OFD.
  httplib::MultipartFormDataItems items = {
      {"file", ofd->body, "来文.ofd", "application/octet-stream"}};
  auto r = keeper.http.Post("/api/receive", keeper.session.headers(), items);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  const json got = json::parse(r->body);
  EXPECT_EQ(got["format"], "OFD");
  ASSERT_TRUE(got["seal_check"].is_object()) << got.dump();
  EXPECT_EQ(got["seal_check"]["result"], "verified");
  EXPECT_EQ(got["seal_check"]["text"], "电子印章验证通过");
  ASSERT_EQ(got["seal_check"]["seals"].size(), 1u);
  EXPECT_EQ(got["seal_check"]["seals"][0]["seal"], "白路乡人民政府");
  EXPECT_EQ(got["seal_check"]["seals"][0]["valid"], true);
  EXPECT_EQ(
      got["seal_check"]["lines"][0].get<std::string>().rfind("有效：白路乡人民政府（签章者 ", 0),
      0u)
      << got.dump();
  // Kept in the register: the list and the 来文's own record show it, as the page does.
  const std::int64_t rid = got["id"];
  const json one = keeper.get("/api/receive/" + std::to_string(rid))["received"];
  EXPECT_EQ(one["title"], "关于做好水利设施冬季维护工作的通知");
  EXPECT_EQ(one["seal_check"], got["seal_check"]);
  const json list = keeper.get("/api/receive")["received"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["seal_check"]["text"], "电子印章验证通过");
  keeper.get("/api/receive/999", 404);
  // The page has the column and shows the words it is given.
  httplib::Client page("127.0.0.1", srv.port());
  auto html = page.Get("/receive.html");
  ASSERT_TRUE(html);
  EXPECT_NE(html->body.find("<th>电子印章</th>"), std::string::npos);
  auto js = page.Get("/receive.js");
  ASSERT_TRUE(js);
  EXPECT_NE(js->body.find("seal_check"), std::string::npos);
  // An upload that is neither PDF, DOCX nor OFD is refused in those words.
  httplib::MultipartFormDataItems junk = {
      {"file", "PK\x03\x04 not a package", "x.ofd", "application/octet-stream"}};
  auto bad = keeper.http.Post("/api/receive", keeper.session.headers(), junk);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

}  // namespace
}  // namespace gongwen::e2e
