// Typed filters (SearchFilters) → Xapian filter queries, applied to the parsed user query.
#include <xapian.h>

#include "gongwen/search/analysis.hpp"
#include "query.hpp"
#include "query_rewrite.hpp"
#include "schema.hpp"

namespace gongwen::search {

namespace {

std::string clean(std::string_view v) {
  std::string s = normalize_text(repair_utf8(v), TextRole::Query);
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

Xapian::Query term(std::string_view prefix, const std::string& value) {
  return Xapian::Query(schema::boolean_term(prefix, value));
}

// 成文日期 between two bounds (either may be empty); nullopt (with a note) when one is no date.
std::optional<Xapian::Query> date_range(const std::string& from, const std::string& to,
                                        const char* what, std::vector<std::string>& notes) {
  const auto lo = from.empty() ? std::optional<std::string>("") : date_bound(from, false);
  const auto hi = to.empty() ? std::optional<std::string>("") : date_bound(to, true);
  if (!lo || !hi) {
    notes.push_back(std::string("已忽略无法识别的") + what + "：" + (lo ? to : from) +
                    "（应写作 2025、2025-03 或 2025-03-01）");
    return std::nullopt;
  }
  if (lo->empty() && hi->empty()) return std::nullopt;
  if (lo->empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, *hi);
  if (hi->empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, *lo);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, *lo, *hi);
}

// Words of a free-text field (发文机关), every one required, under the field's prefix.
std::optional<Xapian::Query> words_in(std::string_view prefix, const std::string& value,
                                      std::vector<std::string>& notes) {
  Xapian::QueryParser qp;
  qp.set_default_op(Xapian::Query::OP_AND);
  try {
    return qp.parse_query(value, Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_CJK_NGRAM,
                          std::string(prefix));
  } catch (const Xapian::QueryParserError&) {
    notes.push_back("已忽略无法检索的发文机关：" + value);
    return std::nullopt;
  }
}

// Every filter given, ANDed; an empty query when none restricts anything.
Xapian::Query filter_query(const SearchFilters& f, std::vector<std::string>& notes) {
  std::vector<Xapian::Query> parts;
  const auto add_term = [&](std::string_view prefix, const std::string& raw) {
    if (const std::string v = clean(raw); !v.empty()) parts.push_back(term(prefix, v));
  };
  if (const std::string year = clean(f.year); !year.empty()) {
    if (const auto dots = year.find(".."); dots != std::string::npos) {
      if (auto q = date_range(year.substr(0, dots), year.substr(dots + 2), "年度", notes)) parts.push_back(*q);
    } else {
      parts.push_back(term(schema::kYear, year));
    }
  }
  add_term(schema::kKind, f.kind);
  add_term(schema::kDirection, f.direction);
  add_term(schema::kSecrecy, f.secrecy);
  add_term(schema::kArchiveCode, f.archive_code);
  add_term(schema::kRetention, f.retention);
  if (const std::string issuer = clean(f.issuer); !issuer.empty())
    if (auto q = words_in(schema::kIssuer, issuer, notes); q && !q->empty()) parts.push_back(*q);
  if (auto q = date_range(clean(f.date_from), clean(f.date_to), "成文日期", notes)) parts.push_back(*q);
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query filtered(const Xapian::Query& q, const Xapian::Query& filter) {
  if (q.empty() || filter.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
}

}  // namespace

Result<ParsedQuery> parse_request(std::string_view raw, const SearchFilters& filters,
                                  const Vocabulary* vocabulary) {
  if (filters.empty()) return parse_user_query(raw, vocabulary);
  std::vector<std::string> notes;
  const Xapian::Query filter = filter_query(filters, notes);
  ParsedQuery parsed;
  if (raw.find_first_not_of(" \t\r\n") == std::string_view::npos && !filter.empty()) {
    parsed.query = Xapian::Query::MatchAll;  // filters only: list what they let through
  } else {
    auto p = parse_user_query(raw, vocabulary);
    if (!p) return p.error();
    parsed = std::move(p).value();
  }
  parsed.query = filtered(parsed.query, filter);
  parsed.exact = filtered(parsed.exact, filter);
  parsed.any_word = filtered(parsed.any_word, filter);
  for (auto& n : notes) parsed.notes.push_back(std::move(n));
  if (parsed.query.empty() && parsed.notes.empty()) parsed.notes.push_back("检索词中没有可检索的文字");
  return parsed;
}

}  // namespace gongwen::search
