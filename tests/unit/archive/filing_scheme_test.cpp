// The filing settings (templates/archive.toml): the shipped defaults, separators and scheme
// change the codes, bad settings are refused with file and line. Their effect on a filed year
// is tested with the office's workflow in unit/services/filing_scheme_year_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/filing_scheme.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

std::string shipped() { return read_file(fs::path(GONGWEN_SOURCE_DIR) / "templates" / "archive.toml"); }

TEST(FilingScheme, ShippedSettingsAreTheDaT22Defaults) {
  auto s = parse_filing_scheme(shipped(), "archive.toml");
  ASSERT_TRUE(s.ok()) << s.error().render();
  EXPECT_EQ(s.value().name(), "年度-机构-保管期限");
  EXPECT_EQ(s.value().archive_code("Z109", "2011", "Y", "BGS", 1), "Z109-WS·2011-Y-BGS-0001");
  EXPECT_EQ(s.value().box_items, 50);
  EXPECT_EQ(s.value().box_pages, 400);
  // The built-in defaults (a workspace without the file) are the same.
  EXPECT_EQ(FilingScheme{}.archive_code("Z109", "2011", "Y", "BGS", 1), "Z109-WS·2011-Y-BGS-0001");
}

TEST(FilingScheme, SeparatorsAndSchemeChangeTheCode) {
  auto t13 = parse_filing_scheme("[separators]\nlevel = \"·\"\n", "a.toml");
  ASSERT_TRUE(t13.ok()) << t13.error().render();
  EXPECT_EQ(t13.value().archive_code("Z109", "2011", "Y", "BGS", 7), "Z109-WS·2011·Y·BGS-0007");
  auto small = parse_filing_scheme("scheme = \"年度-保管期限\"\n", "a.toml");
  ASSERT_TRUE(small.ok());
  EXPECT_FALSE(small.value().has_unit());
  EXPECT_EQ(small.value().archive_code("Z109", "2011", "D30", "BGS", 12), "Z109-WS·2011-D30-0012");
  auto other = parse_filing_scheme("scheme = \"年度-保管期限-机构\"\ncategory = \"KJ\"\n[separators]\nitem = \"—\"\n", "a.toml");
  ASSERT_TRUE(other.ok()) << other.error().render();
  EXPECT_EQ(other.value().levels, (std::vector<ClassLevel>{ClassLevel::Retention, ClassLevel::Unit}));
  EXPECT_EQ(other.value().archive_code("Z109", "2011", "D10", "BGS", 3), "Z109-KJ·2011-D10-BGS—0003");
}

struct BadCase {
  const char* text;
  int line;
  const char* words;
};

class FilingSchemeBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(FilingSchemeBadInput, IsBadInputWithFileAndLine) {
  const auto r = parse_filing_scheme(GetParam().text, "archive.toml");
  ASSERT_FALSE(r.ok()) << GetParam().text;
  EXPECT_EQ(r.error().code, Code::BadInput);
  ASSERT_TRUE(r.error().at.has_value());
  EXPECT_EQ(r.error().at->file, "archive.toml");
  EXPECT_EQ(r.error().at->line, GetParam().line) << r.error().render();
  EXPECT_THAT(r.error().render(), HasSubstr(GetParam().words));
}

INSTANTIATE_TEST_SUITE_P(
    Table, FilingSchemeBadInput,
    ::testing::Values(BadCase{"scheme = \"年度-机构\"\n", 1, "unknown scheme"},
                      BadCase{"\n\nscheme = 3\n", 3, "unknown scheme"},
                      BadCase{"category = \"文书\"\n", 1, "category"},
                      BadCase{"[separators]\nlevel = \"\"\n", 2, "separator level"},
                      BadCase{"[separators]\nfonds = \"A\"\n", 2, "separator fonds"},
                      BadCase{"[separators]\nitem = \"/\"\n", 2, "separator item"},
                      BadCase{"[separators]\ncolon = \":\"\n", 2, "unknown separator"},
                      BadCase{"[box]\nitems = 0\n", 2, "box items"},
                      BadCase{"[box]\nthickness = 3\n", 2, "unknown box setting"},
                      BadCase{"year_first = true\n", 1, "unknown key"},
                      BadCase{"scheme = \"年度\n", 1, "not valid TOML"}));

}  // namespace
}  // namespace gongwen::archive::test
