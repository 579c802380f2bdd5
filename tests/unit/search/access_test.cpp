// A secret document must be invisible to a viewer who is neither cleared nor on its
// distribution — by any word, by its number, by its field values and by the counts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "corpus.hpp"
#include "gongwen/search/analysis.hpp"

namespace gongwen::search::testdata {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class AccessTest : public SampleIndexTest {
 protected:
  static IndexedDocument secret_doc() {
    for (const IndexedDocument& d : sample_documents())
      if (d.id == kBorderSecret) return d;
    return {};
  }
};

const Viewer kClerk{"lisi", Secrecy::None};
const Viewer kSecretCleared{"wangwu", Secrecy::Secret};
const Viewer kConfidentialCleared{"zhaoliu", Secrecy::Confidential};
const Viewer kOnDistribution{"zhangsan", Secrecy::None};

// Words found only in the 机密 document: an uncleared viewer gets nothing at all.
TEST_F(AccessTest, UnclearedViewerFindsNothingByUniqueWords) {
  for (const char* q : {"青松行动", "雷达站", "边境巡逻", "巡逻", "三班轮换", "白政发〔2025〕20号",
                        "文号:白政发[2025]20号", "20号", "密级:机密", "secrecy:机密",
                        "标题:边境", "\"青松行动\"", "青松 OR 雷达"}) {
    const SearchResult r = run(q, kClerk);
    EXPECT_EQ(r.total_estimate, 0u) << q;
    EXPECT_TRUE(r.hits.empty()) << q;
  }
}

// Every word of the title and body (even common ones) never brings it back, and no snippet
// shown to the clerk carries its text.
TEST_F(AccessTest, UnclearedViewerNeverSeesItByAnyWord) {
  const IndexedDocument d = secret_doc();
  std::vector<std::string> words = split_words(d.title + "。" + d.body);
  words.push_back(d.title);
  for (const std::string& w : words) {
    const SearchResult r = run(w, kClerk);
    EXPECT_THAT(ids(r), Not(Contains(kBorderSecret))) << w;
    for (const Hit& h : r.hits) {
      EXPECT_THAT(h.snippet, Not(HasSubstr("青松"))) << w;
      EXPECT_THAT(h.snippet, Not(HasSubstr("雷达"))) << w;
      EXPECT_THAT(h.title, Not(HasSubstr("边境"))) << w;
    }
  }
}

// Counts over everything the clerk can see leave the secret documents out.
TEST_F(AccessTest, CountsDoNotRevealHiddenDocuments) {
  const SearchResult clerk = run("通知", kClerk);
  const SearchResult cleared = run("通知", Viewer{"boss", Secrecy::TopSecret});
  EXPECT_EQ(cleared.total_estimate, clerk.total_estimate + 2);
  EXPECT_EQ(clerk.total_estimate, clerk.hits.size());
  EXPECT_EQ(run("年度:2025", kClerk).total_estimate, 7u);
  EXPECT_EQ(run("年度:2025", Viewer{"boss", Secrecy::TopSecret}).total_estimate, 9u);
}

TEST_F(AccessTest, ClearedViewerSeesIt) {
  const SearchResult r = run("青松行动", kConfidentialCleared);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits.front().id, kBorderSecret);
  EXPECT_EQ(r.hits.front().secrecy, "机密");
  EXPECT_THAT(r.hits.front().snippet, HasSubstr("青松行动】"));
  EXPECT_THAT(ids(run("白政发〔2025〕20号", kConfidentialCleared)), Contains(kBorderSecret));
}

TEST_F(AccessTest, LowerClearanceIsNotEnough) {
  EXPECT_EQ(run("青松行动", kSecretCleared).total_estimate, 0u);
  // …but 秘密 clearance opens the 秘密 document.
  EXPECT_THAT(ids(run("干部考察", kSecretCleared)), Contains(kPersonnelSecret));
  EXPECT_EQ(run("干部考察", kClerk).total_estimate, 0u);
}

TEST_F(AccessTest, DistributionNamedUserSeesIt) {
  const SearchResult r = run("青松行动", kOnDistribution);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits.front().id, kBorderSecret);
  // Being on one document's distribution opens no other.
  EXPECT_EQ(run("干部考察", kOnDistribution).total_estimate, 0u);
}

TEST_F(AccessTest, UserIdCannotInjectTerms) {
  // An empty or odd user id gives no extra access.
  EXPECT_EQ(run("青松行动", Viewer{"", Secrecy::None}).total_estimate, 0u);
  EXPECT_EQ(run("青松行动", Viewer{"zhangsan ", Secrecy::None}).total_estimate, 0u);
  EXPECT_EQ(run("青松行动", Viewer{"ZHANGSAN", Secrecy::None}).total_estimate, 0u);
}

TEST(AccessAddTest, UnknownSecrecyIsRejected) {
  TempIndexDir dir;
  auto index = SearchIndex::open_writable(dir.path());
  ASSERT_TRUE(index.ok());
  IndexedDocument d = sample_documents().front();
  d.secrecy = "内部";
  auto r = index.value().add(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  EXPECT_THAT(r.error().message, HasSubstr("密级"));
}

}  // namespace
}  // namespace gongwen::search::testdata
