#pragma once
// Building a whole index at once (`gongwen search reindex`, the benchmark): several writers,
// one per core, each fill a shard of their own; the shards are then merged into one index by
// Xapian's compaction. Xapian allows one writer per database and spends most of an addition in
// that writer, so one database can use one core only; merging shards costs about a tenth of
// building them (docs/search.md "Speed").
#include <cstddef>
#include <filesystem>
#include <memory>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/search/search_index.hpp"

namespace gongwen::search {

class BulkIndexBuilder {
 public:
  // `dir` must not exist yet or be empty; shards are built in `dir`.shard-N beside it and
  // removed at the end (or on failure). threads = 0: one per core (at most 8).
  static Result<BulkIndexBuilder> create(const std::filesystem::path& dir, unsigned threads = 0);

  BulkIndexBuilder(BulkIndexBuilder&&) noexcept;
  BulkIndexBuilder& operator=(BulkIndexBuilder&&) noexcept;
  ~BulkIndexBuilder();  // without finish(): stops the writers and removes the shards

  // Queues one document (a later one with the same id replaces it). A document a writer could not
  // add (bad id, unknown 密级) is reported here or by finish(); nothing is kept then.
  Result<bool> add(IndexedDocument doc);
  // Waits for the writers, merges the shards into `dir` and returns the number of documents.
  Result<std::size_t> finish();

  unsigned threads() const;

  struct Impl;

 private:
  explicit BulkIndexBuilder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace gongwen::search
