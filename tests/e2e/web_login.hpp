#pragma once
// A logged-in web desk session for the API tests: the session cookie and its CSRF token.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "web_server.hpp"

namespace gongwen::e2e {

struct Session {
  std::string cookie, csrf;
  httplib::Headers headers() const { return {{"Cookie", "gw_session=" + cookie}, {"X-CSRF-Token", csrf}}; }
};

// POST /api/login as `user` (the demo's password unless another is given).
inline Session login(int port, const std::string& user, const std::string& password = kDemoPassword) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/login", nlohmann::json{{"user", user}, {"password", password}}.dump(), "application/json");
  if (!r || r->status != 200) throw std::runtime_error("login failed: " + (r ? r->body : std::string("no reply")));
  return {r->get_header_value("Set-Cookie").substr(11, 64), nlohmann::json::parse(r->body)["csrf"]};
}

// The JSON of an answer expected with status `expect`; a missing answer or another status is a
// test failure (naming the path and the body), and gives an empty or unparsed value.
inline nlohmann::json json_answer(const httplib::Result& r, const std::string& path, int expect) {
  EXPECT_TRUE(r) << path;
  if (!r) return {};
  EXPECT_EQ(r->status, expect) << path << ": " << r->body;
  return nlohmann::json::parse(r->body, nullptr, false);
}

// A well-formed empty PDF, with its cross-reference table (a 来文 without one is refused as
// damaged, issue 13).
inline std::string empty_pdf() {
  std::string pdf = "%PDF-1.4\n";
  const std::size_t o1 = pdf.size();
  pdf += "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n";
  const std::size_t o2 = pdf.size();
  pdf += "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n";
  const std::size_t xref_at = pdf.size();
  char xref[128];
  std::snprintf(xref, sizeof xref, "xref\n0 3\n0000000000 65535 f \n%010zu 00000 n \n%010zu 00000 n \n", o1, o2);
  return pdf + xref + "trailer<</Size 3/Root 1 0 R>>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
}

// The 拟稿 form of a two-part 通知 as the desk's page sends it.
inline nlohmann::json notice_form(const std::string& title, const std::string& secrecy = "") {
  return {{"template", "notice"},
          {"organ", "government"},
          {"title", title},
          {"to", "各村民委员会，乡属各单位"},
          {"date", "2026-11-18"},
          {"secrecy", secrecy},
          {"copies", "20"},
          {"body",
           "为做好今冬明春水利设施维护工作，现将有关事项通知如下：\n一、工作目标\n确保各村水渠、塘坝在明年"
           "汛期前完成检修。\n二、工作要求\n各村于12月10日前上报检修计划。"}};
}

}  // namespace gongwen::e2e
