// The matcher's query without the single characters that pairs cover: fewer terms, the same
// matches (query_prune.hpp).
#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "query_prune.hpp"

namespace gongwen::search {
namespace {

Xapian::Query parse(const std::string& text) {
  Xapian::QueryParser qp;
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("标题", "S");
  return qp.parse_query(text, Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                                  Xapian::QueryParser::FLAG_LOVEHATE |
                                  Xapian::QueryParser::FLAG_CJK_NGRAM);
}

std::string pruned(const std::string& text) {
  return drop_covered_single_characters(parse(text)).get_description();
}

TEST(QueryPrune, AWordKeepsOnlyItsPairs) {
  EXPECT_EQ(parse("森林防火").get_description(),
            "Query((森@1 AND 森林@1 AND 林@1 AND 林防@1 AND 防@1 AND 防火@1 AND 火@1))");
  EXPECT_EQ(pruned("森林防火"), "Query((森林@1 AND 林防@1 AND 防火@1))");
}

TEST(QueryPrune, ASingleCharacterStays) {
  EXPECT_EQ(pruned("火"), "Query(火@1)");
  // 火 is not part of 森林: it stays; 森 and 林 go.
  EXPECT_EQ(pruned("森林 火"), "Query((森林@1 AND 火@2))");
}

TEST(QueryPrune, OnlyPairsOfTheSamePrefixCover) {
  // The title's pair says nothing about the body's single character.
  const Xapian::Query q(Xapian::Query::OP_AND, Xapian::Query("S森林"), Xapian::Query("林"));
  EXPECT_EQ(drop_covered_single_characters(q).get_description(), q.get_description());
  EXPECT_EQ(pruned("标题:森林"), "Query(S森林@1)");
}

TEST(QueryPrune, PhrasesAndAlternativesAreKept) {
  // A phrase matches on the single characters' positions.
  EXPECT_EQ(pruned("\"森林防火\""), parse("\"森林防火\"").get_description());
  // Under OR each word keeps what covers it; across OR nothing is dropped.
  EXPECT_EQ(pruned("森林 OR 林"), "Query((森林@1 OR 林@2))");
  // NOT: the excluded word is pruned on its own, the included one too.
  EXPECT_EQ(pruned("森林防火 NOT 演练"), "Query(((森林@1 AND 林防@1 AND 防火@1) AND_NOT 演练@2))");
}

TEST(QueryPrune, NonCjkTermsAreUntouched) {
  EXPECT_EQ(pruned("covid 19"), parse("covid 19").get_description());
  EXPECT_EQ(drop_covered_single_characters(Xapian::Query()).get_description(), "Query()");
}

// The claim itself, on real text: every query finds exactly the documents it found before.
TEST(QueryPrune, SameMatchesOnTheOfficeRules) {
  std::ifstream in(GONGWEN_SAMPLES_DIR "/corpus/党政办公室工作职责及管理制度.txt");
  ASSERT_TRUE(in) << "missing samples/corpus";
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator tg;
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    Xapian::Document d;
    tg.set_document(d);
    tg.index_text(line);
    db.add_document(d);
  }
  ASSERT_GT(db.get_doccount(), 50u);
  const auto matches = [&](const Xapian::Query& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    std::set<Xapian::docid> ids;
    const Xapian::MSet m = e.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) ids.insert(*it);
    return ids;
  };
  std::size_t found = 0;
  for (const char* text : {"文件", "印章管理", "公文 审核", "领导签发", "档案归档", "值班 OR 接待",
                           "会议 NOT 通知", "办公室主任", "保密", "车辆使用管理制度", "督查督办"}) {
    const Xapian::Query before = parse(text), after = drop_covered_single_characters(before);
    EXPECT_NE(after.get_description(), before.get_description()) << text;
    const auto a = matches(before), b = matches(after);
    EXPECT_EQ(a, b) << text;
    found += a.size();
  }
  EXPECT_GT(found, 20u);  // the queries do find documents: equal empty sets would prove nothing
}

}  // namespace
}  // namespace gongwen::search
