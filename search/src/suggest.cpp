#include "suggest.hpp"

#include <algorithm>
#include <set>

#include "gongwen/pipeline/utf8.hpp"
#include "gongwen/search/analysis.hpp"
#include "pinyin.hpp"

namespace gongwen::search {

namespace {

using Word = std::u32string;

bool all_cjk(const Word& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char32_t c) { return is_cjk_letter(c); });
}

bool all_lower_latin(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string pair_term(char32_t a, char32_t b) { return utf8::encode(Word{a, b}); }

// Every adjacent pair of the word is an indexed bigram: a cheap test (a term look-up each)
// that rules out most candidates before the phrase is checked.
bool pairs_exist(const Xapian::Database& db, const Word& w) {
  for (std::size_t i = 0; i + 1 < w.size(); ++i)
    if (db.get_termfreq(pair_term(w[i], w[i + 1])) == 0) return false;
  return w.size() > 1 || db.get_termfreq(utf8::encode(w)) > 0;
}

// Visible documents holding `w`: with `Exact::Phrase` as an exact sequence (positions), with
// `Exact::Pairs` holding all its pairs (no positions: far cheaper on common characters, and
// nearly always the same), counted up to a few dozen.
enum class Exact { Pairs, Phrase };
Xapian::doccount visible(const Xapian::Database& db, const Word& w, Exact exact,
                         const std::function<Xapian::Query(const Xapian::Query&)>& restrict) {
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i + 1 < w.size(); ++i) parts.emplace_back(pair_term(w[i], w[i + 1]));
  if (exact == Exact::Phrase && w.size() > 2) {
    // The pairs first (short posting lists), the position check last: a phrase over the
    // characters alone walked every document holding them all when the pairs stood apart
    // (a wrong candidate of common characters: up to 0.6 s at 100,000 documents).
    std::vector<std::string> chars;
    for (char32_t c : w) chars.push_back(utf8::encode(Word{c}));
    parts.emplace_back(Xapian::Query::OP_PHRASE, chars.begin(), chars.end(), chars.size());
  }
  if (parts.empty()) parts.emplace_back(utf8::encode(w));
  const Xapian::Query q(Xapian::Query::OP_AND, parts.begin(), parts.end());
  Xapian::Enquire e(db);
  e.set_query(restrict(q));
  e.set_weighting_scheme(Xapian::BoolWeight());
  return e.get_mset(0, 1, 50).get_matches_estimated();
}

struct Candidate {
  Word word;
  int cost;  // 1 homophone or office word, 2 other slip, 3 dropped character
  Xapian::doccount found = 0;
};

void add(std::vector<Candidate>& out, std::set<Word>& seen, const Xapian::Database& db, Word w,
         int cost) {
  if (seen.count(w) || !pairs_exist(db, w)) return;
  seen.insert(w);
  out.push_back({std::move(w), cost});
}

constexpr std::size_t kPairScan = 3000;  // bigrams looked at after one character
constexpr std::size_t kChecked = 80;     // candidates whose pairs are counted

// One-character changes of a CJK word that the index holds, best first.
std::vector<Candidate> corrections(const Xapian::Database& db, const Word& w,
                                   const std::vector<Word>& office) {
  std::vector<Candidate> out;
  std::set<Word> seen{w};
  for (const Word& o : office) {  // the office's own words one character away
    if (o.size() != w.size()) continue;
    std::size_t diff = 0;
    for (std::size_t i = 0; i < w.size(); ++i) diff += o[i] != w[i];
    if (diff == 1) add(out, seen, db, o, 1);
  }
  for (std::size_t i = 0; i < w.size(); ++i)
    for (char32_t c : same_reading(w[i])) {
      Word v = w;
      v[i] = c;
      add(out, seen, db, std::move(v), 1);
    }
  for (std::size_t i = 1; i < w.size(); ++i) {
    // Characters the index has right after w[i-1] (its bigrams, in term order).
    const std::string prefix = utf8::encode(Word{w[i - 1]});
    std::size_t scanned = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix) && scanned < kPairScan;
         ++t, ++scanned) {
      const Word pair = utf8::decode(*t);
      if (pair.size() != 2 || pair[1] == w[i] || !is_cjk_letter(pair[1])) continue;
      if (i + 1 < w.size() && db.get_termfreq(pair_term(pair[1], w[i + 1])) == 0) continue;
      Word v = w;
      v[i] = pair[1];
      add(out, seen, db, std::move(v), 2);
    }
  }
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    Word v = w;
    std::swap(v[i], v[i + 1]);
    add(out, seen, db, std::move(v), 2);
  }
  if (w.size() >= 3)
    for (std::size_t i = 0; i < w.size(); ++i) {
      Word v = w;
      v.erase(i, 1);
      add(out, seen, db, std::move(v), 3);
    }
  // Cheapest first; among equals, the pair the index holds most often.
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
  return out;
}

// Words whose readings start with the letters typed (slfh → 森林防火), grown a character at a
// time along the index's bigrams, keeping the most frequent few at each step.
std::vector<Candidate> from_initials(const Xapian::Database& db, std::string_view letters,
                                     const std::vector<Word>& office) {
  constexpr std::size_t kBeam = 40;
  std::vector<Candidate> out;
  std::set<Word> seen;
  for (const Word& o : office)
    if (pinyin_initials(utf8::encode(o)) == letters) add(out, seen, db, o, 1);
  if (letters.size() < 2 || letters.size() > 6) return out;
  std::vector<std::pair<Xapian::doccount, Word>> beam;
  for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) {
    const std::string& r = pinyin_of(c);
    if (r.empty() || r.front() != letters[0]) continue;
    if (const Xapian::doccount f = db.get_termfreq(utf8::encode(Word{c})); f > 0)
      beam.push_back({f, Word{c}});
  }
  for (std::size_t k = 1; k < letters.size() && !beam.empty(); ++k) {
    std::sort(beam.begin(), beam.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (beam.size() > kBeam) beam.resize(kBeam);
    std::vector<std::pair<Xapian::doccount, Word>> next;
    for (const auto& [freq, w] : beam) {
      const std::string prefix = utf8::encode(Word{w.back()});
      std::size_t scanned = 0;
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix) && scanned < kPairScan;
           ++t, ++scanned) {
        const Word pair = utf8::decode(*t);
        if (pair.size() != 2) continue;
        const std::string& r = pinyin_of(pair[1]);
        if (r.empty() || r.front() != letters[k]) continue;
        next.push_back({std::min(freq, t.get_termfreq()), w + pair[1]});
      }
    }
    beam = std::move(next);
  }
  std::sort(beam.begin(), beam.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [freq, w] : beam) add(out, seen, db, w, 2);
  return out;
}

}  // namespace

std::vector<std::string> suggest_queries(
    const Xapian::Database& db, const std::vector<std::string>& tokens,
    const std::vector<std::string>& vocabulary_words,
    const std::function<Xapian::Query(const Xapian::Query&)>& restrict) {
  std::vector<Word> office;
  for (const std::string& v : vocabulary_words) office.push_back(utf8::decode(v));
  // The first token no visible document holds exactly is corrected; the others stay.
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Word w = utf8::decode(tokens[k]);
    std::vector<Candidate> candidates;
    if (all_cjk(w) && w.size() >= 2 && w.size() <= 8) {
      if (visible(db, w, Exact::Pairs, restrict) > 0 && visible(db, w, Exact::Phrase, restrict) > 0)
        continue;
      candidates = corrections(db, w, office);
    } else if (all_lower_latin(tokens[k]) && db.get_termfreq(tokens[k]) == 0) {
      candidates = from_initials(db, tokens[k], office);
    } else {
      continue;
    }
    if (candidates.size() > kChecked) candidates.resize(kChecked);
    // Counted by their pairs (cheap), and only those offered checked as exact sequences.
    for (Candidate& c : candidates) c.found = visible(db, c.word, Exact::Pairs, restrict);
    std::erase_if(candidates, [](const Candidate& c) { return c.found == 0; });
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.cost != b.cost ? a.cost < b.cost : a.found > b.found;
    });
    std::vector<std::string> out;
    int phrase_checks = 0;
    for (const Candidate& c : candidates) {
      if (++phrase_checks > 20) break;
      if (visible(db, c.word, Exact::Phrase, restrict) == 0) continue;
      std::string q;
      for (std::size_t j = 0; j < tokens.size(); ++j)
        q += (j ? " " : "") + (j == k ? utf8::encode(c.word) : tokens[j]);
      out.push_back(std::move(q));
      if (out.size() == 3) break;
    }
    if (!out.empty()) return out;
  }
  return {};
}

}  // namespace gongwen::search
