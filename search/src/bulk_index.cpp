#include "gongwen/search/bulk_index.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <vector>

#include "xapian_error.hpp"

namespace gongwen::search {

namespace {

// Documents waiting for one writer. Bounded, so a fast reader of the registers cannot hold the
// whole archive's text in memory while the writers catch up.
constexpr std::size_t kQueueLimit = 256;

struct Writer {
  std::filesystem::path dir;
  std::optional<SearchIndex> index;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<IndexedDocument> queue;
  bool closing = false;
  std::optional<Error> failure;
  std::thread thread;

  void run() {
    for (;;) {
      IndexedDocument doc;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || closing; });
        if (queue.empty()) break;
        doc = std::move(queue.front());
        queue.pop_front();
      }
      changed.notify_all();
      Result<AddOutcome> added = index->add(doc);
      if (!added) {
        std::lock_guard lock(mutex);
        failure = added.error();
        queue.clear();
        closing = true;
        changed.notify_all();
        return;
      }
    }
    Result<std::size_t> committed = index->commit();
    std::lock_guard lock(mutex);
    if (!committed) failure = committed.error();
  }
};

// Syncs the files of the merged index and its folder: the shards were written unsynced.
bool sync_tree(const std::filesystem::path& dir) {
  bool ok = true;
  auto sync_one = [&](const std::filesystem::path& p, int flags) {
    const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) ok = false;
    if (fd >= 0) ::close(fd);
  };
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file()) sync_one(e.path(), O_RDONLY);
  sync_one(dir, O_RDONLY | O_DIRECTORY);
  sync_one(dir.parent_path().empty() ? "." : dir.parent_path(), O_RDONLY | O_DIRECTORY);
  return ok;
}

}  // namespace

struct BulkIndexBuilder::Impl {
  std::filesystem::path dir;
  std::vector<std::unique_ptr<Writer>> writers;
  // Which writer holds an id, so a repeated id replaces the earlier document in its own shard.
  std::unordered_map<std::string, std::size_t> shard_of;
  std::size_t next = 0;
  bool finished = false;

  // Stops the writers; returns the first failure.
  std::optional<Error> stop() {
    std::optional<Error> first;
    for (auto& w : writers) {
      {
        std::lock_guard lock(w->mutex);
        w->closing = true;
      }
      w->changed.notify_all();
    }
    for (auto& w : writers) {
      if (w->thread.joinable()) w->thread.join();
      if (!first && w->failure) first = w->failure;
    }
    return first;
  }

  void remove_shards() {
    for (auto& w : writers) {
      w->index.reset();
      std::error_code ec;
      std::filesystem::remove_all(w->dir, ec);
    }
  }

  ~Impl() {
    if (!finished) {
      stop();
      remove_shards();
    }
  }
};

BulkIndexBuilder::BulkIndexBuilder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BulkIndexBuilder::BulkIndexBuilder(BulkIndexBuilder&&) noexcept = default;
BulkIndexBuilder& BulkIndexBuilder::operator=(BulkIndexBuilder&&) noexcept = default;
BulkIndexBuilder::~BulkIndexBuilder() = default;

unsigned BulkIndexBuilder::threads() const { return static_cast<unsigned>(m_impl->writers.size()); }

Result<BulkIndexBuilder> BulkIndexBuilder::create(const std::filesystem::path& dir, unsigned threads) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
    return make_error(Code::Conflict, "新建检索索引的目录不是空的：" + dir.string(),
                      {"换一个目录，或先删除其中的文件"});
  }
  if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  for (unsigned k = 0; k < threads; ++k) {
    auto w = std::make_unique<Writer>();
    w->dir = dir.string() + ".shard-" + std::to_string(k);
    std::filesystem::remove_all(w->dir, ec);  // left by a run that was killed
    // Shards are scratch: written without syncs (a sync per commit cost about a third of the
    // wall time here), merged into `dir` and synced once at the end (finish).
    Result<SearchIndex> opened = SearchIndex::open_writable(w->dir, SearchIndex::Sync::Unsynced);
    if (!opened) return opened.error();  // ~Impl removes the shards made so far
    w->index.emplace(std::move(opened).value());
    impl->writers.push_back(std::move(w));
  }
  for (auto& w : impl->writers) w->thread = std::thread([raw = w.get()] { raw->run(); });
  return BulkIndexBuilder(std::move(impl));
}

Result<bool> BulkIndexBuilder::add(IndexedDocument doc) {
  Impl& impl = *m_impl;
  if (impl.finished) return make_error(Code::Internal, "检索索引已建成，不能再添加文件");
  // Round robin keeps the shards equal; a repeated id goes where the first one went.
  const auto [at, fresh] = impl.shard_of.try_emplace(doc.id, impl.next);
  if (fresh) impl.next = (impl.next + 1) % impl.writers.size();
  Writer& w = *impl.writers[at->second];
  std::unique_lock lock(w.mutex);
  w.changed.wait(lock, [&] { return w.queue.size() < kQueueLimit || w.closing; });
  if (w.failure) return *w.failure;
  if (w.closing) return make_error(Code::Internal, "检索索引的写入线程已停止");
  w.queue.push_back(std::move(doc));
  lock.unlock();
  w.changed.notify_all();
  return true;
}

Result<std::size_t> BulkIndexBuilder::finish() {
  Impl& impl = *m_impl;
  if (impl.finished) return make_error(Code::Internal, "检索索引已建成");
  impl.finished = true;
  if (std::optional<Error> failed = impl.stop()) {
    impl.remove_shards();
    return *failed;
  }
  for (auto& w : impl.writers) w->index.reset();  // releases each shard's write lock
  try {
    std::size_t count = 0;
    if (impl.writers.size() == 1) {
      // One shard is the index already: no merge needed.
      std::filesystem::remove_all(impl.dir);
      std::filesystem::rename(impl.writers.front()->dir, impl.dir);
      count = Xapian::Database(impl.dir.string()).get_doccount();
    } else {
      Xapian::Database all;
      for (auto& w : impl.writers) all.add_database(Xapian::Database(w->dir.string()));
      count = all.get_doccount();
      std::filesystem::remove_all(impl.dir);
      all.compact(impl.dir.string());
    }
    impl.remove_shards();
    if (!sync_tree(impl.dir))
      return make_error(Code::Io, "无法把检索索引写入磁盘：" + impl.dir.string());
    return count;
  } catch (const Xapian::Error& e) {
    impl.remove_shards();
    return translate_xapian_error(e, "合并检索索引", impl.dir);
  } catch (const std::filesystem::filesystem_error& e) {
    impl.remove_shards();
    return make_error(Code::Io, "无法建立检索索引 " + impl.dir.string() + "：" + e.code().message());
  }
}

}  // namespace gongwen::search
