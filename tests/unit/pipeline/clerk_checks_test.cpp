// A clerk's checks (格式诊断), one draft per finding: the message, line and column each must
// produce; `draft fix`'s corrections (apply_fixes) make the draft clean where the correction
// is certain, and leave the findings only the writer can settle. Also: every sample is clean,
// the skeleton of every template names every key it requires, and choosing a template by its
// 文种 asks which when there are several.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include "gongwen/pipeline/clerk_checks.hpp"
#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/number.hpp"
#include "gongwen/pipeline/template.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Env {
  std::vector<Template> templates;
  Profile profile;
};
const Env& env() {
  static const Env e = [] {
    const fs::path root = GONGWEN_SOURCE_DIR;
    return Env{load_templates(root / "templates").take(),
               parse_profile(slurp(root / "templates" / "profile.example.toml"), "gongwen.toml").take()};
  }();
  return e;
}

Diagnostics check(const std::string& text) {
  Diagnostics d;
  read_draft(text, "draft.toml", fs::path(GONGWEN_SOURCE_DIR) / "samples", env().templates, env().profile, d);
  return d;
}

// A clean 通知; each case replaces one line of it.
std::string notice(const std::string& title = "关于做好冬春森林防火工作的通知",
                   const std::string& to = "各村（社区）村民委员会", const std::string& date = "2026-11-02",
                   const std::string& body = "一、加强领导\n各村要落实责任。\n二、强化巡查\n做好巡查。",
                   const std::string& rest = "", const std::string& tpl = "notice") {
  return "template = \"" + tpl + "\"\norgan = \"government\"\ntitle = \"" + title + "\"\nto = \"" + to +
         "\"\ndate = " + date + "\ndrafter = \"wangfang\"\nbody = \"\"\"\n" + body + "\n\"\"\"\n" + rest;
}
const std::string kTitle = "关于做好冬春森林防火工作的通知";
const std::string kTo = "各村（社区）村民委员会";
const std::string kBody1 = "一、加强领导\n";  // line 8; the case's line is line 9

struct Case {
  const char* name;
  std::string draft;
  const char* code;
  int line, column;
  const char* message;  // a part of the Chinese message
  bool fixable;
};

std::vector<Case> cases() {
  const std::string attachment = "[[attachments]]\ntitle = \"森林防火责任书\"\nbody = \"责任书正文。\"\n";
  const std::string request_rest = "note = \"联系人：王芳，电话：0878-6212301\"\n";
  return {
      {"halfwidth comma", notice(kTitle, kTo, "2026-11-02", kBody1 + "各村要落实责任,加强巡查。"),
       "clerk.halfwidth", 9, 8, "半角标点“,”", true},
      {"halfwidth parenthesis", notice(kTitle, kTo, "2026-11-02", kBody1 + "各村(社区)要落实责任。"),
       "clerk.halfwidth", 9, 3, "半角标点“(”", true},
      {"straight quotes", notice(kTitle, kTo, "2026-11-02", kBody1 + "各村要落实\"三个到位\"。"), "clerk.quotes", 9,
       6, "引号“\"”", true},
      {"corner quotes", notice(kTitle, kTo, "2026-11-02", kBody1 + "各村要落实「三个到位」。"), "clerk.quotes", 9, 6,
       "引号“「”", true},
      {"文号 brackets and zero", notice(kTitle, kTo, "2026-11-02", kBody1 + "根据白政发[2026]07号文件要求。"),
       "clerk.docnumber", 9, 6, "应为“〔2026〕7号”", true},
      {"文号 with 第", notice(kTitle, kTo, "2026-11-02", kBody1 + "根据白政发〔2026〕第7号文件要求。"),
       "clerk.docnumber", 9, 6, "“〔2026〕第7号”写法有误", true},
      {"date with a leading zero", notice(kTitle, kTo, "2026-11-02", kBody1 + "于2026年09月30日前完成。"),
       "clerk.date.zero", 9, 7, "应为“9月”", true},
      {"成文日期 in Chinese numerals", notice(kTitle, kTo, "\"二〇二六年十一月二日\""), "clerk.date.chinese", 5, 9,
       "2026-11-02", true},
      {"placeholder title", notice("关于……的通知"), "clerk.placeholder", 3, 12, "“……”是待填的占位文字", false},
      {"placeholder in the text", notice(kTitle, kTo, "2026-11-02", kBody1 + "请××村于月底前上报。"),
       "clerk.placeholder", 9, 2, "“××”", false},
      {"主送 ends in a comma", notice(kTitle, "各村（社区）村民委员会，"), "clerk.to.mark", 4, 18, "末尾不用“，”", true},
      {"title without its 文种", notice("关于做好冬春森林防火工作"), "clerk.title.kind", 3, 22, "以文种“通知”结尾",
       true},
      {"title without 关于", notice("做好冬春森林防火工作的通知"), "clerk.title.guanyu", 3, 10, "缺少“关于”", false},
      {"title without 的", notice("关于做好冬春森林防火工作通知"), "clerk.title.de", 3, 22, "缺少“的”", true},
      {"附件说明 typed into the 正文", notice(kTitle, kTo, "2026-11-02", kBody1 + "附件：森林防火责任书", attachment),
       "clerk.attachment_note.body", 9, 1, "会重复", true},
      {"附件说明 without an attachment", notice(kTitle, kTo, "2026-11-02", kBody1 + "附件：森林防火责任书"),
       "clerk.attachment_note.none", 9, 1, "草稿没有附件", false},
      {"见附件 without an attachment", notice(kTitle, kTo, "2026-11-02", kBody1 + "名单详见附件。"),
       "clerk.attachment.missing", 9, 4, "“见附件”", false},
      {"请示 asking two things",
       notice("关于申请道路修复资金的请示", "县人民政府", "2026-11-02",
              "恳请县人民政府补助道路修复资金50万元。\n同时恳请安排村活动室建设项目。\n妥否，请批示。", request_rest,
              "request"),
       "clerk.request.several", 9, 3, "一文一事", false},
      {"heading skipped", notice(kTitle, kTo, "2026-11-02", "一、加强领导\n各村要落实责任。\n三、强化巡查"),
       "clerk.heading.order", 10, 1, "“三”不连续，应为“二”", true},
      {"一、 after （一）",
       notice(kTitle, kTo, "2026-11-02", "一、加强领导\n（一）落实责任\n（二）明确分工\n一、强化巡查"),
       "clerk.heading.order", 11, 1, "“一”不连续，应为“二”", true},
      {"（一） before any 一、", notice(kTitle, kTo, "2026-11-02", "（一）落实责任\n一、加强领导"),
       "clerk.heading.parent", 8, 2, "出现在第一个一级标题", false},
      {"empty 主送", notice(kTitle, ""), "draft.required.empty", 4, 6, "主送机关", false},
  };
}

const Diagnostic* find(const Diagnostics& d, const std::string& code) {
  for (const Diagnostic& x : d.items())
    if (x.code == code) return &x;
  return nullptr;
}

std::string listing(const Diagnostics& d) {
  std::string s;
  for (const Diagnostic& x : d.items()) s += x.render() + "\n";
  return s;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

// The messages are asserted in Chinese, the clerks' language; the binary's default is English.
class ClerkCheck : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override { set_message_language(Language::Chinese); }
  void TearDown() override { set_message_language(Language::English); }
};

TEST_P(ClerkCheck, ReportsLineColumnAndMessageAndDraftFixMakesItClean) {
  const Case& c = GetParam();
  const Diagnostics found = check(c.draft);
  const Diagnostic* d = find(found, c.code);
  ASSERT_NE(d, nullptr) << c.name << ": no " << c.code << " in\n" << listing(found);
  EXPECT_EQ(d->at.line, c.line) << d->render();
  EXPECT_EQ(d->at.column, c.column) << d->render();
  EXPECT_NE(d->message.find(c.message), std::string::npos) << d->message;
  EXPECT_FALSE(d->hints.empty()) << "every finding says what to do: " << d->render();
  EXPECT_EQ(d->fix.has_value(), c.fixable) << d->render();
  // The case's finding only (a pair of quotes is two): the base draft is clean.
  for (const Diagnostic& x : found.items()) EXPECT_EQ(x.code, c.code) << listing(found);

  std::vector<Diagnostic> applied;
  const std::string fixed = apply_fixes(c.draft, "draft.toml", found.items(), applied);
  const Diagnostics after = check(fixed);
  if (c.fixable) {
    EXPECT_EQ(applied.size(), found.items().size());
    EXPECT_TRUE(after.empty()) << "still after draft fix:\n" << listing(after) << fixed;
  } else {
    EXPECT_TRUE(applied.empty());
    EXPECT_EQ(fixed, c.draft) << "nothing is changed that only the writer can settle";
    EXPECT_NE(find(after, c.code), nullptr);
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& i) { return "case" + std::to_string(i.index); }

INSTANTIATE_TEST_SUITE_P(Findings, ClerkCheck, ::testing::ValuesIn(cases()), case_name);

TEST(ClerkChecks, FixCorrectsEveryFindingOfOneDraftAtOnce) {
  const std::string draft = notice("关于做好冬春森林防火工作通知", "各村（社区）村民委员会，", "2026-11-02",
                                   "一、加强领导\n各村要落实\"三个到位\",根据白政发[2026]07号文件要求。\n三、强化巡查");
  const Diagnostics found = check(draft);
  EXPECT_GE(found.items().size(), 6u) << listing(found);
  std::vector<Diagnostic> applied;
  const std::string fixed = apply_fixes(draft, "draft.toml", found.items(), applied);
  EXPECT_EQ(applied.size(), found.items().size());
  EXPECT_TRUE(check(fixed).empty()) << listing(check(fixed)) << fixed;
  EXPECT_NE(fixed.find("各村要落实“三个到位”，根据白政发〔2026〕7号文件要求。"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("title = \"关于做好冬春森林防火工作的通知\""), std::string::npos) << fixed;
}

TEST(ClerkChecks, EverySampleIsClean) {
  int n = 0;
  for (const auto& dir : {fs::path(GONGWEN_SOURCE_DIR) / "samples", fs::path(GONGWEN_SOURCE_DIR) / "samples" / "2025"})
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".toml") continue;
      Diagnostics d;
      read_draft(slurp(e.path()), e.path().string(), dir, env().templates, env().profile, d);
      EXPECT_TRUE(d.empty()) << listing(d);
      ++n;
    }
  EXPECT_GE(n, 25);
}

TEST(ClerkChecks, ReadsADateInChineseNumerals) {
  EXPECT_EQ(parse_chinese_numeral_date("二〇二六年十一月二日"), (Date{2026, 11, 2}));
  EXPECT_EQ(parse_chinese_numeral_date("二〇二六年九月三十日"), (Date{2026, 9, 30}));
  EXPECT_FALSE(parse_chinese_numeral_date("二〇二六年二月三十日"));
  EXPECT_FALSE(parse_chinese_numeral_date("2026年11月2日"));
}

// Every template's skeleton names every key the template requires, and a 请示's asks for 附注;
// the ones without 主送 (公告, 通告, 公报, 决议, 令, 纪要) leave `to` out.
TEST(Skeleton, NamesEveryRequiredKey) {
  for (const Template& t : env().templates) {
    const std::string s = draft_skeleton(t, "government", Date{2026, 11, 2});
    for (const std::string& key : t.required)
      if (!(key == "title" && !t.title_pattern.empty()))
        EXPECT_NE(s.find("\n" + key + " ="), std::string::npos) << t.id << " lacks " << key << ":\n" << s;
    EXPECT_EQ(s.find("\nto ="), t.no_recipients ? std::string::npos : s.find("\nto =")) << t.id;
    if (t.title_pattern.empty())
      EXPECT_NE(s.find("\ntitle = \"\" "), std::string::npos) << "an empty title, no sample words: " << t.id;
  }
  const Template* request = find_template(env().templates, "request");
  ASSERT_NE(request, nullptr);
  EXPECT_NE(draft_skeleton(*request, "government", Date{2026, 11, 2}).find("\nnote = "), std::string::npos);
}

TEST(Templates, AllFifteenKindsAndOneTemplatePerVariantName) {
  std::set<std::string> kinds, names;
  for (const Template& t : env().templates) {
    kinds.insert(t.kind);
    EXPECT_TRUE(names.insert(t.name).second) << "two templates named " << t.name;
  }
  for (const char* k : {"决议", "决定", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案",
                        "函", "纪要"})
    EXPECT_TRUE(kinds.count(k)) << k;
  // 通知 has three variants: by 文种 it asks which; by id or name it is one.
  EXPECT_EQ(find_template(env().templates, "通知"), nullptr);
  EXPECT_EQ(templates_of_kind(env().templates, "通知").size(), 3u);
  ASSERT_NE(find_template(env().templates, "会议通知"), nullptr);
  EXPECT_EQ(find_template(env().templates, "会议通知")->id, "meeting-notice");
  ASSERT_NE(find_template(env().templates, "批复"), nullptr);  // one variant: chosen by its 文种
  EXPECT_EQ(find_template(env().templates, "批复")->id, "reply");
  const Diagnostics d = check(notice(kTitle, kTo, "2026-11-02", "各村要落实责任。", "", "通知"));
  const Diagnostic* which = find(d, "draft.template.ambiguous");
  ASSERT_NE(which, nullptr) << listing(d);
  EXPECT_NE(which->message.find("meeting-notice（会议通知）"), std::string::npos) << which->message;
  EXPECT_EQ(which->at.line, 1);
}

// The rules of each new 文种 reach the model: no 主送 where there is none, the 题注 of 决议
// and 公报, the 签发人's post and name as the 署名 of 令 and 议案, the 请示 a 批复 answers.
TEST(Kinds, RulesReachTheDocument) {
  auto read = [](const std::string& text) {
    return read_draft(text, "draft.toml", fs::path(GONGWEN_SOURCE_DIR) / "samples", env().templates, env().profile);
  };
  const fs::path samples = fs::path(GONGWEN_SOURCE_DIR) / "samples";
  const Draft resolution = read(slurp(samples / "10-resolution.toml")).take();
  EXPECT_EQ(resolution.doc.title_note, "（2026年3月20日中共白路乡第十四届委员会第九次全体会议通过）");
  EXPECT_TRUE(resolution.doc.main_recipients.empty());
  const Draft order = read(slurp(samples / "12-order.toml")).take();
  EXPECT_EQ(order.doc.signature, "乡长　张建国");
  EXPECT_EQ(order.doc.format, Format::Order);
  EXPECT_EQ(order.doc.issuer_mark, "白路乡人民政府令");
  EXPECT_EQ(order.code, "白政令");
  const Draft motion = read(slurp(samples / "18-motion.toml")).take();
  EXPECT_EQ(motion.doc.signature, "乡长　张建国");
  EXPECT_EQ(motion.doc.signers, std::vector<std::string>{"张建国"});
  const Draft reply = read(slurp(samples / "17-reply.toml")).take();
  EXPECT_EQ(reply.answers_number, "白村请〔2026〕3号");
  EXPECT_EQ(reply.answers_title, "白路村村民委员会关于实施村内道路硬化工程的请示");
  EXPECT_EQ(order_number_text("白政令〔2026〕3号"), "第3号");

  // A 公告 with a 主送 is refused, naming the field.
  std::string text = slurp(samples / "14-announcement.toml");
  text.insert(text.find("date ="), "to = \"各村委会\"\n");
  const auto refused = read(text);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "to");
  EXPECT_EQ(refused.error().id, "draft.to.none") << refused.error().message;
}

}  // namespace
}  // namespace gongwen
