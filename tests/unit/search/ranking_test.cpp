// Issue 17: exact terms ahead of scattered words, whole-term highlights, the 文号 typed with a
// space, "did you mean" (homophones, slips, pinyin initials) under the access rule, and the
// office's vocabulary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "corpus.hpp"
#include "gongwen/search/vocabulary.hpp"

namespace gongwen::search::testdata {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class RankingTest : public SampleIndexTest {};

// A small index of its own: `docs` as (id, body).
class OwnIndex {
 public:
  explicit OwnIndex(const std::vector<std::pair<std::string, std::string>>& docs)
      : m_index(SearchIndex::open_writable(m_dir.path()).take()) {
    int n = 0;
    for (const auto& [id, body] : docs) {
      IndexedDocument d = make_doc(id, "白政发〔2025〕" + std::to_string(++n) + "号",
                                   "关于有关工作的通知", "通知", {2025, 1, n}, body);
      EXPECT_TRUE(m_index.add(d).ok());
    }
    EXPECT_TRUE(m_index.commit().ok());
  }
  SearchResult run(const std::string& q, const std::shared_ptr<const Vocabulary>& words = nullptr) {
    SearchRequest req;
    req.query = q;
    req.vocabulary = words;
    return m_index.search(req, {}).take();
  }

 private:
  TempIndexDir m_dir;
  SearchIndex m_index;
};

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(Ranking, ExactSequenceRanksAboveItsPartsHoweverOftenThePartsOccur) {
  OwnIndex index({{"scattered", repeat("世界经济形势复杂。对外贸易稳定增长。基层组织建设加强。", 8)},
                  {"exact", "我国正式加入世界贸易组织，对外开放进入新阶段。"},
                  {"other", "农业生产稳定。"}});
  for (const char* q : {"世界贸易组织", "世界貿易組織"}) {
    const SearchResult r = index.run(q);
    ASSERT_EQ(r.hits.size(), 2u) << q;
    EXPECT_EQ(r.hits[0].id, "exact") << q;
    EXPECT_THAT(r.hits[0].snippet, HasSubstr("【世界贸易组织】")) << q;
  }
  // Quoted stays exact-only: the scattered parts are not found at all.
  const SearchResult quoted = index.run("\"世界贸易组织\"");
  ASSERT_EQ(quoted.hits.size(), 1u);
  EXPECT_EQ(quoted.hits[0].id, "exact");
}

TEST(Ranking, PartsNearEachOtherRankAbovePartsFarApart) {
  const std::string filler = repeat("各项工作稳步推进，人民生活持续改善。", 12);
  OwnIndex index({{"far", "取消不合理收费。" + filler + "农业税征收管理进一步规范。农业税"},
                  {"near", "全面取消农业税，减轻农民负担。" + filler}});
  const SearchResult r = index.run("农业税 取消");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "near");
}

TEST_F(RankingTest, SnippetMarksTheTermWholeNotItsCharacters) {
  const SearchResult r = run("森林防火");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, kForestFire);
  EXPECT_THAT(r.hits.front().snippet, HasSubstr("【森林防火】"));
  for (const Hit& h : r.hits) {
    EXPECT_THAT(h.snippet, Not(HasSubstr("【森】"))) << h.id;
    EXPECT_THAT(h.snippet, Not(HasSubstr("【防】"))) << h.id;
  }
}

TEST_F(RankingTest, NumberHitShowsTheNumberLine) {
  const SearchResult r = run("白政纪〔2025〕2号");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits.front().snippet.rfind("【白政纪〔2025〕2号】", 0), 0u) << r.hits.front().snippet;
  EXPECT_THAT(r.hits.front().snippet, Not(HasSubstr("【纪】")));
}

TEST_F(RankingTest, NumberTypedWithASpaceBeforeTheSequence) {
  for (const char* q : {"白政发2025 7", "白政发2025年 7号"}) {
    const SearchResult r = run(q);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits.front().id, kForestFire) << q << " → " << r.effective_query;
    EXPECT_TRUE(r.exact_number) << q;
  }
}

TEST_F(RankingTest, HomophoneTypoGetsASuggestion) {
  const SearchResult r = run("森林放火");
  EXPECT_THAT(r.suggestions, Contains("森林防火"));
  // A query that finds enough gets none.
  EXPECT_TRUE(run("森林防火").suggestions.empty());
}

TEST_F(RankingTest, OnlyTheWrongWordIsCorrectedAndSwapsToo) {
  EXPECT_THAT(run("征兵 森林防伙").suggestions, Contains("征兵 森林防火"));
  EXPECT_THAT(run("森林火防").suggestions, Contains("森林防火"));
}

TEST_F(RankingTest, PinyinInitialsFindTheIndexsWords) {
  EXPECT_THAT(run("slfh").suggestions, Contains("森林防火"));
}

TEST_F(RankingTest, SuggestionNeverComesFromAHiddenDocument) {
  // 青松行动 is only in a 机密 document: an uncleared user typing 青松行洞 is offered nothing
  // that reveals it; the user on its distribution is.
  EXPECT_THAT(run("青松行洞", Viewer{"lisi", Secrecy::None}).suggestions, Not(Contains("青松行动")));
  EXPECT_THAT(run("青松行洞", Viewer{"zhangsan", Secrecy::None}).suggestions, Contains("青松行动"));
  EXPECT_THAT(run("qsxd", Viewer{"lisi", Secrecy::None}).suggestions, Not(Contains("青松行动")));
}

TEST(Vocabulary, ExpandsAnAbbreviationToItsFullForms) {
  OwnIndex index({{"full", "村党组织和村民委员会换届选举工作顺利完成。"},
                  {"short", "村两委干部培训。"},
                  {"none", "春耕生产。"}});
  auto words = std::make_shared<Vocabulary>(
      parse_vocabulary("# 词表\n两委 村两委 村党组织和村民委员会\n三农 农业农村农民\n", "vocabulary.txt")
          .take());
  const SearchResult r = index.run("两委", words);
  std::vector<std::string> found;
  for (const Hit& h : r.hits) found.push_back(h.id);
  EXPECT_THAT(found, Contains("full"));
  EXPECT_THAT(found, Contains("short"));
  EXPECT_THAT(found, Not(Contains("none")));
  EXPECT_THAT(r.notes, Contains(HasSubstr("两委")));
  // Without the vocabulary only the literal text is found.
  EXPECT_EQ(index.run("两委").hits.size(), 1u);
}

TEST(Vocabulary, AWordWithBracketsIsOneExactWord) {
  // 村（社区） as 公文 write it: with the vocabulary it is that exact sequence (or 村社区), not
  // 村 and 社区 anywhere.
  OwnIndex index({{"written", "各村（社区）要做好人口普查登记。"},
                  {"apart", "村里新建了社区服务中心。"}});
  auto community = std::make_shared<Vocabulary>(
      parse_vocabulary("村（社区） 村社区\n", "vocabulary.txt").take());
  const SearchResult with = index.run("村（社区）", community);
  ASSERT_EQ(with.hits.size(), 1u) << with.effective_query;
  EXPECT_EQ(with.hits.front().id, "written");
  EXPECT_EQ(index.run("村（社区）").hits.size(), 2u);
}

TEST(Vocabulary, BadLineIsLeftOutNamingTheFileAndLine) {
  // One slip in the office's file must not stop the other groups (nor every search).
  const auto r = parse_vocabulary("三农 农业农村农民\n\n两委\n村（社区） 村社区\n", "ws/vocabulary.txt");
  ASSERT_TRUE(r.ok());
  const Vocabulary& v = r.value();
  ASSERT_EQ(v.groups.size(), 2u);
  EXPECT_EQ(v.groups.back().back(), "村社区");  // the line after the bad one still counts
  ASSERT_EQ(v.skipped.size(), 1u);
  const Error& e = v.skipped.front();
  EXPECT_EQ(e.code, Code::BadInput);
  ASSERT_TRUE(e.at.has_value());
  EXPECT_EQ(e.at->line, 3);
  EXPECT_THAT(e.message, HasSubstr("ws/vocabulary.txt"));
  EXPECT_THAT(e.message, HasSubstr("两委"));
}

TEST(Vocabulary, NotUtf8IsRefused) {
  const auto r = parse_vocabulary("三农 \xff\xfe\n", "ws/vocabulary.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
}

}  // namespace
}  // namespace gongwen::search::testdata
