#pragma once
// The full-text index of every issued, received and filed 公文, and the search over it.
// Xapian stays behind the pimpl: callers see plain structs and gongwen::Error, so the app and
// the web server never include a Xapian header (design.md: no library type in a public header).
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/model.hpp"
#include "gongwen/search/vocabulary.hpp"

namespace gongwen::search {

// One document as the index sees it. Text fields may come from our own model or from text
// extracted from an outside PDF/DOCX; the index normalises them (NFKC, 文号 brackets) itself.
struct IndexedDocument {
  std::string id;         // unique key, e.g. "out:2026:白政发〔2026〕7号"; re-adding replaces
  std::string direction;  // "发文" or "收文"
  std::string number;     // 发文字号 / 来文字号, e.g. 白政发〔2026〕7号
  std::string registration;  // 收文号 of a received document (收〔2026〕1号), else empty
  std::string title;
  std::string body;
  std::string issuer;      // 发文机关 (or 来文单位 for received documents)
  std::string recipients;  // 主送
  std::string kind;        // 文种: 通知, 请示, 报告 …
  std::string secrecy;     // "" 秘密 机密 绝密
  gongwen::Date date;      // 成文日期 (invalid = unknown)
  std::string archive_code;  // 档号
  std::string retention;     // 保管期限: 永久, 定期30年 …
  // Users named on its distribution: they may see it even without clearance.
  std::vector<std::string> distribution;
  std::string path;  // where the PDF lives; shown in results
  std::string source;  // "ocr:87": the body was recognised from a scan (confidence 87 %); else ""
};

// Who is searching. Access is decided inside the index query, never by filtering hits after.
struct Viewer {
  std::string user_id;
  gongwen::Secrecy clearance = gongwen::Secrecy::None;
};

// Filters as typed values, never glued into the query text: each restricts the matches
// exactly as its field in the query language does (docs/search.md, Fields). Empty = any.
struct SearchFilters {
  std::string year;          // 年度: "2025" or a range "2024..2025"
  std::string kind;          // 文种, exact
  std::string issuer;        // 发文机关 / 来文单位: words
  std::string direction;     // 发文 / 收文
  std::string secrecy;       // 秘密 机密 绝密 无
  std::string archive_code;  // 档号, exact
  std::string retention;     // 保管期限, exact
  std::string date_from, date_to;  // 成文日期 bounds: 2025, 2025-03, 2025-03-01 …
  bool empty() const {
    return year.empty() && kind.empty() && issuer.empty() && direction.empty() && secrecy.empty() &&
           archive_code.empty() && retention.empty() && date_from.empty() && date_to.empty();
  }
};

struct SearchRequest {
  std::string query;  // may be empty when `filters` name something: then the filters list
  SearchFilters filters;
  int offset = 0;
  int limit = 10;  // 1 … 200; larger values are clamped (with a note)
  enum class Sort { Relevance, DateDesc };
  Sort sort = Sort::Relevance;
  // Marks put around matched words in snippets. The snippet is plain text (not HTML): a web
  // page must escape it, so choose marks that survive escaping.
  std::string highlight_open = "【";
  std::string highlight_close = "】";
  std::size_t snippet_bytes = 240;  // about 80 Chinese characters
  // Count the matches by 年度, 文种 and 发文机关 (over the visible matches, not just the page;
  // exact up to 2,000 matches, beyond that estimated: SearchResult::facets_estimated).
  enum class Facets { None, Count };
  Facets facets = Facets::None;
  // A query of plain words that no visible document holds all of: by default nothing is found
  // (the user learns the words do not occur together); AnyWord reruns it as "any of the words",
  // documents with the most of them first, with a note. Fielded queries are never loosened.
  enum class WhenNoneMatch { Nothing, AnyWord };
  WhenNoneMatch when_none_match = WhenNoneMatch::Nothing;
  // The office's synonyms and abbreviations (vocabulary.hpp), applied to the query; may be null.
  std::shared_ptr<const Vocabulary> vocabulary;
  // "Did you mean": when a query of plain words finds fewer than kFewHits documents and one of
  // its words is held exactly by no visible document, propose corrections from the index's own
  // words (homophones, one-character slips, pinyin initials). 长江经济代 finds 30 documents
  // holding 长江, 经济 and 代 apart: still few, and 长江经济带 is offered.
  enum class Suggestions { None, WhenFew };
  Suggestions suggestions = Suggestions::WhenFew;
  static constexpr std::size_t kFewHits = 50;
};

struct FacetCount {
  std::string value;
  std::size_t count = 0;
};

struct Hit {
  std::string id, number, title, date_iso, issuer, kind, secrecy;
  std::string snippet;  // body excerpt with highlight marks around matches
  std::string path;
  std::string source;  // IndexedDocument::source
  double score = 0;
};

struct SearchResult {
  std::size_t total_estimate = 0;  // exact up to 10,000 matches (2,000 when facets are counted)
  std::vector<Hit> hits;
  std::string effective_query;  // the query as actually run (after normalising / rewriting)
  std::vector<std::string> notes;  // e.g. the query was retried in a safe form
  // Filled when SearchRequest::facets is Count; counted inside the access-filtered match, so a
  // hidden document is never counted. Years newest first; kinds and organs by count.
  std::vector<FacetCount> years, kinds, issuers;
  // True when a broad query matched more documents than the facet budget: the counts were then
  // taken from a sample of the matches and scaled, so they are estimates (show them as 约 N).
  bool facets_estimated = false;
  // True when the query named a complete 文号 and only documents with exactly that 文号 were
  // returned (the looser pieces — organ, year, sequence — are the fallback).
  bool exact_number = false;
  // Whole queries to offer instead ("您要找的是不是：森林防火"), best first, each holding words
  // visible documents have exactly; empty when the query found enough or nothing is close.
  std::vector<std::string> suggestions;
};

enum class AddOutcome { Added, Replaced };
enum class RemoveOutcome { Removed, Absent };

// Not thread-safe: give each thread its own SearchIndex (read-only opens are cheap).
// One writer per database at a time (Xapian's lock); readers may run alongside it.
class SearchIndex {
 public:
  // How a writable index reaches the disk. `Durable`: every commit is synced (the workspace's
  // index). `Unsynced`: commits are not synced (Xapian's DB_NO_SYNC), for a scratch shard that
  // BulkIndexBuilder merges and syncs at the end; a crash loses it, and the reindex runs again.
  enum class Sync { Durable, Unsynced };
  // Creates the directory (and parents) if needed.
  static Result<SearchIndex> open_writable(const std::filesystem::path& dir, Sync sync = Sync::Durable);
  // NotFound (with a reindex hint) if there is no index at `dir`.
  static Result<SearchIndex> open_readonly(const std::filesystem::path& dir);
  // Several indexes searched as one (Xapian sharding): each entry is a local index directory or
  // a remote one served by xapian-tcpsrv, written "tcp://HOST:PORT". Read-only. Remote TCP has
  // no authentication or encryption: use it on a trusted network only (docs/search.md).
  static Result<SearchIndex> open_shards(const std::vector<std::string>& shards);

  SearchIndex(SearchIndex&&) noexcept;
  SearchIndex& operator=(SearchIndex&&) noexcept;
  ~SearchIndex();

  // Adds or replaces (by id) one document. Visible to searches on this object at once and to
  // other readers after commit(). A bulk load (reindex) adds everything and commits once: the
  // index itself writes its buffer to disk every 500 additions, which keeps Xapian fast.
  Result<AddOutcome> add(const IndexedDocument& doc);
  Result<RemoveOutcome> remove(std::string_view id);
  // Makes the changes durable; returns the number of documents in the index.
  Result<std::size_t> commit();
  // A long-lived reader (the web server keeps one per thread) moves to the newest commit. Cheap
  // when nothing changed; a writer always sees its own state and is left as it is. True when
  // the reader moved to a newer commit.
  Result<bool> refresh();

  Result<SearchResult> search(const SearchRequest& request, const Viewer& viewer) const;

  std::size_t size() const;
  bool writable() const;

 private:
  struct Impl;
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace gongwen::search
