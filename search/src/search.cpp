// Running a search: parse, restrict to what the viewer may see, fetch a page, cut snippets.
#include <algorithm>
#include <array>
#include <map>

#include "access.hpp"
#include "index_impl.hpp"
#include "query.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "suggest.hpp"
#include "xapian_error.hpp"

namespace gongwen::search {

namespace {

constexpr int kMaxLimit = 200;
// Matching runs to at least this many documents, so the total is exact (not estimated from
// term statistics, which count documents the viewer cannot see) for any realistic result.
constexpr Xapian::doccount kExactCountUpTo = 10000;
// Facets count at most this many matches. A broad query on 100,000 documents (发展, 2025) matches
// most of them, and counting every match cost up to 100 ms; beyond the budget the counts come
// from the matches checked and are scaled to the estimated total (SearchResult::facets_estimated).
constexpr Xapian::doccount kFacetBudget = 2000;
const std::string kNoNumber;

std::string iso_from_key(const std::string& key) {
  if (key.size() != 8) return {};
  return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

// `number`: the canonical 文号 of an exact-文号 search (empty otherwise).
Hit make_hit(const Xapian::MSetIterator& it, const SearchRequest& request,
             const std::vector<std::string>& words, const std::string& number) {
  const Xapian::Document doc = it.get_document();
  Hit hit;
  hit.id = doc.get_value(schema::kSlotId);
  hit.number = doc.get_value(schema::kSlotNumber);
  hit.title = doc.get_value(schema::kSlotTitle);
  hit.date_iso = iso_from_key(doc.get_value(schema::kSlotDate));
  hit.issuer = doc.get_value(schema::kSlotIssuer);
  hit.kind = doc.get_value(schema::kSlotKind);
  hit.secrecy = doc.get_value(schema::kSlotSecrecy);
  hit.path = doc.get_value(schema::kSlotPath);
  hit.source = doc.get_value(schema::kSlotSource);
  hit.score = it.get_weight();
  std::string text = doc.get_data();
  if (text.empty()) text = hit.title;
  SnippetMarks marks{{}, request.highlight_open, request.highlight_close, request.snippet_bytes};
  if (!number.empty()) marks.terms.push_back(number);
  marks.terms.insert(marks.terms.end(), words.begin(), words.end());
  hit.snippet = make_snippet(text, marks);
  // A 文号 hit shows its 版头 line: the number, when the body does not hold it itself.
  if (!number.empty() && text.find(number) == std::string::npos) {
    const std::string shown = hit.number.empty() ? number : hit.number;
    hit.snippet = request.highlight_open + shown + request.highlight_close + "　" + hit.snippet;
  }
  return hit;
}

// Counts per value of one facet, before scaling and sorting.
using Tally = std::map<std::string, Xapian::doccount>;

// Facet counts, most frequent first (years: newest first). `scale` > 1 when the spy saw a sample
// of the matches: counts are then scaled to the estimated total.
std::vector<FacetCount> facet_counts(const Tally& tally, bool by_value, double scale) {
  std::vector<FacetCount> out;
  for (const auto& [value, count] : tally) {
    if (value.empty()) continue;
    const double n = static_cast<double>(count) * scale;
    out.push_back({value, static_cast<std::size_t>(n + 0.5)});
  }
  std::stable_sort(out.begin(), out.end(), [by_value](const FacetCount& a, const FacetCount& b) {
    if (by_value) return a.value > b.value;
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return out;
}

Tally tally_of(const Xapian::ValueCountMatchSpy& spy) {
  Tally t;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) t[*it] += it.get_termfreq();
  return t;
}

// Year, kind and organ counts of the matches the spy saw in the combined slot (schema.hpp).
std::array<Tally, 3> split_facets(const Xapian::ValueCountMatchSpy& spy) {
  std::array<Tally, 3> out;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string& combined = *it;
    std::size_t start = 0;
    for (Tally& t : out) {
      const std::size_t end = std::min(combined.find(schema::kFacetSeparator, start), combined.size());
      t[combined.substr(start, end - start)] += it.get_termfreq();
      start = end + 1;
      if (start > combined.size()) break;
    }
  }
  return out;
}

}  // namespace

Result<SearchResult> SearchIndex::search(const SearchRequest& request, const Viewer& viewer) const {
  if (request.offset < 0) return make_error(Code::BadInput, "结果起始位置不能为负数");
  if (request.limit <= 0) return make_error(Code::BadInput, "每页结果数必须大于 0");
  Result<ParsedQuery> parsed = [&]() -> Result<ParsedQuery> {
    try {
      return parse_request(request.query, request.filters, request.vocabulary.get());
    } catch (const Xapian::Error& e) {  // parse errors are retried inside; these are not
      return translate_xapian_error(e, "解析检索式", m_impl->dir);
    }
  }();
  if (!parsed) return parsed.error();

  SearchResult result;
  result.effective_query = parsed.value().effective;
  result.notes = parsed.value().notes;
  const int limit = std::min(request.limit, kMaxLimit);
  if (limit < request.limit)
    result.notes.push_back("每页最多显示 " + std::to_string(kMaxLimit) + " 条结果");
  if (parsed.value().query.empty()) return result;

  // The access rule is part of the query: a hidden document never matches, so it cannot
  // show up in the hits, the total, a facet count or a snippet.
  const Xapian::Query hidden = hidden_from(viewer);
  const auto restrict = [&](const Xapian::Query& q) {
    return hidden.empty() ? q : Xapian::Query(Xapian::Query::OP_AND_NOT, q, hidden);
  };
  const Xapian::Query loose = restrict(parsed.value().query);
  const Xapian::Query exact =
      parsed.value().exact.empty() ? Xapian::Query() : restrict(parsed.value().exact);

  // A reader may be behind the writer; a concurrent commit can also invalidate a read once.
  for (int attempt = 0;; ++attempt) {
    try {
      if (!m_impl->writer) m_impl->db.reopen();
      Xapian::Enquire enquire(m_impl->db);
      if (request.sort == SearchRequest::Sort::DateDesc)
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
      // A complete 文号 names one document: if it exists (and is visible), show only it; the
      // looser pieces (organ words + year + sequence) are the fallback for a mistyped organ.
      result.exact_number = false;
      if (!exact.empty()) {
        enquire.set_query(exact);
        if (!enquire.get_mset(0, 1).empty()) result.exact_number = true;
      }
      // Every word required finds nothing: show the documents with most of the words, and say so.
      bool partial = false;
      if (!result.exact_number && !parsed.value().any_word.empty() &&
          request.when_none_match == SearchRequest::WhenNoneMatch::AnyWord) {
        enquire.set_query(loose);
        partial = enquire.get_mset(0, 1).empty();
      }
      enquire.set_query(result.exact_number ? exact
                        : partial           ? restrict(parsed.value().any_word)
                                            : loose);
      if (partial && attempt == 0)
        result.notes.push_back("没有同时包含全部检索词的文件，以下按包含检索词的多少排列");
      result.effective_query =
          result.exact_number ? parsed.value().exact_effective : parsed.value().effective;
      const Xapian::doccount first = static_cast<Xapian::doccount>(request.offset);
      // Without facets the ranked pass checks up to kExactCountUpTo matches, so the total is
      // exact that far. With facets the unweighted pass below checks up to the budget and gives
      // the total; the ranked pass then only needs the page.
      const bool counting = request.facets == SearchRequest::Facets::Count;
      const Xapian::doccount check =
          std::max<Xapian::doccount>(counting ? 0 : kExactCountUpTo, first + limit);
      const Xapian::MSet mset = enquire.get_mset(first, static_cast<Xapian::doccount>(limit), check);
      result.total_estimate = mset.get_matches_estimated();
      if (counting) {
        // A second, unweighted pass over the same matches feeds the spies. Without weights
        // Xapian stops once it has checked the budget (BM25 matching of a broad AND query checks
        // every match), so counting costs at most kFacetBudget documents.
        // One spy on the combined slot when every document has it; an index (or a shard) from
        // before it existed is counted with three.
        const bool combined =
            m_impl->db.get_value_freq(schema::kSlotFacets) == m_impl->db.get_doccount();
        Xapian::ValueCountMatchSpy facets(schema::kSlotFacets), years(schema::kSlotYear),
            kinds(schema::kSlotKind), issuers(schema::kSlotIssuer);
        Xapian::Enquire counter(m_impl->db);
        counter.set_query(enquire.get_query());
        counter.set_weighting_scheme(Xapian::BoolWeight());
        if (combined) {
          counter.add_matchspy(&facets);
        } else {
          counter.add_matchspy(&years);
          counter.add_matchspy(&kinds);
          counter.add_matchspy(&issuers);
        }
        const Xapian::MSet sample = counter.get_mset(0, 1, kFacetBudget);
        result.total_estimate = sample.get_matches_estimated();
        // The spies saw `seen` matches; when there are more, the counts are that sample (the
        // oldest documents first, in index order) scaled to the estimate: the user sees "约".
        const Xapian::doccount seen = combined ? facets.get_total() : years.get_total();
        result.facets_estimated = seen < sample.get_matches_upper_bound();
        const double scale = result.facets_estimated && seen > 0
                                 ? static_cast<double>(result.total_estimate) / seen
                                 : 1.0;
        const std::array<Tally, 3> tallies =
            combined ? split_facets(facets)
                     : std::array<Tally, 3>{tally_of(years), tally_of(kinds), tally_of(issuers)};
        result.years = facet_counts(tallies[0], true, scale);
        result.kinds = facet_counts(tallies[1], false, scale);
        result.issuers = facet_counts(tallies[2], false, scale);
      }
      result.hits.clear();
      // Snippets are cut from the stored body around the terms typed (snippet.cpp): no term
      // statistics needed, so no second MSet.
      const std::string& number = result.exact_number ? parsed.value().number : kNoNumber;
      for (auto it = mset.begin(); it != mset.end(); ++it)
        result.hits.push_back(make_hit(it, request, parsed.value().marks, number));
      result.suggestions.clear();
      if (request.suggestions == SearchRequest::Suggestions::WhenFew && request.offset == 0 &&
          result.total_estimate < SearchRequest::kFewHits && !parsed.value().typed.empty()) {
        std::vector<std::string> office;
        if (request.vocabulary)
          for (const auto& group : request.vocabulary->groups)
            office.insert(office.end(), group.begin(), group.end());
        result.suggestions = suggest_queries(m_impl->db, parsed.value().typed, office, restrict);
      }
      return result;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 1) return translate_xapian_error(e, "检索", m_impl->dir);
    } catch (const Xapian::Error& e) {
      return translate_xapian_error(e, "检索", m_impl->dir);
    }
  }
}

}  // namespace gongwen::search
