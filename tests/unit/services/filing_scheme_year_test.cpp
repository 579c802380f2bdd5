// The filing settings (templates/archive.toml) on a year filed through the office's workflow:
// classification scheme and 档号 separators change the codes; 装盒 (boxes) with their 盒脊 and
// one 备考表 per box. Reading the settings is tested in unit/archive/filing_scheme_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <map>
#include <regex>
#include <set>

#include "office_fixture.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/filing_scheme.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::HasSubstr;

class FilingSchemeYear : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    issue_new("minutes.toml", minutes_toml("2025年第31次乡长办公会议"));
    issue_new("letter-a.toml", letter_toml("关于商请支持道路交通安全设施建设的函", "2025-05-20"), "liuyang");
    issue_new("letter-b.toml", letter_toml("关于商请联合开展森林防火巡护的函", "2025-09-10"), "liuyang");
  }
  void settings(const std::string& text) { write_file_atomic(ws->templates_dir() / "archive.toml", text); }
  std::vector<std::string> codes(const FilingResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.items) out.push_back(f.archive_code);
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path bag() const { return ws->archive_dir() / "2025"; }
};

TEST_F(FilingSchemeYear, DefaultSettingsGiveDaT22Codes) {
  const auto r = file_year(*ws, 2025, clock, "zhouhong");
  const std::regex da22("Z109-WS·2025-(Y|D30|D10)-[A-Z]+-000[1-3]");
  for (const auto& c : codes(r)) EXPECT_TRUE(std::regex_match(c, da22)) << c;
  EXPECT_THAT(read_file(bag() / "bag-info.txt"), HasSubstr("Gongwen-Scheme: 年度-机构-保管期限\n"));
}

TEST_F(FilingSchemeYear, ChangedSeparatorChangesEveryCodeAndFileName) {
  settings("[separators]\nlevel = \"·\"\n");
  const auto r = file_year(*ws, 2025, clock, "zhouhong");
  ASSERT_EQ(r.items.size(), 3u);
  const std::regex da13("Z109-WS·2025·(Y|D30|D10)·[A-Z]+-000[1-3]");
  for (const auto& f : r.items) {
    EXPECT_TRUE(std::regex_match(f.archive_code, da13)) << f.archive_code;
    EXPECT_TRUE(fs::exists(bag() / "data" / "documents" / (f.archive_code + ".pdf"))) << f.archive_code;
    EXPECT_THAT(read_file(bag() / "data" / "metadata" / (f.archive_code + ".xml")),
                HasSubstr("<档号>" + f.archive_code + "</档号>"));
  }
  EXPECT_THAT(read_file(bag() / "data" / "归档文件目录.csv"), HasSubstr("Z109-WS·2025·"));
  const VerifyReport v = verify_year(*ws, 2025);
  EXPECT_TRUE(v.ok()) << (v.failures.empty() ? "" : v.failures[0].file + ": " + v.failures[0].problem);
}

TEST_F(FilingSchemeYear, SchemeWithoutUnitNumbersAcrossUnits) {
  // Two organs' documents of the same 保管期限 share one class when 机构 is not a level.
  office->issue(ref(signed_draft("party.toml",
                                 notice_toml("关于开展党史学习教育的通知", "2025-03-03", "wangfang", "\"party\""),
                                 "wangfang", "liminghua")),
                "sunxiuying");
  const auto with_unit = filing_plan(*ws, 2025);
  std::set<std::string> units;
  for (const auto& p : with_unit) units.insert(p.unit);
  ASSERT_GE(units.size(), 2u) << "the fixture must have two organs";
  settings("scheme = \"年度-保管期限\"\n");
  const auto r = file_year(*ws, 2025, clock, "zhouhong");
  std::map<std::string, std::vector<int>> by_class;
  for (const auto& f : r.items) {
    EXPECT_TRUE(std::regex_match(f.archive_code, std::regex("Z109-WS·2025-(Y|D30|D10)-000[1-4]"))) << f.archive_code;
    by_class[f.archive_code.substr(0, f.archive_code.rfind('-'))].push_back(f.item_no);
  }
  for (auto& [cls, nos] : by_class) {
    std::sort(nos.begin(), nos.end());
    for (std::size_t i = 0; i < nos.size(); ++i) EXPECT_EQ(nos[i], static_cast<int>(i + 1)) << cls;
  }
  EXPECT_TRUE(verify_year(*ws, 2025).ok());
}

TEST_F(FilingSchemeYear, BadSettingStopsTheFilingAndChangesNothing) {
  settings("[separators]\nlevel = \"\"\n");
  const std::string before = books();
  const Error e = failure_of([&] { file_year(*ws, 2025, clock, "zhouhong"); });
  EXPECT_EQ(e.code, Code::BadInput);
  ASSERT_TRUE(e.at.has_value());
  EXPECT_THAT(e.at->file, HasSubstr("archive.toml"));
  EXPECT_EQ(e.at->line, 2);
  EXPECT_EQ(books(), before);
  EXPECT_TRUE(fs::is_empty(ws->archive_dir()));
}

TEST_F(FilingSchemeYear, BoxesFollowTheLimitsWithSpineAndNotesPerBox) {
  settings("[box]\nitems = 1\n");
  const auto r = file_year(*ws, 2025, clock, "zhouhong");
  EXPECT_EQ(r.boxes, 3);
  const std::string list = read_file(bag() / "data" / "盒目录.csv");
  EXPECT_THAT(list, HasSubstr("盒号,全宗号,年度,保管期限,机构,起件号,止件号,件数,页数\n"));
  // Each 件 has its own box; 盒号 runs inside each class and names the first/last 件号.
  for (const auto& f : r.items) {
    const std::string cls = f.archive_code.substr(0, f.archive_code.rfind('-'));
    const std::string box = cls + "-盒" + f.archive_code.substr(f.archive_code.size() - 4);
    const std::string n = f.archive_code.substr(f.archive_code.size() - 4);
    EXPECT_THAT(list, HasSubstr(box + ",Z109,2025,")) << box;
    EXPECT_THAT(list, HasSubstr("," + n + "," + n + ",1,")) << box;
    EXPECT_THAT(read_file(bag() / "data" / "metadata" / (f.archive_code + ".xml")), HasSubstr("<盒号>" + box + "</盒号>"));
  }
  const std::string notes = read_file(bag() / "data" / "备考表.txt");
  std::size_t sections = 0;
  for (std::size_t p = 0; (p = notes.find("备考表\n", p)) != std::string::npos; ++p) ++sections;
  EXPECT_EQ(sections, 3u);
  for (const char* pdf : {"盒脊.pdf", "备考表.pdf"}) {
    std::unique_ptr<poppler::document> d(poppler::document::load_from_file((bag() / "data" / pdf).string()));
    ASSERT_TRUE(d) << pdf;
    EXPECT_EQ(d->pages(), 3) << pdf;
  }
  // The spine carries 全宗号, 年度, 保管期限, 起止件号 and 盒号.
  std::unique_ptr<poppler::document> d(poppler::document::load_from_file((bag() / "data" / "盒脊.pdf").string()));
  std::unique_ptr<poppler::page> p(d->create_page(0));
  const auto text = p->text().to_utf8();
  const std::string s(text.begin(), text.end());
  for (const char* want : {"全宗号", "Z109", "年度", "2025", "保管期限", "起止件号", "盒号", "0001"})
    EXPECT_THAT(s, HasSubstr(want));
}

TEST_F(FilingSchemeYear, DefaultBoxHoldsAWholeSmallClass) {
  const auto r = file_year(*ws, 2025, clock, "zhouhong");
  std::set<std::string> classes;
  for (const auto& f : r.items) classes.insert(f.archive_code.substr(0, f.archive_code.rfind('-')));
  EXPECT_EQ(r.boxes, static_cast<int>(classes.size()));
}

}  // namespace
}  // namespace gongwen::archive::test
