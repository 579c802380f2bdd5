// What a clerk types and what must come back: words, 文号 forms, fields, dates, sorting.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "corpus.hpp"

namespace gongwen::search::testdata {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class SearchTest : public SampleIndexTest {};

TEST_F(SearchTest, ForestFireNoticeComesFirst) {
  const SearchResult r = run("森林防火");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, kForestFire);
  EXPECT_EQ(r.hits.front().number, "白政发〔2025〕7号");
  EXPECT_EQ(r.hits.front().date_iso, "2025-03-10");
  EXPECT_EQ(r.hits.front().path, std::string("documents/") + kForestFire + ".pdf");
  EXPECT_GT(r.hits.front().score, 0);
  // 森林 alone in another text (会议纪要: 森林安全) is not enough.
  EXPECT_THAT(ids(r), Not(Contains(kMinutes)));
}

TEST_F(SearchTest, SegmentedWordsMatchApart) {
  // The text says 文书档案 … 归档, never 档案归档: only word segmentation finds it.
  const SearchResult r = run("档案归档");
  EXPECT_THAT(ids(r), Contains(kArchive));
  EXPECT_EQ(r.effective_query, "档案 归档");
}

TEST_F(SearchTest, QuotedPhraseStaysAPhrase) {
  EXPECT_THAT(ids(run("\"档案归档\"")), Not(Contains(kArchive)));
  EXPECT_THAT(ids(run("\"文书档案\"")), Contains(kArchive));
  EXPECT_THAT(ids(run("“文书档案”")), Contains(kArchive));  // Chinese quotation marks
}

TEST_F(SearchTest, SingleCharacter) {
  const SearchResult r = run("汛");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits.front().id, kFundsRequest);
}

TEST_F(SearchTest, SnippetHighlightsMatches) {
  const SearchResult r = run("征兵");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_THAT(r.hits.front().snippet, HasSubstr("【征兵】"));

  SearchRequest req;
  req.query = "征兵";
  req.highlight_open = "<<";
  req.highlight_close = ">>";
  auto custom = s_index->search(req, {});
  ASSERT_TRUE(custom.ok());
  ASSERT_FALSE(custom.value().hits.empty());
  EXPECT_THAT(custom.value().hits.front().snippet, HasSubstr("<<征兵>>"));
}

TEST_F(SearchTest, FieldedQueryStillHighlightsBody) {
  const SearchResult r = run("标题:征兵");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_THAT(r.hits.front().snippet, HasSubstr("【征兵】"));
}

// Every way a clerk writes a 文号 finds that document, and not last year's number 7.
class NumberFormTest : public SampleIndexTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(NumberFormTest, FindsTheDocument) {
  const SearchResult r = run(GetParam());
  ASSERT_FALSE(r.hits.empty()) << GetParam() << " → " << r.effective_query;
  EXPECT_EQ(r.hits.front().id, kForestFire) << GetParam() << " → " << r.effective_query;
  EXPECT_THAT(ids(r), Not(Contains(kLastYear))) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Forms, NumberFormTest,
                         ::testing::Values("白政发〔2025〕7号", "白政发[2025]7号", "白政发2025年7号",
                                           "白政发（2025）7号", "白政发【2025】7号",
                                           "白政发(2025)7号", "白政发［２０２５］７号",
                                           "文号:白政发〔2025〕7号", "number:白政发[2025]7号",
                                           "〔2025〕7号"));

TEST_F(SearchTest, SequenceNumberAlone) {
  const SearchResult r = run("7号");
  EXPECT_THAT(ids(r), Contains(kForestFire));
  EXPECT_THAT(ids(r), Contains(kLastYear));
  EXPECT_THAT(ids(r), Not(Contains(kConscription)));  // 17号 is not 7号
  EXPECT_THAT(ids(run("文号:7号")), Contains(kForestFire));
}

TEST_F(SearchTest, NumberPrefixAndYear) {
  const SearchResult r = run("文号:白政纪");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits.front().id, kMinutes);
}

TEST_F(SearchTest, FullWidthTextIsNormalised) {
  EXPECT_THAT(ids(run("ＦＯＲＥＳＴ")), Contains(kFullWidth));
  EXPECT_THAT(ids(run("forest")), Contains(kFullWidth));
  EXPECT_THAT(ids(run("白政发〔2025〕9号")), Contains(kFullWidth));
  const SearchResult r = run("２０２５年９月");
  EXPECT_THAT(ids(r), Contains(kFullWidth));
  EXPECT_THAT(r.effective_query, HasSubstr("2025"));
}

TEST_F(SearchTest, TitleField) {
  for (const char* q : {"标题:征兵", "title:征兵", "Title:征兵", "标题：征兵"}) {
    const SearchResult r = run(q);
    ASSERT_EQ(r.hits.size(), 1u) << q;
    EXPECT_EQ(r.hits.front().id, kConscription) << q;
  }
  // 森林 is in the minutes' body but not in their title.
  EXPECT_THAT(ids(run("标题:森林")), Not(Contains(kMinutes)));
  EXPECT_THAT(ids(run("标题:森林防火")), Contains(kForestFire));
  EXPECT_THAT(ids(run("正文:森林安全")), Contains(kMinutes));
}

TEST_F(SearchTest, KindField) {
  for (const char* q : {"文种:请示", "kind:请示"}) {
    const SearchResult r = run(q);
    ASSERT_EQ(r.hits.size(), 1u) << q;
    EXPECT_EQ(r.hits.front().id, kFundsRequest);
    EXPECT_EQ(r.hits.front().kind, "请示");
  }
  EXPECT_EQ(run("文种:请示 OR 文种:报告").hits.size(), 2u);
}

TEST_F(SearchTest, YearField) {
  const SearchResult y2025 = run("年度:2025");
  EXPECT_THAT(ids(y2025), Not(Contains(kLastYear)));
  EXPECT_EQ(y2025.total_estimate, 7u);  // ten documents, one of 2024, two secret
  EXPECT_EQ(run("year:2024").total_estimate, 1u);
  EXPECT_EQ(run("年度:2024..2025").total_estimate, 8u);
  EXPECT_THAT(ids(run("通知 年度:2025")), Not(Contains(kLastYear)));
}

TEST_F(SearchTest, IssuerRecipientsDirection) {
  EXPECT_EQ(ids(run("来文单位:白云县")), std::vector<std::string>{kReceivedPlan});
  EXPECT_EQ(ids(run("收发:收文")), std::vector<std::string>{kReceivedPlan});
  EXPECT_EQ(ids(run("主送:白云县人民政府")), std::vector<std::string>{kFundsRequest});
}

TEST_F(SearchTest, DateRange) {
  const SearchResult r = run("2025-03..2025-06");
  EXPECT_THAT(ids(r), Contains(kForestFire));
  EXPECT_THAT(ids(r), Contains(kArchive));
  EXPECT_THAT(ids(r), Contains(kFundsRequest));
  EXPECT_THAT(ids(r), Not(Contains(kReceivedPlan)));  // February
  EXPECT_THAT(ids(r), Not(Contains(kConscription)));  // August
  EXPECT_EQ(ids(run("日期:2025-05")), std::vector<std::string>{kFundsRequest});
  EXPECT_EQ(ids(run("通知 date:2025-08-01..2025-08-31")), std::vector<std::string>{kConscription});
}

TEST_F(SearchTest, BadDatesAreDroppedWithANote) {
  const SearchResult r = run("征兵 日期:2025-13");
  EXPECT_EQ(ids(r), std::vector<std::string>{kConscription});
  ASSERT_FALSE(r.notes.empty());
  EXPECT_THAT(r.notes.front(), HasSubstr("2025-13"));
  // An ellipsis is not a range (NFKC turns … into ...).
  EXPECT_THAT(ids(run("征兵…")), Contains(kConscription));
}

TEST_F(SearchTest, SortByDateNewestFirst) {
  const SearchResult r = run("通知", {}, SearchRequest::Sort::DateDesc);
  ASSERT_GE(r.hits.size(), 4u);
  for (std::size_t i = 1; i < r.hits.size(); ++i)
    EXPECT_GE(r.hits[i - 1].date_iso, r.hits[i].date_iso) << i;
  EXPECT_EQ(r.hits.front().id, kFullWidth);  // 2025-09-09, newest visible notice
}

TEST_F(SearchTest, BooleanOperatorsAndExclusion) {
  EXPECT_EQ(ids(run("征兵 OR 汛期")).size(), 2u);
  const SearchResult r = run("森林 -火灾");
  EXPECT_THAT(ids(r), Not(Contains(kReceivedPlan)));
  EXPECT_THAT(ids(r), Contains(kForestFire));
  EXPECT_THAT(ids(run("森林 NOT 防火")), Not(Contains(kForestFire)));
}

TEST_F(SearchTest, Paging) {
  SearchRequest req;
  req.query = "通知";
  req.limit = 2;
  auto page1 = s_index->search(req, {});
  req.offset = 2;
  auto page2 = s_index->search(req, {});
  ASSERT_TRUE(page1.ok() && page2.ok());
  EXPECT_EQ(page1.value().hits.size(), 2u);
  EXPECT_EQ(page1.value().total_estimate, page2.value().total_estimate);
  EXPECT_NE(page1.value().hits[0].id, page2.value().hits[0].id);
}

TEST_F(SearchTest, ReadOnlyReaderSeesCommittedDocuments) {
  auto reader = SearchIndex::open_readonly(s_dir->path());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(reader.value().size(), sample_documents().size());
  EXPECT_FALSE(reader.value().writable());
  SearchRequest req;
  req.query = "征兵";
  auto r = reader.value().search(req, {});
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(ids(r.value()), Contains(kConscription));
  IndexedDocument d = sample_documents().front();
  EXPECT_FALSE(reader.value().add(d).ok());
}

TEST(SearchIndexTest, ReAddingTheSameIdReplaces) {
  TempIndexDir dir;
  auto opened = SearchIndex::open_writable(dir.path());
  ASSERT_TRUE(opened.ok());
  SearchIndex index = std::move(opened).value();
  std::vector<IndexedDocument> docs = sample_documents();
  for (const auto& d : docs) ASSERT_EQ(index.add(d).value(), AddOutcome::Added);
  ASSERT_EQ(index.commit().value(), docs.size());

  IndexedDocument changed = docs.front();
  changed.title = "关于做好2025年夏季防溺水工作的通知";
  changed.body = "暑期将至，各村要加强防溺水安全教育。";
  auto again = index.add(changed);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), AddOutcome::Replaced);
  EXPECT_EQ(index.commit().value(), docs.size());
  EXPECT_EQ(index.size(), docs.size());

  SearchRequest req;
  req.query = "防溺水";
  EXPECT_EQ(index.search(req, {}).value().hits.size(), 1u);
  req.query = "巡山护林";
  EXPECT_EQ(index.search(req, {}).value().total_estimate, 0u);

  EXPECT_EQ(index.remove(kForestFire).value(), RemoveOutcome::Removed);
  EXPECT_EQ(index.remove(kForestFire).value(), RemoveOutcome::Absent);
  EXPECT_EQ(index.commit().value(), docs.size() - 1);
}

}  // namespace
}  // namespace gongwen::search::testdata
