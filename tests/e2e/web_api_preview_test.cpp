// The live preview: page images are real PNGs of the rendered page (decoded here with zlib,
// not just their magic checked), the same draft text is answered from the cache without a
// second render, and a cache entry belongs to its maker only.
#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <cstdint>
#include <nlohmann/json.hpp>

#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

struct User {
  httplib::Client http;
  httplib::Headers headers;
  User(int port, const std::string& id) : http("127.0.0.1", port) {
    http.set_read_timeout(60, 0);
    auto r = http.Post("/api/login", json{{"user", id}, {"password", kTestPassword}}.dump(), "application/json");
    if (!r || r->status != 200) throw std::runtime_error("login failed");
    headers = {{"Cookie", "gw_session=" + r->get_header_value("Set-Cookie").substr(11, 64)},
               {"X-CSRF-Token", json::parse(r->body)["csrf"].get<std::string>()}};
  }
  json preview(const json& form) {
    auto r = http.Post("/api/preview", headers, form.dump(), "application/json");
    return r && r->status == 200 ? json::parse(r->body) : json();
  }
};

const json kForm = {{"template", "notice"}, {"organ", "government"}, {"title", "关于做好水利设施冬季维护工作的通知"},
                    {"to", "各村民委员会，乡属各单位"}, {"date", "2026-11-18"},
                    {"body", "为做好今冬明春水利设施维护工作，现将有关事项通知如下：\n一、工作目标\n确保各村水渠、塘坝在明年汛期前完成检修。"}};

std::uint32_t be32(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

// A decoded 8-bit RGB PNG (filter 0 rows, as the server writes them).
struct Image {
  int width = 0, height = 0;
  std::string rgb;  // rows of width*3 bytes
};

Image decode(const std::string& png) {
  Image img;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::string idat;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const std::uint32_t len = be32(png, at);
    const std::string type = png.substr(at + 4, 4);
    const std::string data = png.substr(at + 8, len);
    const auto crc = crc32(0, reinterpret_cast<const Bytef*>(png.data() + at + 4), len + 4);
    EXPECT_EQ(crc, be32(png, at + 8 + len)) << "CRC of chunk " << type;
    if (type == "IHDR") {
      img.width = static_cast<int>(be32(data, 0));
      img.height = static_cast<int>(be32(data, 4));
      EXPECT_EQ(data.substr(8, 2), std::string("\x08\x02", 2));  // 8-bit RGB
    }
    if (type == "IDAT") idat += data;
    at += 12 + len;
  }
  std::string raw(static_cast<std::size_t>(img.height) * (1 + 3 * img.width), '\0');
  uLongf size = raw.size();
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(raw.data()), &size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()), Z_OK);
  EXPECT_EQ(size, raw.size());
  for (int y = 0; y < img.height; ++y) {
    EXPECT_EQ(raw[y * (1 + 3 * img.width)], '\0');
    img.rgb += raw.substr(y * (1 + 3 * img.width) + 1, 3 * img.width);
  }
  return img;
}

TEST(WebPreview, PageImagesArePngsOfTheRenderedPage) {
  WebServer srv("web-preview-png");
  User u(srv.port(), "wangfang");
  const json p = u.preview(kForm);
  ASSERT_EQ(p["ok"], true) << p.dump();
  ASSERT_EQ(p["pages"], 2);
  EXPECT_EQ(p["cached"], false);
  auto r = u.http.Get("/api/preview/" + p["preview"].get<std::string>() + "/1.png", u.headers);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
  EXPECT_NE(r->get_header_value("Server-Timing").find("raster;dur="), std::string::npos);
  const Image img = decode(r->body);
  EXPECT_EQ(img.width, 595);  // A4 at 72 dpi
  EXPECT_EQ(img.height, 842);
  // The page is white paper with black text and the red 版头 (发文机关标志) in its top third.
  int white = 0, dark = 0, red_top = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const auto* px = reinterpret_cast<const unsigned char*>(img.rgb.data() + 3 * (y * img.width + x));
      if (px[0] > 240 && px[1] > 240 && px[2] > 240) ++white;
      if (px[0] < 80 && px[1] < 80 && px[2] < 80) ++dark;
      if (y < img.height / 3 && px[0] > 180 && px[1] < 90 && px[2] < 90) ++red_top;
    }
  const int all = img.width * img.height;
  EXPECT_GT(white, all * 8 / 10);
  EXPECT_GT(dark, 1000);
  EXPECT_GT(red_top, 500);
}

TEST(WebPreview, TheSameTextIsAnsweredFromTheCacheOfItsMakerOnly) {
  WebServer srv("web-preview-cache");
  User a(srv.port(), "wangfang");
  const json first = a.preview(kForm);
  ASSERT_EQ(first["ok"], true) << first.dump();
  const json again = a.preview(kForm);
  EXPECT_EQ(again["cached"], true);
  EXPECT_EQ(again["preview"], first["preview"]);
  EXPECT_EQ(again["pages"], first["pages"]);
  json changed = kForm;
  changed["title"] = "关于做好水利设施春季维护工作的通知";
  const json other = a.preview(changed);
  EXPECT_EQ(other["cached"], false);
  EXPECT_NE(other["preview"], first["preview"]);
  // Another user with the very same text gets a preview of their own (the cache is per user:
  // a preview id is what authorises its page images).
  User b(srv.port(), "liuyang");
  const json theirs = b.preview(kForm);
  EXPECT_EQ(theirs["cached"], false);
  EXPECT_NE(theirs["preview"], first["preview"]);
  auto r = b.http.Get("/api/preview/" + first["preview"].get<std::string>() + "/1.png", b.headers);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

}  // namespace
}  // namespace gongwen::e2e
