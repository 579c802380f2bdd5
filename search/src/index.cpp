// Opening the index and keeping it up to date.
#include <system_error>

#include "document.hpp"
#include "index_impl.hpp"
#include "xapian_error.hpp"

namespace gongwen::search {

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;
SearchIndex::~SearchIndex() = default;

Result<SearchIndex> SearchIndex::open_writable(const std::filesystem::path& dir, Sync sync) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return make_error(Code::Io, "无法创建检索索引目录 " + dir.string() + "：" + ec.message());
  }
  try {
    auto impl = std::make_unique<Impl>();
    impl->dir = dir;
    // Wait for another writer (an issue catching up, a filing re-indexing) rather than fail.
    impl->writer.emplace(dir.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_RETRY_LOCK |
                                           (sync == Sync::Unsynced ? Xapian::DB_NO_SYNC : 0));
    impl->db = *impl->writer;
    return SearchIndex(std::move(impl));
  } catch (const Xapian::Error& e) {
    return translate_xapian_error(e, "打开检索索引", dir);
  }
}

Result<SearchIndex> SearchIndex::open_readonly(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec)) {
    return make_error(Code::NotFound, "检索索引不存在：" + dir.string(),
                      {"运行 gongwen search reindex 建立检索索引"});
  }
  try {
    auto impl = std::make_unique<Impl>();
    impl->dir = dir;
    impl->db = Xapian::Database(dir.string());
    return SearchIndex(std::move(impl));
  } catch (const Xapian::Error& e) {
    return translate_xapian_error(e, "打开检索索引", dir);
  }
}

Result<SearchIndex> SearchIndex::open_shards(const std::vector<std::string>& shards) {
  if (shards.empty()) return make_error(Code::BadInput, "没有指定要检索的索引");
  auto impl = std::make_unique<Impl>();
  for (const std::string& shard : shards) {
    constexpr std::string_view kTcp = "tcp://";
    try {
      if (std::string_view(shard).starts_with(kTcp)) {
        const std::string rest = shard.substr(kTcp.size());
        const auto colon = rest.rfind(':');
        int port = 0;
        if (colon != std::string::npos && colon > 0 && colon + 1 < rest.size() &&
            rest.find_first_not_of("0123456789", colon + 1) == std::string::npos &&
            rest.size() - colon <= 6)
          port = std::stoi(rest.substr(colon + 1));
        if (port <= 0 || port > 65535) {
          return make_error(Code::BadInput, "远程索引地址无效：" + shard,
                            {"写作 tcp://主机:端口，例如 tcp://192.168.1.20:33333"});
        }
        // 10 s for connecting and for each reply: a dead township server must not hang the
        // county's search forever.
        impl->db.add_database(Xapian::Remote::open(rest.substr(0, colon), port, 10000, 10000));
      } else {
        Result<SearchIndex> local = open_readonly(shard);
        if (!local) return local.error();
        impl->db.add_database(local.value().m_impl->db);
      }
    } catch (const Xapian::Error& e) {
      return translate_xapian_error(e, "打开检索索引 " + shard, shard);
    }
  }
  impl->dir = shards.front();
  return SearchIndex(std::move(impl));
}

namespace {
Error read_only_error(const std::filesystem::path& dir) {
  return make_error(Code::Internal, "检索索引以只读方式打开，不能修改：" + dir.string());
}
}  // namespace

Result<AddOutcome> SearchIndex::add(const IndexedDocument& doc) {
  if (!m_impl->writer) return read_only_error(m_impl->dir);
  try {
    Result<Xapian::Document> built = build_document(doc);
    if (!built) return built.error();
    const std::string key = id_term(doc.id);
    const bool existed = m_impl->writer->term_exists(key);
    m_impl->writer->replace_document(key, built.value());
    if (++m_impl->pending >= kCommitEvery) {
      m_impl->writer->commit();
      m_impl->pending = 0;
    }
    return existed ? AddOutcome::Replaced : AddOutcome::Added;
  } catch (const Xapian::Error& e) {
    return translate_xapian_error(e, "收录文件 " + doc.id, m_impl->dir);
  }
}

Result<RemoveOutcome> SearchIndex::remove(std::string_view id) {
  if (!m_impl->writer) return read_only_error(m_impl->dir);
  const std::string key = id_term(id);
  if (key.empty()) return RemoveOutcome::Absent;
  try {
    if (!m_impl->writer->term_exists(key)) return RemoveOutcome::Absent;
    m_impl->writer->delete_document(key);
    return RemoveOutcome::Removed;
  } catch (const Xapian::Error& e) {
    return translate_xapian_error(e, "删除索引中的文件", m_impl->dir);
  }
}

Result<std::size_t> SearchIndex::commit() {
  if (!m_impl->writer) return read_only_error(m_impl->dir);
  try {
    m_impl->writer->commit();
    m_impl->pending = 0;
    return static_cast<std::size_t>(m_impl->writer->get_doccount());
  } catch (const Xapian::Error& e) {
    return translate_xapian_error(e, "保存检索索引", m_impl->dir);
  }
}

Result<bool> SearchIndex::refresh() {
  if (m_impl->writer) return false;
  try {
    return m_impl->db.reopen();
  } catch (const Xapian::Error& e) {
    return translate_xapian_error(e, "刷新检索索引", m_impl->dir);
  }
}

std::size_t SearchIndex::size() const {
  try {
    return m_impl->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;  // a broken index holds nothing searchable; search() reports the error itself
  }
}

bool SearchIndex::writable() const { return m_impl->writer.has_value(); }

}  // namespace gongwen::search
