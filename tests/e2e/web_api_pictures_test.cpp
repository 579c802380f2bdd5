// Tables and pictures in the web desk's 拟稿: a Word body imported in the browser keeps its
// table (pipe rows) and its picture (stored by the server in the drafter's picture folder,
// named by content), the preview and the issued PDF carry the picture; a picture line may
// name only a picture stored there (no ../, absolute paths, symlinks, other users' pictures,
// files of the workspace); uploads are checked by content.
#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kChart = fs::path(GONGWEN_SOURCE_DIR) / "tests/golden/cases/chart.png";  // 600 × 300
const fs::path kPhoto = fs::path(GONGWEN_SOURCE_DIR) / "tests/golden/cases/photo.jpg";

struct Browser {
  httplib::Client http;
  httplib::Headers headers;
  Browser(int port, const std::string& user) : http("127.0.0.1", port) {
    http.set_read_timeout(120, 0);
    auto r = http.Post("/api/login", json{{"user", user}, {"password", kTestPassword}}.dump(), "application/json");
    if (!r || r->status != 200) throw std::runtime_error("login failed for " + user);
    headers = {{"Cookie", "gw_session=" + r->get_header_value("Set-Cookie").substr(11, 64)},
               {"X-CSRF-Token", json::parse(r->body)["csrf"].get<std::string>()}};
  }
  // status and JSON of a POST
  std::pair<int, json> post(const std::string& path, const json& body) {
    auto r = http.Post(path, headers, body.dump(), "application/json");
    if (!r) return {0, json()};
    return {r->status, json::parse(r->body, nullptr, false)};
  }
  std::pair<int, json> upload(const std::string& path, const std::string& bytes, const std::string& name) {
    auto r = http.Post(path, headers, httplib::MultipartFormDataItems{{"file", bytes, name, "application/octet-stream"}});
    if (!r) return {0, json()};
    return {r->status, json::parse(r->body, nullptr, false)};
  }
};

// A zip of stored (uncompressed) entries: enough of a .docx for the importer.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto u16 = [](std::string& s, std::uint32_t v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  auto u32 = [&](std::string& s, std::uint32_t v) {
    u16(s, v & 0xffff);
    u16(s, v >> 16);
  };
  std::string out, central;
  for (const auto& [name, data] : entries) {
    const auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto offset = static_cast<std::uint32_t>(out.size());
    out += "PK\x03\x04";
    for (std::uint32_t v : {20u, 0u, 0u, 0u, 0x21u}) u16(out, v);  // version, flags, stored, time, date
    u32(out, crc), u32(out, size), u32(out, size);
    u16(out, static_cast<std::uint32_t>(name.size())), u16(out, 0);
    out += name + data;
    central += "PK\x01\x02";
    for (std::uint32_t v : {20u, 20u, 0u, 0u, 0u, 0x21u}) u16(central, v);
    u32(central, crc), u32(central, size), u32(central, size);
    for (std::uint32_t v : {static_cast<std::uint32_t>(name.size()), 0u, 0u, 0u, 0u}) u16(central, v);
    u32(central, 0), u32(central, offset);
    central += name;
  }
  const auto n = static_cast<std::uint32_t>(entries.size());
  std::string end = "PK\x05\x06";
  for (std::uint32_t v : {0u, 0u, n, n}) u16(end, v);
  u32(end, static_cast<std::uint32_t>(central.size())), u32(end, static_cast<std::uint32_t>(out.size())), u16(end, 0);
  return out + central + end;
}

std::string p(const std::string& t) { return "<w:p><w:r><w:t>" + t + "</w:t></w:r></w:p>"; }
std::string tc(const std::string& t) { return "<w:tc>" + p(t) + "</w:tc>"; }

// A notice typed in Word: a table with a header row, then a picture, then the closing line.
std::string word_docx() {
  const std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>)" +
      p("关于做好冬季防火工作的通知") + p("各村民委员会：") + p("为做好今冬防火工作，现将重点部位通知如下。") +
      "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>" + tc("序号") + tc("村") + tc("部位") + "</w:tr>"
      "<w:tr>" + tc("1") + tc("白路村") + tc("后山林场") + "</w:tr>"
      "<w:tr>" + tc("2") + tc("东坪村") + tc("粮站") + "</w:tr></w:tbl>" +
      "<w:p><w:r><w:drawing><a:blip r:embed=\"rId9\"/></w:drawing></w:r></w:p>" + p("请遵照执行。") +
      "</w:body></w:document>";
  const std::string rels =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>)";
  return stored_zip({{"word/document.xml", xml}, {"word/_rels/document.xml.rels", rels},
                     {"word/media/image1.png", slurp(kChart)}});
}

json form_with(const std::string& body) {
  return {{"template", "notice"}, {"organ", "government"}, {"title", "关于做好冬季防火工作的通知"},
          {"to", "各村民委员会"},  {"date", "2026-11-18"},    {"copies", "10"}, {"body", body}};
}

std::string message(const json& j) {
  return j.contains("error") ? j["error"].value("message", std::string()) : j.dump();
}

TEST(WebPictures, ImportKeepsTableAndPictureAndTheyReachPreviewAndIssuedPdf) {
  WebServer srv("web-pictures-import");
  Browser d(srv.port(), "wangfang");
  const auto [status, imp] = d.upload("/api/import", word_docx(), "防火.docx");
  ASSERT_EQ(status, 200) << imp.dump();
  EXPECT_EQ(imp["tables"], 1);
  EXPECT_EQ(imp["images"], 1);
  EXPECT_EQ(imp["warnings"], json::array()) << imp.dump();  // the table is not said to be flattened
  const std::string body = imp["body"];
  // The table as pipe rows, its header row marked, in its place.
  const auto table = body.find("| 序号 | 村 | 部位 |\n|---|---|---|\n| 1 | 白路村 | 后山林场 |\n| 2 | 东坪村 | 粮站 |\n");
  ASSERT_NE(table, std::string::npos) << body;
  // The picture as a line naming the file the server stored, after the table.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(body, m, std::regex(R"(\n!\[\]\((img-[0-9a-f]{24}\.png)\)\n请遵照执行。)"))) << body;
  const std::string name = m[1].str();
  EXPECT_GT(static_cast<std::size_t>(m.position(0)), table);
  ASSERT_EQ(imp["pictures"], json::array({name}));
  const fs::path stored = srv.dir() / "drafts/web/wangfang" / name;
  ASSERT_TRUE(fs::is_regular_file(stored));
  EXPECT_EQ(slurp(stored), slurp(kChart));

  // The preview of the imported body renders with the picture.
  const auto [pv_status, pv] = d.post("/api/preview", form_with(body));
  ASSERT_EQ(pv_status, 200) << pv.dump();
  ASSERT_TRUE(pv["ok"].get<bool>()) << pv.dump();
  EXPECT_GE(pv["pages"].get<int>(), 1);
  auto page = d.http.Get("/api/preview/" + pv["preview"].get<std::string>() + "/1.png", d.headers);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);

  // Submitted, signed off and issued from the web: the issued PDF carries the picture.
  const auto [sub_status, sub] = d.post("/api/drafts", form_with(body));
  ASSERT_EQ(sub_status, 201) << sub.dump();
  const std::string id = std::to_string(sub["draft"]["id"].get<std::int64_t>());
  for (const char* reviewer : {"zhaoli", "chenzhiyong"})
    EXPECT_EQ(Browser(srv.port(), reviewer).post("/api/drafts/" + id + "/review", {{"decision", "approve"}}).first, 200);
  EXPECT_EQ(Browser(srv.port(), "zhangjianguo").post("/api/drafts/" + id + "/sign", {{"opinion", "同意"}}).first, 200);
  const auto [iss_status, issued] = Browser(srv.port(), "sunxiuying").post("/api/drafts/" + id + "/issue", json::object());
  ASSERT_EQ(iss_status, 200) << issued.dump();
  auto pdf = d.http.Get("/api/documents/" + std::to_string(issued["issued"]["id"].get<std::int64_t>()) + "/pdf", d.headers);
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200);
  const fs::path file = fresh_dir("web-pictures-pdf") / "issued.pdf";
  fs::create_directories(file.parent_path());
  { std::ofstream(file, std::ios::binary) << pdf->body; }
  const Outcome images = run("pdfimages", {"-list", file.string()});
  EXPECT_NE(images.out.find(" 600   300 "), std::string::npos) << images.out << images.err;  // the chart, 600 × 300
  if (!HasFailure()) fs::remove_all(file.parent_path());
}

TEST(WebPictures, PictureLinesNameOnlyTheDraftersStoredPictures) {
  WebServer srv("web-pictures-confined");
  Browser d(srv.port(), "wangfang");
  const auto [up_status, up] = d.upload("/api/pictures", slurp(kChart), "chart.png");
  ASSERT_EQ(up_status, 201) << up.dump();
  const std::string mine = up["file"];
  // A picture in the workspace root, which drafts used to be read against.
  fs::copy_file(kChart, srv.dir() / "chart.png");
  // A symlink placed in the picture folder that leads out of it.
  const std::string link = "img-" + std::string(24, 'a') + ".png";
  fs::create_symlink(srv.dir() / "chart.png", srv.dir() / "drafts/web/wangfang" / link);

  struct Case {
    std::string line, says;
  };
  for (const Case& c : std::vector<Case>{
           {"![x](../../gongwen.toml)", "“../../gongwen.toml”不能这样引用"},
           {"![x](../wangfang/" + mine + ")", "不能这样引用"},
           {"![x](/etc/passwd)", "“/etc/passwd”不能这样引用"},
           {"![x](chart.png)", "服务器上没有图片“chart.png”"},
           {"![x](" + link + ")", "服务器上没有图片“" + link + "”"},
           {"![x](img-" + std::string(24, '0') + ".png){width=80mm}", "服务器上没有图片“img-000000000000000000000000.png”"}}) {
    const std::string body = "为做好防火工作，通知如下。\n" + c.line;
    for (const char* path : {"/api/preview", "/api/drafts"}) {
      const auto [status, j] = d.post(path, form_with(body));
      EXPECT_EQ(status, 400) << path << " " << c.line << ": " << j.dump();
      EXPECT_EQ(j["error"]["field"], "body") << j.dump();
      EXPECT_NE(message(j).find("正文第 2 行"), std::string::npos) << message(j);
      EXPECT_NE(message(j).find(c.says), std::string::npos) << c.line << ": " << message(j);
      ASSERT_FALSE(j["error"]["hints"].empty());
      EXPECT_NE(j["error"]["hints"][0].get<std::string>().find("插入图片"), std::string::npos);
    }
  }
  // A picture line in a template field is held to the same rule.
  json in_field = form_with("正文。");
  in_field["fields"] = {{"contact", "![x](../../gongwen.toml)"}};
  EXPECT_EQ(d.post("/api/preview", in_field).first, 400);
  // Nothing was submitted.
  EXPECT_EQ(d.http.Get("/api/drafts", d.headers)->body.find("\"id\""), std::string::npos);

  // The drafter's own picture renders; another drafter cannot name it.
  const auto [ok_status, ok] = d.post("/api/preview", form_with("正文。\n![图](" + mine + "){width=80mm}"));
  EXPECT_EQ(ok_status, 200);
  EXPECT_TRUE(ok["ok"].get<bool>()) << ok.dump();
  const auto [other_status, other] = Browser(srv.port(), "liuyang").post("/api/preview", form_with("正文。\n![图](" + mine + ")"));
  EXPECT_EQ(other_status, 400);
  EXPECT_NE(message(other).find("服务器上没有图片“" + mine + "”"), std::string::npos) << other.dump();
}

TEST(WebPictures, UploadsAreCheckedByContentAndNamedByTheServer) {
  WebServer srv("web-pictures-upload");
  Browser d(srv.port(), "wangfang");
  const std::string chart = slurp(kChart);
  const auto [s1, a] = d.upload("/api/pictures", chart, "../../evil.png");
  ASSERT_EQ(s1, 201) << a.dump();
  EXPECT_TRUE(std::regex_match(a["file"].get<std::string>(), std::regex(R"(img-[0-9a-f]{24}\.png)")));
  EXPECT_EQ(a["line"], "![](" + a["file"].get<std::string>() + ")");
  EXPECT_FALSE(fs::exists(srv.dir() / "evil.png"));
  EXPECT_FALSE(fs::exists(srv.dir() / "drafts/evil.png"));
  // The same picture again: the same file.
  EXPECT_EQ(d.upload("/api/pictures", chart, "again.png").second["file"], a["file"]);
  // A JPEG by its bytes gets .jpg whatever its name.
  const auto [s2, jpg] = d.upload("/api/pictures", slurp(kPhoto), "x.png");
  EXPECT_EQ(s2, 201) << jpg.dump();
  EXPECT_NE(jpg["file"].get<std::string>().find(".jpg"), std::string::npos) << jpg.dump();
  // The whole picture is checked, not its first bytes (issue 13): a JPEG signature with
  // nothing after it, a PNG cut short, a PNG with a byte of its pixel data changed.
  std::string flipped = chart;
  const std::size_t idat = flipped.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  flipped[idat + 40] = static_cast<char>(flipped[idat + 40] ^ 0x5A);
  for (const std::string& broken : {std::string("\xFF\xD8\xFF\xE0", 4) + std::string(64, 'j'),
                                     chart.substr(0, chart.size() / 2), flipped}) {
    const auto [status, body] = d.upload("/api/pictures", broken, "broken.png");
    EXPECT_EQ(status, 400) << body.dump();
    EXPECT_NE(message(body).find("已损坏或不完整"), std::string::npos) << body.dump();
  }
  // Not a picture by content, whatever the name says.
  const auto [s3, bad] = d.upload("/api/pictures", "%PDF-1.7\n", "x.png");
  EXPECT_EQ(s3, 400);
  EXPECT_NE(message(bad).find("不是 PNG 或 JPEG 图片"), std::string::npos) << bad.dump();
  // Over the upload limit.
  std::string huge = chart;
  huge.resize((20u << 20) + 1, '\0');
  const auto [s4, big] = d.upload("/api/pictures", huge, "big.png");
  EXPECT_EQ(s4, 400);
  EXPECT_NE(message(big).find("超过 20 MB"), std::string::npos) << big.dump();
  // Only drafters upload, and only with the session's CSRF token.
  EXPECT_EQ(Browser(srv.port(), "zhaoli").upload("/api/pictures", chart, "c.png").first, 403);
  const httplib::Headers no_csrf = {*d.headers.find("Cookie")};
  auto r = d.http.Post("/api/pictures", no_csrf, httplib::MultipartFormDataItems{{"file", chart, "c.png", "image/png"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  // What was stored: the two pictures, under the server's names, in wangfang's folder only.
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(srv.dir() / "drafts")) files += e.is_regular_file();
  EXPECT_EQ(files, 2u);
}

}  // namespace
}  // namespace gongwen::e2e
