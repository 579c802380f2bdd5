// Behaviour that matters at scale: a long-lived reader moving to the newest commit (the web
// server keeps one per thread), bulk loads, and facet counts bounded for broad queries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "corpus.hpp"

namespace gongwen::search::testdata {
namespace {

using ::testing::Contains;
using ::testing::Not;

IndexedDocument small_doc(int i, std::string secrecy = "") {
  IndexedDocument d = make_doc("gen:" + std::to_string(i), "白政发〔2025〕" + std::to_string(i + 1) + "号",
                               "关于第" + std::to_string(i) + "项工作的通知", i % 2 ? "通知" : "报告",
                               {2020 + i % 5, 1 + i % 12, 1 + i % 28}, "各村要认真做好安全生产工作。");
  d.secrecy = std::move(secrecy);
  return d;
}

std::size_t sum(const std::vector<FacetCount>& facets) {
  std::size_t n = 0;
  for (const FacetCount& f : facets) n += f.count;
  return n;
}

TEST(RefreshTest, ReaderSeesAWritersCommitAfterRefresh) {
  TempIndexDir dir;
  SearchIndex writer = SearchIndex::open_writable(dir.path()).take();
  writer.add(sample_documents().front()).take();
  writer.commit().take();

  SearchIndex reader = SearchIndex::open_readonly(dir.path()).take();
  EXPECT_EQ(reader.size(), 1u);
  EXPECT_FALSE(reader.refresh().take());  // nothing new yet

  IndexedDocument later = sample_documents()[2];  // 征兵
  writer.add(later).take();
  writer.commit().take();
  EXPECT_EQ(reader.size(), 1u);  // still at the commit it opened
  EXPECT_TRUE(reader.refresh().take());
  EXPECT_EQ(reader.size(), 2u);
  SearchRequest req;
  req.query = "征兵";
  const SearchResult r = reader.search(req, {}).take();
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits.front().id, later.id);
  EXPECT_FALSE(reader.refresh().take());
  EXPECT_FALSE(writer.refresh().take());  // a writer always sees its own state
}

TEST(BulkLoadTest, ManyAdditionsThenOneCommit) {
  TempIndexDir dir;
  SearchIndex writer = SearchIndex::open_writable(dir.path()).take();
  for (int i = 0; i < 1200; ++i) ASSERT_EQ(writer.add(small_doc(i)).take(), AddOutcome::Added);
  // The index writes its buffer every 500 additions: a reader already sees 1,000 of them.
  EXPECT_EQ(SearchIndex::open_readonly(dir.path()).take().size(), 1000u);
  EXPECT_EQ(writer.commit().take(), 1200u);
  SearchIndex reader = SearchIndex::open_readonly(dir.path()).take();
  EXPECT_EQ(reader.size(), 1200u);
  SearchRequest req;
  req.query = "白政发〔2025〕1200号";
  const SearchResult r = reader.search(req, {}).take();
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits.front().id, "gen:1199");
}

class BroadFacetTest : public ::testing::Test {
 protected:
  // 3,000 visible documents over 2020–2024 and 300 secret ones dated 2030: more matches than
  // the facet budget (2,000).
  static void SetUpTestSuite() {
    s_dir.emplace();
    SearchIndex w = SearchIndex::open_writable(s_dir->path()).take();
    for (int i = 0; i < 3000; ++i) w.add(small_doc(i)).take();
    for (int i = 3000; i < 3300; ++i) {
      IndexedDocument d = small_doc(i, "秘密");
      d.date = {2030, 1, 1};
      w.add(d).take();
    }
    w.commit().take();
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  static SearchResult faceted(const std::string& q, const Viewer& viewer = {}) {
    SearchIndex reader = SearchIndex::open_readonly(s_dir->path()).take();
    SearchRequest req;
    req.query = q;
    req.facets = SearchRequest::Facets::Count;
    return reader.search(req, viewer).take();
  }
  static inline std::optional<TempIndexDir> s_dir;
};

TEST_F(BroadFacetTest, BroadQueryGivesEstimatedCountsThatAddUp) {
  const SearchResult r = faceted("安全生产");
  EXPECT_TRUE(r.facets_estimated);
  EXPECT_EQ(r.hits.size(), 10u);
  EXPECT_GT(r.total_estimate, 2000u);
  // Scaled counts add up to the estimated total (within rounding), per facet.
  EXPECT_NEAR(static_cast<double>(sum(r.years)), static_cast<double>(r.total_estimate), 5.0);
  EXPECT_NEAR(static_cast<double>(sum(r.kinds)), static_cast<double>(r.total_estimate), 5.0);
  std::vector<std::string> years;
  for (const FacetCount& f : r.years) years.push_back(f.value);
  EXPECT_THAT(years, Not(Contains("2030")));  // hidden documents are never counted
}

TEST_F(BroadFacetTest, NarrowQueryGivesExactCounts) {
  const SearchResult r = faceted("安全生产 年度:2021");
  EXPECT_FALSE(r.facets_estimated);
  EXPECT_EQ(r.total_estimate, 600u);
  ASSERT_EQ(r.years.size(), 1u);
  EXPECT_EQ(r.years.front().value, "2021");
  EXPECT_EQ(r.years.front().count, 600u);
  EXPECT_EQ(sum(r.kinds), 600u);
}

TEST_F(BroadFacetTest, ClearedUserCountsSecretDocuments) {
  const SearchResult r = faceted("安全生产 年度:2030", Viewer{"wang", Secrecy::Secret});
  EXPECT_FALSE(r.facets_estimated);
  ASSERT_EQ(r.years.size(), 1u);
  EXPECT_EQ(r.years.front().count, 300u);
  EXPECT_EQ(faceted("安全生产 年度:2030").total_estimate, 0u);
}

}  // namespace
}  // namespace gongwen::search::testdata
