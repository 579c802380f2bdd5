// The message catalogue: complete in both languages, the locale rule, placeholders, and
// every code the readers use present in the table.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "gongwen/pipeline/diagnostics.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

// Sets a language for one test and puts English (this binary's language) back.
struct LanguageScope {
  explicit LanguageScope(Language l) { set_message_language(l); }
  ~LanguageScope() { set_message_language(Language::English); }
};

std::set<std::string> placeholders(std::string_view text) {
  static const std::regex re(R"(\{([a-z0-9_]+)\})");
  std::set<std::string> out;
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1].str());
  return out;
}

TEST(Messages, EveryEntryHasBothLanguagesAndTheSamePlaceholders) {
  std::set<std::string_view> codes;
  ASSERT_GT(message_catalog().size(), 100u);
  for (const CatalogEntry& e : message_catalog()) {
    SCOPED_TRACE(std::string(e.code));
    EXPECT_TRUE(codes.insert(e.code).second) << "twice in the table";
    EXPECT_FALSE(e.chinese.empty());
    EXPECT_FALSE(e.english.empty());
    // A wording may leave out an argument the other uses (主送机关 beside 'to'), never add
    // one of its own: one set holds the other.
    const auto zh = placeholders(e.chinese), en = placeholders(e.english);
    EXPECT_TRUE(std::includes(zh.begin(), zh.end(), en.begin(), en.end()) ||
                std::includes(en.begin(), en.end(), zh.begin(), zh.end()));
  }
}

TEST(Messages, TheLocaleChoosesEnglishOnlyWhenItSaysEn) {
  EXPECT_EQ(language_from_locale(nullptr, nullptr, nullptr), Language::Chinese);
  EXPECT_EQ(language_from_locale(nullptr, nullptr, "en_US.UTF-8"), Language::English);
  EXPECT_EQ(language_from_locale(nullptr, nullptr, "zh_CN.UTF-8"), Language::Chinese);
  EXPECT_EQ(language_from_locale(nullptr, nullptr, "C.UTF-8"), Language::Chinese);
  EXPECT_EQ(language_from_locale("", "", "en_GB"), Language::English);  // empty is unset
  EXPECT_EQ(language_from_locale(nullptr, "en_US.UTF-8", "zh_CN.UTF-8"), Language::English);
  EXPECT_EQ(language_from_locale("zh_CN.UTF-8", "en_US.UTF-8", "en_US.UTF-8"), Language::Chinese);  // LC_ALL wins
  EXPECT_EQ(language_from_locale("en_US.UTF-8", nullptr, "C"), Language::English);
}

TEST(Messages, PlaceholdersAreFilledAndOtherBracesKept) {
  EXPECT_EQ(msg_in(Language::English, "draft.template.unknown", {{"id", "bulletin"}}), "unknown template 'bulletin'");
  EXPECT_EQ(msg_in(Language::Chinese, "draft.template.unknown", {{"id", "bulletin"}}), "没有名为“bulletin”的模板");
  EXPECT_EQ(msg_in(Language::English, "template.braces", {{"key", "body"}}), "'{{' without a closing '}}' in body");
  EXPECT_EQ(msg_in(Language::English, "body.picture.width.hint"), "write {width=80mm} or leave it out to fit the picture");
  // An argument not named in the text is ignored; a placeholder without an argument stays.
  EXPECT_EQ(msg_in(Language::English, "draft.template.unknown", {{"other", "x"}}), "unknown template '{id}'");
  EXPECT_EQ(msg("no.such.code"), "no.such.code");
  EXPECT_FALSE(has_message("no.such.code"));
}

TEST(Messages, ReportsUseTheCatalogueWords) {
  Diagnostics diags;
  diags.add(Code::BadInput, "draft.date.invalid", SourcePos{"a.toml", 5, 8}, "date", {{"value", "2026-02-30"}})
      .hint("draft.date.invalid.hint");
  {
    LanguageScope zh(Language::Chinese);
    Diagnostics chinese;
    chinese.add(Code::BadInput, "draft.date.invalid", SourcePos{"a.toml", 5, 8}, "date", {{"value", "2026-02-30"}})
        .hint("draft.date.invalid.hint");
    EXPECT_EQ(chinese.render(),
              "a.toml:5:8: 错误: 成文日期（date）“2026-02-30”不是有效的日期\n  提示: 写作 date = 2026-09-01\n");
    EXPECT_EQ(code_text(Code::BadInput), "输入有误");
  }
  EXPECT_EQ(diags.render(),
            "a.toml:5:8: error: 成文日期 (date) '2026-02-30' is not a valid calendar date\n"
            "  hint: write it as date = 2026-09-01\n");
  EXPECT_EQ(code_text(Code::BadInput), "bad input");
  const Error e = diags.to_error();
  EXPECT_EQ(e.id, "draft.date.invalid");
  EXPECT_EQ(e.field, "date");
  EXPECT_EQ(e.at->line, 5);
  ASSERT_EQ(e.diagnostics.size(), 1u);
}

// Every message code written in the sources is in the table: a typo in a code would show
// the code instead of a message.
TEST(Messages, EveryCodeTheSourcesUseIsInTheTable) {
  static const std::regex literal(
      R"re("((?:word|code|cli|check|toml|where|field|draft|hint|body|template|profile|form|list)\.[a-z0-9_.\-]*[a-z0-9_])")re");
  static const std::set<std::string> not_codes = {"profile.example", "profile.example.toml", "cli.hpp", "draft.toml"};
  int seen = 0;
  for (const char* dir : {"pipeline/src", "app/src"}) {
    for (const auto& f : fs::recursive_directory_iterator(fs::path(GONGWEN_SOURCE_DIR) / dir)) {
      if (f.path().extension() != ".cpp" || f.path().filename() == "catalog.cpp") continue;
      std::ifstream in(f.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it) {
        const std::string code = (*it)[1].str();
        if (not_codes.count(code)) continue;
        ++seen;
        EXPECT_TRUE(has_message(code)) << code << " in " << f.path();
      }
    }
  }
  EXPECT_GT(seen, 100);
}

}  // namespace
}  // namespace gongwen
