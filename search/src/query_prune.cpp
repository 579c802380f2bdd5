#include "query_prune.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/search/analysis.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

namespace {

// A term is a prefix (ASCII capitals, schema.hpp) followed by the indexed text.
struct CjkTerm {
  std::string_view prefix;
  char32_t first = 0, second = 0;  // second == 0 for a single character
};

std::optional<CjkTerm> cjk_term(std::string_view term) {
  std::size_t p = 0;
  while (p < term.size() && term[p] >= 'A' && term[p] <= 'Z') ++p;
  CjkTerm t{term.substr(0, p)};
  std::size_t pos = p;
  if (pos >= term.size()) return std::nullopt;
  t.first = utf8::next_or_invalid(term, pos);
  if (!is_cjk_letter(t.first)) return std::nullopt;
  if (pos == term.size()) return t;
  t.second = utf8::next_or_invalid(term, pos);
  if (!is_cjk_letter(t.second) || pos != term.size()) return std::nullopt;
  return t;
}

bool rebuildable(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

std::string_view leaf_term(const Xapian::Query& q, std::string& holder) {
  if (q.get_type() != Xapian::Query::LEAF_TERM) return {};
  const auto it = q.get_terms_begin();
  if (it == q.get_terms_end()) return {};
  holder = *it;
  return holder;
}

// `changed` is set when anything was dropped below `q`; otherwise `q` itself is returned.
Xapian::Query prune(const Xapian::Query& q, bool& changed) {
  const Xapian::Query::op op = q.get_type();
  if (!rebuildable(op)) return q;
  const std::size_t n = q.get_num_subqueries();
  std::vector<Xapian::Query> subs;
  subs.reserve(n);
  bool below = false;
  for (std::size_t i = 0; i < n; ++i) subs.push_back(prune(q.get_subquery(i), below));
  if (op == Xapian::Query::OP_AND) {
    // The pairs present in this AND, by prefix.
    std::vector<CjkTerm> pairs;
    std::string holder;
    for (const Xapian::Query& s : subs)
      if (const auto t = cjk_term(leaf_term(s, holder)); t && t->second != 0) pairs.push_back(*t);
    if (!pairs.empty()) {
      std::vector<Xapian::Query> kept;
      for (Xapian::Query& s : subs) {
        const auto t = cjk_term(leaf_term(s, holder));
        bool covered = false;
        if (t && t->second == 0) {
          for (const CjkTerm& p : pairs)
            covered = covered || (p.prefix == t->prefix && (p.first == t->first || p.second == t->first));
        }
        if (covered) {
          below = true;
        } else {
          kept.push_back(std::move(s));
        }
      }
      subs = std::move(kept);
    }
  }
  if (!below) return q;
  changed = true;
  if (subs.size() == 1 && op != Xapian::Query::OP_AND_NOT && op != Xapian::Query::OP_FILTER)
    return subs.front();
  return Xapian::Query(op, subs.begin(), subs.end());
}

}  // namespace

Xapian::Query drop_covered_single_characters(const Xapian::Query& q) {
  bool changed = false;
  return prune(q, changed);
}

}  // namespace gongwen::search
