// The web desk's 拟稿 form and review screens (issue 15, web part): findings placed in the
// form's inputs (the body line by line, as `draft check` places them in a file) with the fix
// `draft fix` makes; 附件 uploaded and drafted with 附注 and 签发人; the reviewer's preview PDF,
// text and changes since the round before; bad input answered in Chinese, changing nothing.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct Desk {
  httplib::Client http;
  Session s;
  Desk(int port, const std::string& user)
      : http("127.0.0.1", port), s(login(port, user, kTestPassword)) {
    http.set_read_timeout(60, 0);
  }
  httplib::Result post(const std::string& path, const json& body) {
    return http.Post(path, s.headers(), body.dump(), "application/json");
  }
  httplib::Result get(const std::string& path) { return http.Get(path, s.headers()); }
  httplib::Result upload(const std::string& content, const std::string& filename,
                         const std::string& type = "text/plain") {
    httplib::MultipartFormDataItems items = {{"file", content, filename, type}};
    return http.Post("/api/attachments", s.headers(), items);
  }
};

const std::string kBody =
    "今年7月，我乡遭受强降雨袭击。\n一、灾损情况\n河口村堤坝冲毁320米。\n二、请示事项\n恳请县人民政"
    "府给予补助156.4万元。\n妥否，请批示。";

json request_form() {
  return {{"template", "request"},
          {"organ", "government"},
          {"title", "关于申请河口村防汛堤坝水毁修复资金的请示"},
          {"to", "县人民政府"},
          {"date", "2026-07-08"},
          {"urgency", "加急"},
          {"signers", "张建国"},
          {"note", "联系人：王芳，电话：0878-6212301"},
          {"copies_to", "县水务局"},
          {"body", kBody}};
}

// Every file of the drafter's web folder (pictures, attachments, drafts).
std::vector<std::string> files_of(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// UTF-8 text as code points, and back (the fixes count characters, as the page does).
std::u32string decode(const std::string& text) {
  std::u32string t;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = text[i];
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    t += cp;
    i += n;
  }
  return t;
}

std::string encode(const std::u32string& t) {
  std::string out;
  for (char32_t cp : t) {
    if (cp < 0x80)
      out += static_cast<char>(cp);
    else if (cp < 0x800)
      out += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    else if (cp < 0x10000)
      out += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
              static_cast<char>(0x80 | (cp & 0x3F))};
    else
      out += {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
              static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
  }
  return out;
}

// Applies a finding's fix ({length, with} from its line and column, in code points of the
// input's text) as the page does.
std::string apply_fix(const std::string& text, const json& d) {
  std::u32string t = decode(text);
  std::size_t at = 0;
  for (int line = 1; line < d["line"].get<int>(); ++line) at = t.find(U'\n', at) + 1;
  at += d["column"].get<std::size_t>() - 1;
  t.replace(at, d["fix"]["length"].get<std::size_t>(), decode(d["fix"]["with"].get<std::string>()));
  return encode(t);
}

json find_code(const json& diagnostics, const std::string& code, const std::string& field) {
  for (const auto& d : diagnostics)
    if (d["code"] == code && d["field"] == field) return d;
  return nullptr;
}

TEST(WebDraftForm, FindingsAreAtTheirLineAndColumnInTheirInputWithTheFix) {
  WebServer srv("web-form-places");
  Desk d(srv.port(), "wangfang");
  json form = request_form();
  // Line 3: a half-width comma after 7 characters; line 4: a heading numbered 三 after 一;
  // the 主送 ends in a comma; the title has a 文号 written with [ ] and a leading zero.
  form["body"] =
      "今年7月，我乡遭受强降雨袭击。\n一、灾损情况\n河口村堤坝冲毁320米,"
      "沿河群众受威胁。\n三、请示事项\n恳请县人民政府给予补助156.4万元。";
  form["to"] = "县人民政府，";
  form["note"] = "联系人：王芳,电话：0878-6212301";
  const json r = json_answer(d.post("/api/drafts/check", form), "check", 200);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);  // warnings only: nothing refuses the draft
  const json& diags = r["diagnostics"];
  const json comma = find_code(diags, "clerk.halfwidth", "body");
  ASSERT_FALSE(comma.is_null()) << diags.dump(2);
  EXPECT_EQ(comma["line"], 3);
  EXPECT_EQ(comma["column"], 12);
  EXPECT_EQ(comma["severity"], "warning");
  EXPECT_EQ(comma["fix"]["with"], "，");
  EXPECT_EQ(comma["fix"]["length"], 1);
  EXPECT_NE(comma["message"].get<std::string>().find("半角"), std::string::npos) << comma.dump();
  const json heading = find_code(diags, "clerk.heading.order", "body");
  ASSERT_FALSE(heading.is_null()) << diags.dump(2);
  EXPECT_EQ(heading["line"], 4);
  EXPECT_EQ(heading["column"], 1);
  EXPECT_EQ(heading["fix"]["with"], "二");
  const json mark = find_code(diags, "clerk.to.mark", "to");
  ASSERT_FALSE(mark.is_null()) << diags.dump(2);
  EXPECT_EQ(mark["line"], 1);
  EXPECT_EQ(mark["column"], 6);
  const json note = find_code(diags, "clerk.halfwidth", "note");
  ASSERT_FALSE(note.is_null()) << diags.dump(2);
  EXPECT_EQ(note["column"], 7);

  // Each fix applied as the page applies it leaves the draft clean of that finding, as
  // `draft fix` leaves a file.
  form["body"] = apply_fix(apply_fix(form["body"], heading), comma);
  form["to"] = apply_fix(form["to"], mark);
  form["note"] = apply_fix(form["note"], note);
  const json fixed = json_answer(d.post("/api/drafts/check", form), "check fixed", 200);
  EXPECT_TRUE(fixed["ok"].get<bool>());
  EXPECT_TRUE(fixed["diagnostics"].empty()) << fixed["diagnostics"].dump(2);
  EXPECT_NE(form["body"].get<std::string>().find("320米，沿河"), std::string::npos) << form["body"];
  EXPECT_NE(form["body"].get<std::string>().find("\n二、请示事项"), std::string::npos)
      << form["body"];

  // A problem of the body reader has its line in the box too: the table row on line 3.
  form["body"] = "请批示。\n| 村 | 责任人 |\n| 白路村 |";
  const json table = json_answer(d.post("/api/drafts/check", form), "check table", 200);
  const json row = find_code(table["diagnostics"], "body.table.row_cells", "body");
  ASSERT_FALSE(row.is_null()) << table.dump(2);
  EXPECT_EQ(row["line"], 3);
}

TEST(WebDraftForm, ARequestWithNoteSignerAndAnUploadedAttachment) {
  WebServer srv("web-form-request");
  Desk d(srv.port(), "wangfang");
  const json up = json_answer(
      d.upload("河口村防汛堤坝水毁修复工程资金测算表\n一、浆砌石挡墙恢复重建：320米。\n",
               "测算表.txt"),
      "upload", 201);
  ASSERT_TRUE(up["ok"].get<bool>()) << up.dump();
  EXPECT_EQ(up["title"], "测算表");
  const std::string file = up["file"];
  EXPECT_EQ(file.rfind("att-", 0), 0u) << file;
  // The same bytes again are the same stored file.
  EXPECT_EQ(json_answer(
                d.upload("河口村防汛堤坝水毁修复工程资金测算表\n一、浆砌石挡墙恢复重建：320米。\n",
                         "x.txt"),
                "again", 201)["file"],
            file);

  json form = request_form();
  form["attachments"] =
      json::array({{{"title", "河口村防汛堤坝水毁修复工程资金测算表"}, {"file", file}}});
  const json checked = json_answer(d.post("/api/drafts/check", form), "check", 200);
  EXPECT_TRUE(checked["ok"].get<bool>()) << checked.dump(2);
  const json submitted = json_answer(d.post("/api/drafts", form), "submit", 201);
  const auto id = submitted["draft"]["id"].get<int>();

  // The draft file holds the 附注, 签发人 and the attachment, the body line by line.
  std::string toml;
  for (const auto& f : files_of(srv.dir() / "drafts" / "web" / "wangfang"))
    if (f.rfind("draft-", 0) == 0) toml = slurp(srv.dir() / "drafts" / "web" / "wangfang" / f);
  EXPECT_NE(toml.find("note = \"联系人：王芳，电话：0878-6212301\""), std::string::npos) << toml;
  EXPECT_NE(toml.find("signers = [\"张建国\"]"), std::string::npos) << toml;
  EXPECT_NE(toml.find("[[attachments]]"), std::string::npos) << toml;
  EXPECT_NE(toml.find("body = \"\"\"\n今年7月"), std::string::npos) << toml;

  // The reviewer reads its text and its preview PDF.
  Desk r(srv.port(), "zhaoli");
  const json draft = json_answer(r.get("/api/drafts/" + std::to_string(id)), "draft", 200)["draft"];
  const std::string text = draft["document_text"];
  for (const char* want : {"县人民政府：", "附件：1.河口村防汛堤坝水毁修复工程资金测算表",
                           "（联系人：王芳，电话：0878-6212301）", "浆砌石挡墙恢复重建"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " in " << text;
  EXPECT_EQ(draft["preview"], "/api/drafts/" + std::to_string(id) + "/preview.pdf");
  EXPECT_EQ(draft["changes"]["summary"], "第 1 轮送审，没有上一轮可比较");
  auto pdf = r.get(draft["preview"].get<std::string>());
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf->get_header_value("X-Frame-Options"),
            "SAMEORIGIN");  // shown in the 文稿 page's frame
  const fs::path saved = srv.dir().string() + ".preview.pdf";
  std::ofstream(saved, std::ios::binary) << pdf->body;
  const Outcome words = run("pdftotext", {saved.string(), "-"}, "");
  fs::remove(saved);
  ASSERT_EQ(words.code, 0) << words.err;
  for (const char* want :
       {"签发人：张建国", "加急", "白政请〔2026〕", "抄送：县水务局", "资金测算表"})
    EXPECT_NE(words.out.find(want), std::string::npos) << want << " in the preview:\n" << words.out;
}

TEST(WebDraftForm, BadAttachmentsAreFindingsBesideThemAndNothingIsWritten) {
  WebServer srv("web-form-bad-attachments");
  Desk d(srv.port(), "wangfang");
  json form = request_form();
  form["attachments"] = json::array({{{"title", "测算表"}, {"file", "../../gongwen.toml"}},
                                     {{"title", ""}, {"file", "att-000000000000000000000000.txt"}},
                                     {{"title", 7}, {"body", "x"}},
                                     {{"title", "说明"}, {"path", "x"}}});
  const json r = json_answer(d.post("/api/drafts/check", form), "check", 200);
  EXPECT_FALSE(r["ok"].get<bool>());
  const json& diags = r["diagnostics"];
  const json outside = find_code(diags, "form.attachment.file", "attachments.0.file");
  ASSERT_FALSE(outside.is_null()) << diags.dump(2);
  EXPECT_EQ(outside["message"], "附件 1 的文件不在服务器上（网页拟稿只能使用您上传的附件）");
  EXPECT_FALSE(find_code(diags, "form.attachment.title", "attachments.1.title").is_null())
      << diags.dump(2);
  EXPECT_FALSE(find_code(diags, "form.attachment.file", "attachments.1.file").is_null())
      << diags.dump(2);
  EXPECT_FALSE(find_code(diags, "form.not_text", "attachments.2.title").is_null()) << diags.dump(2);
  EXPECT_FALSE(find_code(diags, "form.unknown_field", "attachments.3.path").is_null())
      << diags.dump(2);
  form["attachments"] = "测算表";
  EXPECT_FALSE(
      find_code(json_answer(d.post("/api/drafts/check", form), "check", 200)["diagnostics"],
                "form.attachments", "attachments")
          .is_null());
  // A wrong field of the form, and 签发人 that are not text.
  form.erase("attachments");
  form["signers"] = 5;
  form["attachment"] = "x";
  const json wrong = json_answer(d.post("/api/drafts", form), "submit", 400);
  EXPECT_FALSE(find_code(wrong["diagnostics"], "form.not_text", "signers").is_null())
      << wrong.dump(2);
  EXPECT_FALSE(find_code(wrong["diagnostics"], "form.unknown_field", "attachment").is_null())
      << wrong.dump(2);
  EXPECT_EQ(json_answer(d.get("/api/drafts"), "drafts", 200)["drafts"].size(), 0u);
  EXPECT_TRUE(files_of(srv.dir() / "drafts" / "web" / "wangfang").empty());
}

TEST(WebDraftForm, BadUploadsAreRefusedInChineseAndStoreNothing) {
  WebServer srv("web-form-bad-uploads");
  Desk d(srv.port(), "wangfang");
  const fs::path dir = srv.dir() / "drafts" / "web" / "wangfang";
  const json empty = json_answer(d.upload("", "空.txt"), "empty", 400);
  EXPECT_EQ(empty["error"]["message"], "上传的附件是空文件");
  EXPECT_EQ(json_answer(d.upload(" \n\n", "空.txt"), "blank", 400)["error"]["message"],
            "上传的附件是空文件");
  const json big =
      json_answer(d.upload(std::string((4u << 20) + 10, 'a'), "大.txt"), "too big", 413);
  EXPECT_EQ(big["error"]["message"], "附件超过 4 MB");
  EXPECT_FALSE(big["error"]["hints"].empty());
  const json binary = json_answer(
      d.upload(std::string("\x89PNG\r\n\x1a\n\xff\xfe\0\0", 12), "a.txt"), "binary", 400);
  EXPECT_EQ(binary["error"]["message"],
            "附件应是 UTF-8 编码的文本文件（.txt）或 Word 文档（.docx）");
  // Not a multipart upload at all.
  const json none = json_answer(d.post("/api/attachments", {{"file", "x"}}), "json", 400);
  EXPECT_EQ(none["error"]["message"], "请选择要上传的附件文件");
  EXPECT_TRUE(files_of(dir).empty()) << files_of(dir).size();
  // A reviewer is no drafter: refused, nothing stored for them either.
  Desk r(srv.port(), "zhaoli");
  const json refused = json_answer(r.upload("附件正文\n", "a.txt"), "reviewer", 403);
  EXPECT_EQ(refused["error"]["message"], "只有拟稿人可以上传附件");
  EXPECT_TRUE(files_of(srv.dir() / "drafts" / "web" / "zhaoli").empty());
  // Without the CSRF token, or logged out.
  httplib::Client raw("127.0.0.1", srv.port());
  httplib::MultipartFormDataItems items = {{"file", "附件正文\n", "a.txt", "text/plain"}};
  auto no_token = raw.Post("/api/attachments", {{"Cookie", "gw_session=" + d.s.cookie}}, items);
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  auto anonymous = raw.Post("/api/attachments", items);
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_TRUE(files_of(dir).empty());
}

TEST(WebReview, ChangesSinceTheLastRoundAndThePreviewOfThisRound) {
  WebServer srv("web-review-rounds");
  Desk d(srv.port(), "wangfang");
  const json submitted = json_answer(d.post("/api/drafts", request_form()), "submit", 201);
  const std::string id = std::to_string(submitted["draft"]["id"].get<int>());
  Desk r(srv.port(), "zhaoli");
  const std::string first_pdf = r.get("/api/drafts/" + id + "/preview.pdf")->body;
  json_answer(r.post("/api/drafts/" + id + "/review",
                     {{"decision", "return"}, {"opinion", "补充灾损数字"}}),
              "return", 200);

  // The drafter edits the draft file and submits it again from the command line: round 2.
  fs::path file;
  for (const auto& f : files_of(srv.dir() / "drafts" / "web" / "wangfang"))
    if (f.rfind("draft-", 0) == 0) file = srv.dir() / "drafts" / "web" / "wangfang" / f;
  std::string toml = slurp(file);
  const std::string old_line = "河口村堤坝冲毁320米。";
  ASSERT_NE(toml.find(old_line), std::string::npos) << toml;
  toml.replace(toml.find(old_line), old_line.size(), "河口村堤坝冲毁320米，涉及86户312人。");
  std::ofstream(file) << toml;
  const Outcome again =
      run(GONGWEN_BINARY, {"-w", srv.dir().string(), "--as", "wangfang", "submit", file.string()},
          "GONGWEN_PASSWORD=" + std::string(kTestPassword) +
              " GONGWEN_CONFIG_DIR=" + quote(srv.dir().string() + ".cfg"));
  fs::remove_all(srv.dir().string() + ".cfg");
  ASSERT_EQ(again.code, 0) << again.out << again.err;

  const json draft = json_answer(r.get("/api/drafts/" + id), "draft", 200)["draft"];
  EXPECT_EQ(draft["round"], 2);
  const json& c = draft["changes"];
  EXPECT_EQ(c["from_round"], 1);
  EXPECT_EQ(c["to_round"], 2);
  EXPECT_EQ(c["added"], 1);
  EXPECT_EQ(c["removed"], 1);
  EXPECT_EQ(c["summary"], "与第 1 轮相比：增加 1 行，删除 1 行");
  int kept = 0;
  std::string removed, added;
  for (const auto& l : c["lines"]) {
    if (l["op"] == "-")
      removed = l["text"];
    else if (l["op"] == "+")
      added = l["text"];
    else
      ++kept;
  }
  EXPECT_EQ(removed, old_line);
  EXPECT_EQ(added, "河口村堤坝冲毁320米，涉及86户312人。");
  EXPECT_GT(kept, 5);
  EXPECT_NE(draft["document_text"].get<std::string>().find("涉及86户312人"), std::string::npos);
  // The preview is of this round's text.
  const auto second = r.get("/api/drafts/" + id + "/preview.pdf");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_NE(second->body, first_pdf);
}

TEST(WebReview, AnUnknownOrHiddenDraftHasNoPreviewNoTextNoChanges) {
  WebServer srv("web-review-hidden");
  Desk cleared(srv.port(), "chenzhiyong");
  json secret = {{"template", "notice"},
                 {"organ", "government"},
                 {"title", "关于征兵政治考核工作的通知"},
                 {"to", "各村党总支"},
                 {"date", "2026-11-18"},
                 {"secrecy", "秘密"},
                 {"body", "请各村配合做好应征青年政治考核工作。"}};
  const json s = json_answer(cleared.post("/api/drafts", secret), "secret", 201);
  const std::string id = std::to_string(s["draft"]["id"].get<int>());
  Desk other(srv.port(), "wangfang");  // not cleared for 秘密
  const json hidden =
      json_answer(other.get("/api/drafts/" + id + "/preview.pdf"), "hidden pdf", 404);
  const json unknown = json_answer(other.get("/api/drafts/999/preview.pdf"), "unknown pdf", 404);
  EXPECT_EQ(unknown["error"]["message"], "没有编号为 #999 的文稿");
  EXPECT_EQ(hidden["error"]["message"],
            "没有编号为 #" + id + " 的文稿");  // the same words as for none
  json_answer(other.get("/api/drafts/" + id), "hidden draft", 404);
  // The cleared reviewer sees it.
  Desk reviewer(srv.port(), "zhaoli");
  EXPECT_EQ(reviewer.get("/api/drafts/" + id + "/preview.pdf")->status, 200);
  httplib::Client anonymous("127.0.0.1", srv.port());
  EXPECT_EQ(anonymous.Get("/api/drafts/" + id + "/preview.pdf")->status, 401);
}

}  // namespace
}  // namespace gongwen::e2e
