#include "gongwen/services/search.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <tuple>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/services/indexing.hpp"

namespace gongwen::services {

namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_year(const std::string& s) { return s.size() == 4 && all_digits(s); }

// 2025, 2025..2026
bool is_year_or_range(const std::string& s) {
  const auto dots = s.find("..");
  if (dots == std::string::npos) return is_year(s);
  return is_year(s.substr(0, dots)) && is_year(s.substr(dots + 2));
}

// 2025, 2025-03, 2025-03-01 (a real day of the calendar)
bool is_date_bound(const std::string& s) {
  if (is_year(s)) return true;
  if (s.size() != 7 && s.size() != 10) return false;
  if (!is_year(s.substr(0, 4)) || s[4] != '-' || !all_digits(s.substr(5, 2))) return false;
  const int month = std::stoi(s.substr(5, 2));
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !all_digits(s.substr(8, 2))) return false;
  return Date{std::stoi(s.substr(0, 4)), month, std::stoi(s.substr(8, 2))}.valid();
}

bool is_secrecy(const std::string& s) { return s == "无" || s == "秘密" || s == "机密" || s == "绝密"; }
bool is_retention(const std::string& s) {
  return s == "永久" || s == "定期30年" || s == "定期10年" || s == "Y" || s == "D30" || s == "D10";
}

}  // namespace

std::optional<FilterProblem> filter_problem(const search::SearchFilters& f) {
  if (!f.year.empty() && !is_year_or_range(f.year))
    return FilterProblem{"year", "年度“" + f.year + "”不是年份：写作 2025 或 2024..2025"};
  if (!f.secrecy.empty() && !is_secrecy(f.secrecy))
    return FilterProblem{"secrecy", "密级“" + f.secrecy + "”不存在：只有 无、秘密、机密、绝密"};
  if (!f.retention.empty() && !is_retention(f.retention))
    return FilterProblem{"retention", "保管期限“" + f.retention + "”不存在：只有 永久、定期30年、定期10年"};
  if (!f.direction.empty() && f.direction != "发文" && f.direction != "收文")
    return FilterProblem{"direction", "收发“" + f.direction + "”只能是 发文 或 收文"};
  if (!f.date_from.empty() && !is_date_bound(f.date_from))
    return FilterProblem{"from", "日期“" + f.date_from + "”不是日历上的日期：写作 2025、2025-03 或 2025-03-01"};
  if (!f.date_to.empty() && !is_date_bound(f.date_to))
    return FilterProblem{"to", "日期“" + f.date_to + "”不是日历上的日期：写作 2025、2025-03 或 2025-03-01"};
  return std::nullopt;
}

std::vector<std::string> query_text_notes(const std::string& text) {
  std::vector<std::string> notes;
  // Field values the fields cannot hold: the condition has no effect.
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find_first_of(" \t", pos);
    const std::string token = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    const auto colon = token.find(':');
    if (colon == std::string::npos) continue;
    const std::string field = token.substr(0, colon), value = token.substr(colon + 1);
    if (value.empty()) {
      notes.push_back("“" + token + "”没有给出" + field + "的值，此条件未起作用");
      continue;
    }
    if ((field == "年度" || field == "year") && !is_year_or_range(value))
      notes.push_back("“" + token + "”中的年度不是年份（写作 年度:2025 或 年度:2024..2025），此条件未起作用");
    else if ((field == "密级" || field == "secrecy") && !is_secrecy(value))
      notes.push_back("“" + token + "”中的密级不存在（只有 无、秘密、机密、绝密），此条件未起作用");
  }
  // A quote that is never closed: the rest is searched as plain words.
  const auto quotes = std::count(text.begin(), text.end(), '"');
  if (quotes % 2 == 1) notes.push_back("检索式中的引号（\"）不成对，已按普通文字检索");
  return notes;
}

std::shared_ptr<const search::Vocabulary> office_vocabulary(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  const fs::path file = root / "vocabulary.txt";
  std::error_code ec;
  const auto when = fs::last_write_time(file, ec);
  if (ec) return nullptr;  // no vocabulary: the office has not written one
  const auto size = fs::file_size(file, ec);
  // The web desk searches from many threads; the file is read again only when it changed.
  static std::mutex mutex;
  static std::map<fs::path, std::tuple<fs::file_time_type, std::uintmax_t,
                                       std::shared_ptr<const search::Vocabulary>>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& [cached_when, cached_size, vocabulary] = cache[file];
  if (!vocabulary || cached_when != when || cached_size != size) {
    // A file that cannot be read as a vocabulary (not UTF-8) is skipped as a whole, and said.
    auto read = search::read_vocabulary(file);
    search::Vocabulary words;
    if (read.ok()) words = std::move(read).take();
    else words.skipped.push_back(read.error());
    vocabulary = std::make_shared<const search::Vocabulary>(std::move(words));
    cached_when = when;
    cached_size = size;
  }
  return vocabulary;
}

search::SearchRequest to_request(const SearchQuery& q) {
  search::SearchRequest req;
  req.query = q.text;
  req.filters = q.filters;
  req.limit = q.limit;
  req.offset = q.offset;
  req.sort = q.by_date ? search::SearchRequest::Sort::DateDesc : search::SearchRequest::Sort::Relevance;
  req.facets = q.facets ? search::SearchRequest::Facets::Count : search::SearchRequest::Facets::None;
  req.vocabulary = q.vocabulary;
  return req;
}

search::SearchResult search_documents(const search::SearchIndex& index, const SearchQuery& q,
                                      const search::Viewer& viewer) {
  if (auto p = filter_problem(q.filters)) fail(Code::BadInput, p->message);
  auto result = index.search(to_request(q), viewer).take();
  for (auto& n : query_text_notes(q.text)) result.notes.push_back(std::move(n));
  return result;
}

search::SearchResult search_documents(archive::Workspace& ws, const SearchQuery& q, const std::string& user) {
  if (auto p = filter_problem(q.filters)) fail(Code::BadInput, p->message);
  const search::Viewer viewer = viewer_for(ws, user);
  SearchQuery with_words = q;
  if (!with_words.vocabulary) with_words.vocabulary = office_vocabulary(ws.root());
  std::vector<std::string> shards;
  if (q.local) shards.push_back(ws.index_dir().string());
  shards.insert(shards.end(), q.shards.begin(), q.shards.end());
  if (shards.empty()) fail(Code::Usage, msg("workflow.search.no_shard"));
  // A workspace where nothing was issued or received yet has no index: it finds nothing, which
  // is not an error (the outbox creates and fills the index with the first document).
  std::error_code ec;
  if (q.shards.empty() && (!std::filesystem::exists(ws.index_dir(), ec) || std::filesystem::is_empty(ws.index_dir(), ec)))
    search::SearchIndex::open_writable(ws.index_dir()).take();
  auto index = q.shards.empty() ? search::SearchIndex::open_readonly(shards.front()).take()
                                : search::SearchIndex::open_shards(shards).take();
  auto result = search_documents(index, with_words, viewer);
  if (with_words.vocabulary)
    for (const Error& e : with_words.vocabulary->skipped)
      result.notes.push_back(msg("search.vocabulary.skipped", {{"problem", e.message}}));
  return result;
}

}  // namespace gongwen::services
