#include "query.hpp"

#include <algorithm>
#include <memory>

#include "gongwen/search/analysis.hpp"
#include "query_prune.hpp"
#include "query_rewrite.hpp"
#include "vocabulary_expand.hpp"
#include "schema.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

namespace {

// Ranges over 成文日期 (and 年度:2025..2026). Declines what is not a date, so the parser
// reports an unknown range and the safe-form retry takes over.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(const std::string& field)
      : Xapian::RangeProcessor(schema::kSlotDate, field) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    const auto lo = begin.empty() ? std::optional<std::string>("") : date_bound(begin, false);
    const auto hi = end.empty() ? std::optional<std::string>("") : date_bound(end, true);
    if (!lo || !hi || (lo->empty() && hi->empty()))
      return Xapian::Query(Xapian::Query::OP_INVALID);
    if (lo->empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, *hi);
    if (hi->empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, *lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, *lo, *hi);
  }
};

constexpr unsigned kFullFlags = Xapian::QueryParser::FLAG_BOOLEAN |
                                Xapian::QueryParser::FLAG_PHRASE |
                                Xapian::QueryParser::FLAG_LOVEHATE |
                                Xapian::QueryParser::FLAG_PURE_NOT |
                                Xapian::QueryParser::FLAG_CJK_NGRAM;
constexpr unsigned kSafeFlags = Xapian::QueryParser::FLAG_PHRASE |
                                Xapian::QueryParser::FLAG_CJK_NGRAM;

Xapian::QueryParser make_parser() {
  Xapian::QueryParser qp;
  qp.set_default_op(Xapian::Query::OP_AND);  // every word typed must appear
  for (const schema::Field& f : schema::kFields) {
    const std::string name(f.name), prefix(f.prefix), group(f.group);
    switch (f.kind) {
      case schema::FieldKind::Text:
      case schema::FieldKind::Number:
        qp.add_prefix(name, prefix);
        break;
      case schema::FieldKind::Boolean:
        qp.add_boolean_prefix(name, prefix, &group);
        break;
      case schema::FieldKind::Date:
        break;
    }
    // Prefixed range processors first: a bare one must not see "年度:2025" as a date.
    if (f.kind == schema::FieldKind::Date || f.group == "year")
      qp.add_rangeprocessor((new DateRangeProcessor(name + ":"))->release());
  }
  qp.add_rangeprocessor((new DateRangeProcessor(""))->release());
  return qp;
}

// Parses each word on its own and joins the results with `op`. A single word avoids every
// operator and the 1.4.22 mixed-script bug; a word that still fails is tried quoted, then left
// out (reported through `dropped`).
Xapian::Query combine_words(const std::vector<QueryWord>& words, Xapian::Query::op op,
                            std::vector<std::string>* dropped) {
  Xapian::QueryParser qp;
  qp.set_default_op(Xapian::Query::OP_AND);
  std::vector<Xapian::Query> parts;
  for (const QueryWord& w : words) {
    const std::string quoted = "\"" + w.text + "\"";
    Xapian::Query q;
    if (op == Xapian::Query::OP_OR && !w.highlight) continue;
    for (const std::string* form : {w.phrase ? &quoted : &w.text, &quoted}) {
      try {
        q = qp.parse_query(*form, kSafeFlags);
        break;
      } catch (const Xapian::QueryParserError&) {
      }
    }
    if (!q.empty()) {
      parts.push_back(q);
    } else if (dropped != nullptr) {
      dropped->push_back(w.text);
    }
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(op, parts.begin(), parts.end());
}

// Weights that put a document into a tier whatever its BM25 weight (a few dozen at most):
// the exact sequence of a compound word beats its parts near each other, which beat its
// parts anywhere. Within a tier BM25 orders as before (title hits count double).
constexpr double kExactTier = 100000;
constexpr double kNearTier = 10000;
// "Near": all the characters of the words within this many positions beyond their count.
constexpr Xapian::termcount kNearSlack = 8;

Xapian::Query tier(double weight, const Xapian::Query& condition) {
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                       condition);
}

// The characters of a CJK run, as the index's single-character terms (with positions).
std::vector<std::string> character_terms(std::string_view text) {
  std::vector<std::string> terms;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (is_cjk_letter(utf8::next_or_invalid(text, pos)))
      terms.emplace_back(text.substr(start, pos - start));
  }
  return terms;
}

// Exact before scattered: each compound's exact sequence, then all the words' characters near
// each other. Added to the query as OP_AND_MAYBE, so what matches does not change, only the
// order. Empty when there is nothing to tier.
Xapian::Query rank_tiers(const RewrittenQuery& r) {
  std::vector<Xapian::Query> tiers;
  for (const Compound& c : r.compounds) {
    if (!c.ranked) continue;
    const std::vector<std::string> terms = character_terms(c.text);
    if (terms.size() < 2) continue;
    // The pairs first (short posting lists, no positions), the phrase's position check last.
    std::vector<Xapian::Query> exact;
    for (std::size_t i = 0; i + 1 < terms.size(); ++i)
      exact.emplace_back(terms[i] + terms[i + 1]);
    // Four characters (two words and the pair that bridges them: 森林防火 → 森林 林防 防火): the
    // three pairs are the exact test, no position check. The phrase's check is a position
    // look-up per character and match (30 ms of CPU for 森林防火 over 20,000 matches at
    // 100,000 documents, web benchmark); for four characters it never changed the evaluation.
    // Three characters (农业税: 农业 and 业税, as in 营业税) and five or more (住房制度改革: its
    // pairs all occur in 住房…制度改革) keep it: without it their exact tier takes in texts
    // that hold the pairs apart (compound evaluation 1.000 → 0.980 recall, 0.973 MRR).
    if (terms.size() != 4)
      exact.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
    tiers.push_back(tier(kExactTier, Xapian::Query(Xapian::Query::OP_AND, exact.begin(), exact.end())));
  }
  std::vector<std::string> near;
  std::size_t words = 0;
  for (const QueryWord& w : r.words) {
    if (w.phrase || !w.highlight) continue;
    ++words;
    for (std::string& t : character_terms(w.text))
      if (std::find(near.begin(), near.end(), t) == near.end()) near.push_back(std::move(t));
  }
  // A query that is one compound as typed (社会主义市场经济体制) has its exact tier; the near tier
  // would only re-rank the documents without the exact sequence, at a position check for every
  // match (the dearest part of such a query at 100,000 documents: docs/search.md "Speed").
  std::string typed;
  for (const QueryWord& w : r.words)
    if (!w.phrase && w.highlight) typed += w.text;
  const bool one_compound = std::any_of(r.compounds.begin(), r.compounds.end(),
                                        [&](const Compound& c) { return c.ranked && c.text == typed; });
  if (words >= 2 && !one_compound && near.size() >= 2 && near.size() <= 16)
    tiers.push_back(tier(kNearTier, Xapian::Query(Xapian::Query::OP_NEAR, near.begin(), near.end(),
                                                  near.size() + kNearSlack)));
  if (tiers.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, tiers.begin(), tiers.end());
}

Xapian::Query with_tiers(const Xapian::Query& q, const Xapian::Query& tiers) {
  if (q.empty() || tiers.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, tiers);
}

std::string join_words(const std::vector<QueryWord>& words) {
  std::string s;
  for (const QueryWord& w : words) {
    if (!s.empty()) s += ' ';
    s += w.phrase ? "\"" + w.text + "\"" : w.text;
  }
  return s;
}

// Plain words only (no field, operator, phrase, bracket or range): the words, else none.
std::vector<std::string> typed_words(const std::string& text) {
  if (text.find_first_of(":\"()-+") != std::string::npos || text.find("..") != std::string::npos)
    return {};
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t end = std::min(text.find(' ', i), text.size());
    if (end > i) out.push_back(text.substr(i, end - i));
    i = end;
  }
  for (const std::string& w : out)
    if (w == "AND" || w == "OR" || w == "NOT" || w == "XOR") return {};
  return out;
}

}  // namespace

Result<ParsedQuery> parse_user_query(std::string_view raw, const Vocabulary* vocabulary) {
  if (const auto bad = find_invalid_utf8(raw)) {
    return make_error(Code::BadInput,
                      "检索词不是有效的 UTF-8 文本（第 " + std::to_string(*bad + 1) + " 字节无效）",
                      {"请以 UTF-8 编码输入检索词"});
  }
  std::string text = normalize_text(raw, TextRole::Query);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return make_error(Code::BadInput, "请输入检索词",
                      {"例如：森林防火、文号:白政发〔2025〕7号、标题:征兵 年度:2025"});
  }
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  if (utf8::count_code_points(text) > kMaxQueryChars) {
    return make_error(Code::BadInput,
                      "检索词过长（最多 " + std::to_string(kMaxQueryChars) + " 个字符）",
                      {"请只输入关键的词语"});
  }

  ParsedQuery parsed;
  parsed.typed = typed_words(text);
  std::vector<std::string> vocabulary_notes;
  if (vocabulary != nullptr) text = expand_with_vocabulary(text, *vocabulary, vocabulary_notes);
  const RewrittenQuery rewritten = rewrite_query(text);
  parsed.notes = rewritten.notes;
  parsed.notes.insert(parsed.notes.end(), vocabulary_notes.begin(), vocabulary_notes.end());
  try {
    Xapian::QueryParser qp = make_parser();
    parsed.query = qp.parse_query(rewritten.text, kFullFlags);
    parsed.effective = rewritten.text;
    if (!rewritten.exact_text.empty()) {
      try {
        parsed.exact = qp.parse_query(rewritten.exact_text, kFullFlags);
        parsed.exact_effective = rewritten.exact_text;
        parsed.number = rewritten.number;
      } catch (const Xapian::QueryParserError&) {
        // the loose form parsed, so it alone is used
      }
    }
  } catch (const Xapian::QueryParserError& e) {
    // Retry without operators, fields or ranges: each word must appear.
    std::vector<std::string> dropped;
    parsed.query = combine_words(rewritten.words, Xapian::Query::OP_AND, &dropped);
    parsed.effective = join_words(rewritten.words);
    parsed.notes.push_back("检索式“" + text + "”无法按语法解析（" + e.get_msg() +
                           "），已改为按普通词语检索：" + parsed.effective);
    for (const std::string& w : dropped) parsed.notes.push_back("已忽略无法检索的词：" + w);
  }
  parsed.highlight = combine_words(rewritten.words, Xapian::Query::OP_OR, nullptr);
  const bool plain = rewritten.text.find_first_of(":\"()-+") == std::string::npos &&
                     rewritten.text.find("..") == std::string::npos &&
                     rewritten.words.size() >= 2;
  bool operators = false;
  for (const char* op : {"AND", "OR", "NOT", "XOR"})
    operators = operators || rewritten.text.find(op) != std::string::npos;
  if (plain && !operators) parsed.any_word = parsed.highlight;
  if (parsed.query.empty()) parsed.notes.push_back("检索词中没有可检索的文字");
  // What the matcher runs loses the single characters the pairs cover (same matches, a third
  // of the terms). `highlight` keeps them: the snippet marks a word character by character.
  parsed.query = drop_covered_single_characters(parsed.query);
  parsed.exact = drop_covered_single_characters(parsed.exact);
  parsed.any_word = drop_covered_single_characters(parsed.any_word);
  const Xapian::Query tiers = rank_tiers(rewritten);
  parsed.query = with_tiers(parsed.query, tiers);
  parsed.any_word = with_tiers(parsed.any_word, tiers);
  // Marks: each compound whole, then the words; a word of one character inside a compound
  // (会 of 北京奥运会) is not marked on its own, or every 会 of the text would light up.
  for (const Compound& c : rewritten.compounds) parsed.marks.push_back(c.text);
  for (const QueryWord& w : rewritten.words) {
    if (!w.highlight) continue;
    const bool single = utf8::count_code_points(w.text) == 1;
    const bool inside = std::any_of(rewritten.compounds.begin(), rewritten.compounds.end(),
                                    [&](const Compound& c) { return c.text.find(w.text) != std::string::npos; });
    if (!(single && inside)) parsed.marks.push_back(w.text);
  }
  return parsed;
}

}  // namespace gongwen::search
