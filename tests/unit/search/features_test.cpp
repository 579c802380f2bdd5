// Exact 文号 first, traditional characters, facet counts (inside the access rule) and several
// local indexes searched as one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <xapian.h>

#include "corpus.hpp"
#include "gongwen/search/analysis.hpp"
#include "schema.hpp"

namespace gongwen::search::testdata {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

class FeatureTest : public SampleIndexTest {
 protected:
  static SearchResult faceted(const std::string& query, const Viewer& viewer = {}) {
    SearchRequest req;
    req.query = query;
    req.limit = 2;
    req.facets = SearchRequest::Facets::Count;
    auto r = s_index->search(req, viewer);
    EXPECT_TRUE(r.ok()) << query;
    return r.ok() ? std::move(r).value() : SearchResult{};
  }
  static std::size_t count_of(const std::vector<FacetCount>& facets, const std::string& value) {
    for (const FacetCount& f : facets)
      if (f.value == value) return f.count;
    return 0;
  }
};

TEST_F(FeatureTest, CompleteNumberReturnsOnlyThatDocument) {
  for (const char* q : {"白政发[2025]7号", "白政发〔2025〕7号", "白政发2025年7号", "文号:白政发(2025)7号"}) {
    const SearchResult r = run(q);
    ASSERT_EQ(r.hits.size(), 1u) << q << " → " << r.effective_query;
    EXPECT_EQ(r.hits.front().id, kForestFire) << q;
    EXPECT_TRUE(r.exact_number) << q;
    EXPECT_EQ(r.total_estimate, 1u) << q;
  }
}

TEST_F(FeatureTest, MistypedOrganFallsBackToPieces) {
  // No document has the organ 白政 alone: the exact term misses, the pieces still find 7号 of 2025.
  const SearchResult r = run("白政〔2025〕7号");
  EXPECT_FALSE(r.exact_number);
  EXPECT_THAT(ids(r), Contains(kForestFire));
  EXPECT_THAT(ids(r), Not(Contains(kLastYear)));
}

TEST_F(FeatureTest, ExactNumberStillObeysAccess) {
  const SearchResult hidden = run("白政发〔2025〕20号", Viewer{"lisi", Secrecy::None});
  EXPECT_TRUE(hidden.hits.empty());
  EXPECT_EQ(hidden.total_estimate, 0u);
  const SearchResult shown = run("白政发〔2025〕20号", Viewer{"zhangsan", Secrecy::None});
  ASSERT_EQ(shown.hits.size(), 1u);
  EXPECT_EQ(shown.hits.front().id, kBorderSecret);
}

TEST_F(FeatureTest, NumberWordForm) {
  const SearchResult r = run("7号文");
  EXPECT_THAT(ids(r), Contains(kForestFire));
  EXPECT_THAT(ids(r), Not(Contains(kConscription)));
}

TEST_F(FeatureTest, TraditionalCharactersFoldToSimplified) {
  EXPECT_EQ(to_simplified_chinese("檔案歸檔"), "档案归档");
  EXPECT_EQ(normalize_text("森林防火工作會議", TextRole::Query), "森林防火工作会议");
  EXPECT_THAT(ids(run("檔案")), Contains(kArchive));
  EXPECT_THAT(ids(run("標題:徵兵")), Contains(kConscription));
  EXPECT_EQ(run("森林防火").hits.front().id, kForestFire);
}

TEST_F(FeatureTest, TraditionalDocumentFoundBySimplifiedQuery) {
  TempIndexDir dir;
  auto index = SearchIndex::open_writable(dir.path()).take();
  IndexedDocument d = make_doc("in:1", "", "關於加強檔案管理的通知", "通知", {2025, 1, 2},
                               "請各單位做好檔案歸檔工作。");
  ASSERT_TRUE(index.add(d).ok());
  SearchRequest req;
  req.query = "档案归档";
  const auto r = index.search(req, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().hits.size(), 1u);
  // The whole (short) body, so no "…" at its end.
  EXPECT_EQ(r.value().hits.front().snippet, "请各单位做好【档案归档】工作。");
  EXPECT_EQ(r.value().hits.front().title, "关于加强档案管理的通知");
}

TEST_F(FeatureTest, FacetsCountVisibleMatches) {
  const SearchResult r = faceted("通知", Viewer{"lisi", Secrecy::None});
  // Visible 通知 documents: 7号, 12号, 17号, 9号 (2025, 白路乡) and the received 30号 (白云县).
  EXPECT_EQ(r.total_estimate, 5u);
  EXPECT_EQ(r.hits.size(), 2u);  // the page is short, the facets are not
  EXPECT_EQ(count_of(r.years, "2025"), 5u);
  EXPECT_EQ(count_of(r.kinds, "通知"), 5u);
  EXPECT_EQ(count_of(r.issuers, "白路乡人民政府"), 4u);
  EXPECT_EQ(count_of(r.issuers, "白云县人民政府"), 1u);
  ASSERT_FALSE(r.issuers.empty());
  EXPECT_EQ(r.issuers.front().value, "白路乡人民政府");  // most frequent first

  // Cleared for 机密: both secret 通知 count too.
  const SearchResult cleared = faceted("通知", Viewer{"wang", Secrecy::TopSecret});
  EXPECT_EQ(count_of(cleared.kinds, "通知"), 7u);
}

TEST_F(FeatureTest, FacetsNeverCountHiddenDocuments) {
  const SearchResult r = faceted("密级:机密", Viewer{"lisi", Secrecy::Secret});
  EXPECT_EQ(r.total_estimate, 0u);
  EXPECT_TRUE(r.years.empty());
  EXPECT_TRUE(r.kinds.empty());
  EXPECT_TRUE(r.issuers.empty());
  const SearchResult all = faceted("年度:2025..2025", Viewer{"lisi", Secrecy::None});
  const SearchResult cleared = faceted("年度:2025..2025", Viewer{"x", Secrecy::TopSecret});
  EXPECT_EQ(count_of(cleared.years, "2025") - count_of(all.years, "2025"), 2u);
}

// Indexes built before the combined facet slot (schema::kSlotFacets) still get their facets, from
// the three single slots, and the same counts.
TEST_F(FeatureTest, FacetsOfAnIndexFromBeforeTheCombinedSlot) {
  TempIndexDir dir;
  {
    auto index = SearchIndex::open_writable(dir.path()).take();
    for (const IndexedDocument& d : sample_documents()) index.add(d).take();
    index.commit().take();
  }
  {
    Xapian::WritableDatabase db(dir.path().string());
    ASSERT_EQ(db.get_value_freq(schema::kSlotFacets), db.get_doccount());
    for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Xapian::Document doc = db.get_document(*it);
      doc.remove_value(schema::kSlotFacets);
      db.replace_document(*it, doc);
    }
    db.commit();
    ASSERT_EQ(db.get_value_freq(schema::kSlotFacets), 0u);
  }
  const SearchIndex old = SearchIndex::open_readonly(dir.path()).take();
  for (const char* query : {"通知", "白政发"}) {
    SearchRequest req;
    req.query = query;
    req.facets = SearchRequest::Facets::Count;
    const SearchResult before = old.search(req, Viewer{"lisi", Secrecy::None}).take();
    const SearchResult now = faceted(query, Viewer{"lisi", Secrecy::None});
    const auto flat = [](const std::vector<FacetCount>& f) {
      std::vector<std::string> out;
      for (const FacetCount& c : f) out.push_back(c.value + "=" + std::to_string(c.count));
      return out;
    };
    EXPECT_FALSE(now.years.empty()) << query;
    EXPECT_EQ(flat(before.years), flat(now.years)) << query;
    EXPECT_EQ(flat(before.kinds), flat(now.kinds)) << query;
    EXPECT_EQ(flat(before.issuers), flat(now.issuers)) << query;
  }
}

TEST_F(FeatureTest, YearFacetsNewestFirst) {
  const SearchResult r = faceted("白政发");
  std::vector<std::string> years;
  for (const FacetCount& f : r.years) years.push_back(f.value);
  EXPECT_THAT(years, ElementsAre("2025", "2024"));
}

TEST_F(FeatureTest, NoFacetsUnlessAsked) {
  const SearchResult r = run("通知");
  EXPECT_TRUE(r.years.empty());
  EXPECT_TRUE(r.kinds.empty());
}

TEST(ShardTest, TwoLocalIndexesSearchedAsOne) {
  TempIndexDir a, b;
  {
    auto ia = SearchIndex::open_writable(a.path()).take();
    ASSERT_TRUE(ia.add(make_doc("out:a", "白政发〔2025〕7号", "关于森林防火的通知", "通知",
                                {2025, 3, 1}, "白路乡森林防火。")).ok());
    ASSERT_TRUE(ia.commit().ok());
    auto ib = SearchIndex::open_writable(b.path()).take();
    IndexedDocument d = make_doc("out:b", "红政发〔2025〕7号", "关于森林防火巡护的通知", "通知",
                                 {2025, 4, 1}, "红岩乡森林防火。");
    d.issuer = "红岩乡人民政府";
    ASSERT_TRUE(ib.add(d).ok());
    IndexedDocument secret = make_doc("out:c", "红政发〔2025〕8号", "森林防火秘密部署", "通知",
                                      {2025, 4, 2}, "森林防火。");
    secret.secrecy = "秘密";
    ASSERT_TRUE(ib.add(secret).ok());
    ASSERT_TRUE(ib.commit().ok());
  }
  auto both = SearchIndex::open_shards({a.path().string(), b.path().string()});
  ASSERT_TRUE(both.ok()) << both.error().message;
  SearchRequest req;
  req.query = "森林防火";
  req.facets = SearchRequest::Facets::Count;
  const auto r = both.value().search(req, {});
  ASSERT_TRUE(r.ok());
  std::vector<std::string> got;
  for (const Hit& h : r.value().hits) got.push_back(h.id);
  std::sort(got.begin(), got.end());
  EXPECT_THAT(got, ElementsAre("out:a", "out:b"));  // the secret one stays hidden
  EXPECT_EQ(r.value().issuers.size(), 2u);
  req.query = "红政发[2025]7号";
  const auto exact = both.value().search(req, {});
  ASSERT_TRUE(exact.ok());
  ASSERT_EQ(exact.value().hits.size(), 1u);
  EXPECT_EQ(exact.value().hits.front().id, "out:b");
}

TEST(ShardTest, BadShardIsAClearError) {
  auto r = SearchIndex::open_shards({"tcp://127.0.0.1:notaport"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  auto missing = SearchIndex::open_shards({"/nonexistent/gongwen-index"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Code::NotFound);
  auto none = SearchIndex::open_shards({});
  ASSERT_FALSE(none.ok());
}

}  // namespace
}  // namespace gongwen::search::testdata

namespace gongwen::search::testdata {
namespace {

class QueryRepairTest : public SampleIndexTest {};

TEST_F(QueryRepairTest, FillerWordsAreDropped) {
  const SearchResult r = run("关于森林防火的那个通知");
  ASSERT_FALSE(r.hits.empty()) << r.effective_query;
  EXPECT_EQ(r.hits.front().id, kForestFire);
  EXPECT_EQ(r.effective_query.find("关于"), std::string::npos) << r.effective_query;
}

TEST_F(QueryRepairTest, NoDocumentHasEveryWordFallsBackToMostWordsIfAsked) {
  EXPECT_TRUE(run("森林防火 潜水艇").hits.empty());  // the default: nothing
  SearchRequest req;
  req.query = "森林防火 潜水艇";
  req.when_none_match = SearchRequest::WhenNoneMatch::AnyWord;
  const SearchResult r = s_index->search(req, {}).take();
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, kForestFire);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes.back().find("没有同时包含全部检索词"), std::string::npos);
  // A fielded query is never loosened: the field is what the user asked for.
  req.query = "标题:森林防火 标题:潜水艇";
  EXPECT_TRUE(s_index->search(req, {}).take().hits.empty());
}

}  // namespace
}  // namespace gongwen::search::testdata
