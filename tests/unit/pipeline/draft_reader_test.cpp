// Reading drafts: the happy path on every sample, and a table of malformed drafts with the
// message, line and field each must produce.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gongwen/pipeline/draft.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class DraftReader : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path root = GONGWEN_SOURCE_DIR;
    templates = load_templates(root / "templates").take();
    profile = parse_profile(slurp(root / "templates" / "profile.example.toml"), "gongwen.toml").take();
  }
  Result<Draft> read(const std::string& text) {
    return read_draft(text, "draft.toml", fs::path(GONGWEN_SOURCE_DIR) / "samples", templates, profile);
  }
  std::vector<Template> templates;
  Profile profile;
};

const char* kGood = R"(template = "notice"
organ = "government"
title = "关于做好秋季森林防火工作的通知"
to = "各村委会"
date = 2026-09-01
drafter = "wangfang"
body = """
为做好秋季森林防火工作，现通知如下：
一、提高认识
（一）加强领导。各村要成立工作专班。
1.明确责任人。
（1）村支书负总责。
"""
)";

TEST_F(DraftReader, ReadsEverySample) {
  int n = 0;
  for (const auto& dir : {fs::path(GONGWEN_SOURCE_DIR) / "samples", fs::path(GONGWEN_SOURCE_DIR) / "samples" / "2025"}) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".toml") continue;
      auto d = read_draft(slurp(e.path()), e.path().string(), dir, templates, profile);
      ASSERT_TRUE(d.ok()) << d.error().render();
      EXPECT_FALSE(d.value().doc.title.empty());
      EXPECT_FALSE(d.value().doc.body.empty());
      EXPECT_TRUE(d.value().doc.date.valid());
      ++n;
    }
  }
  EXPECT_GE(n, 14);
}

TEST_F(DraftReader, RecognisesHeadingLevelsAndRunInHeadings) {
  auto d = read(kGood);
  ASSERT_TRUE(d.ok()) << d.error().render();
  const auto& b = d.value().doc.body;
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b[0].kind, BlockKind::Paragraph);
  EXPECT_EQ(b[1].kind, BlockKind::Heading1);
  EXPECT_EQ(b[1].heading_bytes, b[1].text.size());
  EXPECT_EQ(b[2].kind, BlockKind::Heading2);
  EXPECT_EQ(b[2].text.substr(0, b[2].heading_bytes), "（一）加强领导。");  // run-in heading
  EXPECT_EQ(b[3].kind, BlockKind::Heading3);
  EXPECT_EQ(b[4].kind, BlockKind::Heading4);
  EXPECT_EQ(d.value().code, "白政发");
  EXPECT_EQ(d.value().doc.issuer_mark, "白路乡人民政府文件");
  EXPECT_EQ(d.value().doc.date.chinese(), "2026年9月1日");
}

TEST(ParseBody, NormalisesHalfWidthMarkers) {
  const auto b = parse_body("(一)组织领导\n1、明确分工\n(2)按时上报\n3.5万元用于采购\n不、这不是标题\n　　全角空格缩进的段落");
  ASSERT_EQ(b.size(), 6u);
  EXPECT_EQ(b[0].text, "（一）组织领导");
  EXPECT_EQ(b[0].kind, BlockKind::Heading2);
  EXPECT_EQ(b[1].text, "1.明确分工");
  EXPECT_EQ(b[1].kind, BlockKind::Heading3);
  EXPECT_EQ(b[2].text, "（2）按时上报");
  EXPECT_EQ(b[2].kind, BlockKind::Heading4);
  EXPECT_EQ(b[3].kind, BlockKind::Paragraph);  // 3.5万元 is a number, not a heading
  EXPECT_EQ(b[4].kind, BlockKind::Paragraph);  // 不 shares bytes with 一/七 but is no numeral
  EXPECT_EQ(b[5].text, "全角空格缩进的段落");
}

struct BadCase {
  const char* name;
  std::string text;
  Code code;
  const char* message_part;
  int line;            // 0 = do not check
  const char* field;   // "" = do not check
};

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto p = s.find(from);
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

TEST_F(DraftReader, RejectsBadInputWithFileLineAndField) {
  const std::string good = kGood;
  const std::vector<BadCase> cases = {
      {"malformed toml", replace(good, "to = \"各村委会\"", "to = \"各村委会"), Code::BadInput, "not valid TOML", 4, ""},
      {"unknown template", replace(good, "\"notice\"", "\"notise\""), Code::BadInput, "unknown template 'notise'", 1, "template"},
      {"no template", replace(good, "template = \"notice\"\n", ""), Code::BadInput, "which template", 0, "template"},
      {"missing required field", replace(good, "to = \"各村委会\"\n", ""), Code::BadInput, "'to' is required", 0, "to"},
      {"missing date", replace(good, "date = 2026-09-01\n", ""), Code::BadInput, "date", 0, "date"},
      {"impossible date", replace(good, "date = 2026-09-01", "date = \"2026-02-30\""), Code::BadInput, "not a valid calendar date", 5, "date"},
      {"invalid utf-8", replace(good, "各村委会", "各村\xff委会"), Code::BadInput, "not valid UTF-8", 4, ""},
      {"unknown user", replace(good, "\"wangfang\"", "\"nobody\""), Code::BadInput, "unknown user 'nobody'", 6, "drafter"},
      {"unknown organ", replace(good, "\"government\"", "\"county\""), Code::BadInput, "unknown organ 'county'", 2, "organ"},
      {"unknown key", replace(good, "drafter =", "drafer ="), Code::BadInput, "unknown key 'drafer'", 6, "drafer"},
      {"wrong type", replace(good, "title = \"关于做好秋季森林防火工作的通知\"", "title = 12"), Code::BadInput, "must be text", 3, "title"},
      {"unknown secrecy", good + "secrecy = \"内部\"\n", Code::BadInput, "unknown 密级", 0, "secrecy"},
      {"empty body", replace(good, "为做好秋季森林防火工作，现通知如下：\n一、提高认识\n（一）加强领导。各村要成立工作专班。\n1.明确责任人。\n（1）村支书负总责。\n", "\n"), Code::BadInput, "正文 (body) is empty", 0, "body"},
      {"too long", replace(good, "为做好", std::string(200001 * 3 / 3, 'x') + "为做好"), Code::BadInput, "more than the 200000", 0, "body"},
      {"attachment file missing", good + "[[attachments]]\ntitle = \"名单\"\nfile = \"no-such-file.txt\"\n", Code::NotFound, "cannot be read", 0, "file"},
      {"attachment without title", good + "[[attachments]]\nbody = \"x\"\n", Code::BadInput, "needs a 'title'", 0, "title"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = read(c.text);
    ASSERT_FALSE(r.ok());
    const Error& e = r.error();
    EXPECT_EQ(e.code, c.code);
    EXPECT_NE(e.render().find(c.message_part), std::string::npos) << e.render();
    ASSERT_TRUE(e.at.has_value());
    EXPECT_EQ(e.at->file.empty(), false);
    if (c.line) EXPECT_EQ(e.at->line, c.line) << e.render();
    if (*c.field) EXPECT_EQ(e.field, c.field) << e.render();
    EXPECT_NE(e.render().find("error:"), std::string::npos);
  }
}

// Issue 12: one reading reports every problem of the draft, each at its line and column.
TEST_F(DraftReader, ReportsEveryProblemAtOnceWithLineAndColumn) {
  const std::string text = R"(template = "notice"
organ = "government"
title = "关于做好秋季森林防火工作的通知"
to = "  "
date = "2026-02-30"
drafter = "wangfang"
secrecy = "内部"
body = """
为做好秋季森林防火工作，现通知如下：
| 村 | 责任人 |
| 白路村 |
　　![火情](chart.png
"""

[fields]
meeting_time = "上午9时"
)";
  Diagnostics diags;
  const auto d = read_draft(text, "draft.toml", fs::path(GONGWEN_SOURCE_DIR) / "samples", templates, profile, diags);
  EXPECT_FALSE(d.has_value());
  struct Want {
    const char* code;
    const char* field;
    int line, column;
  };
  const std::vector<Want> want = {
      {"draft.required.empty", "to", 4, 6},      {"draft.date.invalid", "date", 5, 8},
      {"draft.secrecy.unknown", "secrecy", 7, 11}, {"body.table.row_cells", "body", 11, 1},
      {"body.picture.syntax", "body", 12, 3},    {"draft.field.unknown", "meeting_time", 16, 1},
  };
  std::vector<Diagnostic> got = diags.items();
  std::sort(got.begin(), got.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.at.line < b.at.line; });
  ASSERT_EQ(got.size(), want.size()) << diags.render();
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].code);
    EXPECT_EQ(got[i].code, want[i].code);
    EXPECT_EQ(got[i].field, want[i].field);
    EXPECT_EQ(got[i].at.file, "draft.toml");
    EXPECT_EQ(got[i].at.line, want[i].line);
    EXPECT_EQ(got[i].at.column, want[i].column);
    EXPECT_EQ(got[i].severity, Severity::Error);
    EXPECT_FALSE(got[i].message.empty());
  }
  EXPECT_NE(got[3].message.find("body line 3: table row 2 has 1 cells"), std::string::npos) << got[3].message;
  // The Result form fails with the first problem and carries them all.
  auto r = read(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().diagnostics.size(), want.size());
  EXPECT_EQ(r.error().id, r.error().diagnostics.front().code);
  EXPECT_EQ(r.error().message, r.error().diagnostics.front().message);
}

// A missing key and an unknown template do not stop the checks after them.
TEST_F(DraftReader, GoesOnPastAMissingTemplateAndDate) {
  // (An id no template has: "bulletin" was one until the 公报 template came, issue 15.)
  std::string text = replace(replace(kGood, "\"notice\"", "\"no-such-template\""), "date = 2026-09-01\n", "");
  text = replace(text, "\"wangfang\"", "\"nobody\"") + "copies = 0\n";
  Diagnostics diags;
  EXPECT_FALSE(read_draft(text, "draft.toml", fs::path(GONGWEN_SOURCE_DIR) / "samples", templates, profile, diags));
  std::vector<std::string> codes;
  for (const auto& d : diags.items()) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"draft.template.unknown", "draft.drafter.unknown", "draft.copies.range",
                                             "draft.date.missing"}))
      << diags.render();
  // A TOML syntax error is reported alone: nothing after it parses.
  Diagnostics broken;
  EXPECT_FALSE(read_draft(replace(kGood, "to = \"各村委会\"", "to = \"各村委会"), "draft.toml", ".", templates, profile, broken));
  ASSERT_EQ(broken.items().size(), 1u);
  EXPECT_EQ(broken.items()[0].code, "toml.syntax");
}

TEST(Profile, ReportsEveryProblemOfTheProfile) {
  const std::string text = "[office]\nname = \"x\"\nfiling_deadline = \"13-40\"\n[[organs]]\nid = \"g\"\n"
                           "name = \"白路乡人民政府\"\ncode_prefix = \"白政\"\nsigner = \"zhang\"\n"
                           "[[users]]\nid = \"a\"\nroles = [\"boss\"]\nclearance = \"顶级\"\n";
  Diagnostics diags;
  EXPECT_FALSE(parse_profile(text, "p.toml", diags));
  std::vector<std::string> codes;
  for (const auto& d : diags.items()) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"profile.deadline.bad", "profile.role.unknown", "profile.clearance.unknown",
                                             "profile.signer.unknown"}))
      << diags.render();
}

TEST(Template, ReportsEveryProblemOfATemplate) {
  Diagnostics diags;
  EXPECT_FALSE(parse_template("id = \"x\"\nkind = \"通知\"\ndirection = \"sideways\"\nformat = \"scroll\"\n"
                              "colour = \"red\"\nbody = \"{{a\"\n",
                              "x.toml", diags));
  std::vector<std::string> codes;
  for (const auto& d : diags.items()) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"toml.unknown_key", "template.key.missing", "template.direction.unknown",
                                             "template.format.unknown", "template.braces"}))
      << diags.render();
}

TEST_F(DraftReader, TemplateFieldsFillTheBoilerplate) {
  const std::string text = R"(template = "meeting-notice"
organ = "government"
to = "各村委会"
date = 2026-03-02
drafter = "wangfang"
body = "请各单位准时参会。"

[fields]
meeting_name = "全乡春季植树造林工作会议"
meeting_time = "2026年3月5日上午9:00"
meeting_place = "乡政府三楼会议室"
attendees = "各村党支部书记"
agenda = "部署植树造林工作"
requirements = "不得缺席"
)";
  auto d = read(text);
  ASSERT_TRUE(d.ok()) << d.error().render();
  EXPECT_EQ(d.value().doc.title, "关于召开全乡春季植树造林工作会议的通知");
  const std::string all = d.value().doc.plain_text();
  EXPECT_NE(all.find("乡政府三楼会议室"), std::string::npos);
  EXPECT_NE(all.find("请各单位准时参会。"), std::string::npos);

  auto missing = read(replace(text, "meeting_place = \"乡政府三楼会议室\"\n", ""));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "meeting_place");
}

TEST(Profile, RejectsBrokenProfiles) {
  const std::string base = "[office]\nname = \"x\"\n[[organs]]\nid = \"g\"\nname = \"白路乡人民政府\"\ncode_prefix = \"白政\"\n";
  EXPECT_TRUE(parse_profile(base, "p.toml").ok());
  auto role = parse_profile(base + "[[users]]\nid = \"a\"\nroles = [\"boss\"]\n", "p.toml");
  ASSERT_FALSE(role.ok());
  EXPECT_NE(role.error().message.find("unknown role 'boss'"), std::string::npos);
  EXPECT_EQ(role.error().at->line, 9);
  auto dup = parse_profile(base + "[[users]]\nid = \"a\"\n[[users]]\nid = \"a\"\n", "p.toml");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("twice"), std::string::npos);
  auto no_organ = parse_profile("[office]\nname = \"x\"\n", "p.toml");
  ASSERT_FALSE(no_organ.ok());
  EXPECT_NE(no_organ.error().message.find("no issuing organ"), std::string::npos);
  auto deadline = parse_profile(replace(base, "name = \"x\"", "name = \"x\"\nfiling_deadline = \"13-40\""), "p.toml");
  ASSERT_FALSE(deadline.ok());
  EXPECT_EQ(deadline.error().field, "filing_deadline");
}

}  // namespace
}  // namespace gongwen
