// Building a whole index with several writers and merging their shards (bulk_index.hpp): the
// result searches exactly like an index built by one writer, and a failure leaves nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "corpus.hpp"
#include "gongwen/search/bulk_index.hpp"

namespace gongwen::search::testdata {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> sorted_ids(const SearchIndex& index, const std::string& query) {
  SearchRequest req;
  req.query = query;
  req.limit = 100;
  std::vector<std::string> out;
  for (const Hit& h : index.search(req, Viewer{"x", Secrecy::TopSecret}).take().hits) out.push_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

bool shards_left(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir.parent_path()))
    if (e.path().filename().string().starts_with(dir.filename().string() + ".shard-")) return true;
  return false;
}

TEST(BulkIndex, ThreeWritersSearchLikeOne) {
  TempIndexDir single, bulk;
  {
    auto one = SearchIndex::open_writable(single.path()).take();
    for (const IndexedDocument& d : sample_documents()) one.add(d).take();
    one.commit().take();
  }
  auto builder = BulkIndexBuilder::create(bulk.path(), 3).take();
  EXPECT_EQ(builder.threads(), 3u);
  for (const IndexedDocument& d : sample_documents()) builder.add(d).take();
  EXPECT_EQ(builder.finish().take(), sample_documents().size());
  EXPECT_FALSE(shards_left(bulk.path()));

  const auto a = SearchIndex::open_readonly(single.path()).take();
  const auto b = SearchIndex::open_readonly(bulk.path()).take();
  EXPECT_EQ(b.size(), a.size());
  for (const char* q : {"通知", "森林防火", "文号:白政发〔2025〕7号", "年度:2024", "密级:机密", "档案"}) {
    const auto found = sorted_ids(b, q);
    EXPECT_FALSE(found.empty()) << q;
    EXPECT_EQ(found, sorted_ids(a, q)) << q;
  }
  // The merged index takes later additions like any other.
  auto writer = SearchIndex::open_writable(bulk.path()).take();
  IndexedDocument extra = sample_documents().front();
  extra.id = "out:2026:extra";
  extra.title = "关于加强冬季防火巡查的通知";
  EXPECT_EQ(writer.add(extra).take(), AddOutcome::Added);
  writer.commit().take();
  EXPECT_EQ(writer.size(), a.size() + 1);
}

TEST(BulkIndex, ARepeatedIdReplacesTheEarlierDocument) {
  TempIndexDir dir;
  auto builder = BulkIndexBuilder::create(dir.path(), 2).take();
  IndexedDocument first = sample_documents().front();
  IndexedDocument second = first;
  second.title = "关于调整森林防火期的通知";
  second.body = "防火期调整为每年十一月至次年五月。";
  builder.add(first).take();
  for (const IndexedDocument& d : sample_documents()) {
    if (d.id != first.id) builder.add(d).take();
  }
  builder.add(second).take();
  EXPECT_EQ(builder.finish().take(), sample_documents().size());
  const auto index = SearchIndex::open_readonly(dir.path()).take();
  EXPECT_THAT(sorted_ids(index, "十一月至次年五月"), ::testing::ElementsAre(first.id));
}

TEST(BulkIndex, ABadDocumentLeavesNoIndexAndNoShards) {
  TempIndexDir dir;
  auto builder = BulkIndexBuilder::create(dir.path(), 2).take();
  for (const IndexedDocument& d : sample_documents()) builder.add(d).take();
  IndexedDocument bad = sample_documents().front();
  bad.id = "out:2025:bad";
  bad.secrecy = "内部";  // not a 密级
  (void)builder.add(bad);  // may be accepted into the queue; the writer refuses it
  const auto done = builder.finish();
  ASSERT_FALSE(done.ok());
  EXPECT_THAT(done.error().message, ::testing::HasSubstr("未知密级"));
  EXPECT_FALSE(fs::exists(dir.path()));
  EXPECT_FALSE(shards_left(dir.path()));
}

TEST(BulkIndex, RefusesADirectoryThatHoldsFiles) {
  TempIndexDir dir;
  fs::create_directories(dir.path());
  std::ofstream(dir.path() / "keep.txt") << "mine";
  const auto refused = BulkIndexBuilder::create(dir.path());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Code::Conflict);
  EXPECT_TRUE(fs::exists(dir.path() / "keep.txt"));
  EXPECT_FALSE(shards_left(dir.path()));
}

TEST(BulkIndex, AnAbandonedBuildRemovesItsShards) {
  TempIndexDir dir;
  {
    auto builder = BulkIndexBuilder::create(dir.path(), 2).take();
    for (const IndexedDocument& d : sample_documents()) builder.add(d).take();
  }  // no finish(): an error elsewhere in reindex
  EXPECT_FALSE(shards_left(dir.path()));
  EXPECT_FALSE(fs::exists(dir.path()));
}

}  // namespace
}  // namespace gongwen::search::testdata
