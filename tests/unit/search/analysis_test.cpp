// The normalisation and segmentation both sides of the index rely on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gongwen/search/analysis.hpp"

namespace gongwen::search {
namespace {

using ::testing::ElementsAre;

TEST(NormalizeTest, FullWidthBecomesAscii) {
  EXPECT_EQ(normalize_text("ＦＯＲＥＳＴ２０２５：", TextRole::Query), "FOREST2025:");
}

TEST(NormalizeTest, DocumentsKeepChinesePunctuation) {
  EXPECT_EQ(normalize_text("关于（试行）办法的通知：请遵照执行，谢谢！……", TextRole::Document),
            "关于（试行）办法的通知：请遵照执行，谢谢！……");
  EXPECT_EQ(normalize_text("ＡＢＣ１２３", TextRole::Document), "ABC123");
  EXPECT_EQ(normalize_text("标题：森林", TextRole::Query), "标题:森林");
}

TEST(NormalizeTest, NumberBracketsFoldToTortoiseShell) {
  for (const char* in : {"白政发[2025]7号", "白政发【2025】7号", "白政发(2025)7号", "白政发（2025）7号",
                         "白政发［２０２５］7号", "白政发〔2025〕7号", "白政发﹝2025﹞7号", "白政发〖2025〗7号"})
    EXPECT_EQ(normalize_text(in, TextRole::Document), "白政发〔2025〕7号") << in;
  // Only a 4-digit year is a 文号 year.
  EXPECT_EQ(fold_number_brackets("(12345)"), "(12345)");
  EXPECT_EQ(fold_number_brackets("(一)"), "(一)");
  EXPECT_EQ(fold_number_brackets("[2025"), "[2025");
}

TEST(NormalizeTest, ControlAndInvisibleCharacters) {
  EXPECT_EQ(normalize_text("森\u200b林\x01防火", TextRole::Query), "森林 防火");
  EXPECT_EQ(normalize_text("\xEF\xBB\xBF标题", TextRole::Query), "标题");
}

TEST(NormalizeTest, SpacesBetweenHanRemovedInDocuments) {
  EXPECT_EQ(normalize_text("森 林  防\t火 工作 ABC 档案", TextRole::Document), "森林防火工作 ABC 档案");
  EXPECT_EQ(normalize_text("森 林", TextRole::Query), "森 林");
}

TEST(NormalizeTest, ChineseQuotesBecomeAscii) {
  EXPECT_EQ(normalize_text("“森林防火”「档案」", TextRole::Query), "\"森林防火\"\"档案\"");
}

TEST(Utf8Test, InvalidBytesFoundAndRepaired) {
  EXPECT_FALSE(find_invalid_utf8("森林").has_value());
  EXPECT_EQ(find_invalid_utf8("ab\xff"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xe6\xa3"), 0u);      // truncated
  EXPECT_EQ(find_invalid_utf8("\xc0\xaf"), 0u);      // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xed\xa0\x80"), 0u);  // surrogate
  EXPECT_EQ(repair_utf8("a\xffz"), "a\uFFFDz");
}

TEST(SegmentTest, DictionaryWords) {
  EXPECT_THAT(split_words("档案归档"), ElementsAre("档案", "归档"));
  EXPECT_THAT(split_words("森林防火工作"), ElementsAre("森林", "防火", "工作"));
  EXPECT_THAT(split_words("，。！"), ElementsAre());
  EXPECT_THAT(split_words(""), ElementsAre());
}

TEST(DocNumberTest, Forms) {
  for (const char* in : {"白政发〔2025〕7号", "白政发2025年7号", "白政发〔2025〕007号"}) {
    const auto n = parse_doc_number(in);
    ASSERT_TRUE(n) << in;
    EXPECT_EQ(n->organ, "白政发");
    EXPECT_EQ(n->year, "2025");
    EXPECT_EQ(n->seq, "7");
    EXPECT_EQ(n->canonical, "白政发〔2025〕7号");
  }
  EXPECT_EQ(parse_doc_number("〔2025〕7号")->organ, "");
  EXPECT_FALSE(parse_doc_number("2025年7月"));
  EXPECT_FALSE(parse_doc_number("白政发"));
  EXPECT_FALSE(parse_doc_number("白政发〔2025〕"));
  EXPECT_FALSE(parse_doc_number("〔20〕7号"));
}

}  // namespace
}  // namespace gongwen::search
