#include "snippet.hpp"

#include <algorithm>

#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

namespace {

// Bytes of ASCII letters lowered, everything else kept: Xapian lowercases Latin terms, so
// `forest` matched FOREST; UTF-8 multi-byte sequences never contain ASCII bytes.
std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t back_to_char(std::string_view s, std::size_t at) {
  while (at > 0 && at < s.size() && utf8::is_continuation(s[at])) --at;
  return at;
}

// Where a sentence ends: the passage starts after the last one before the match, if near.
bool sentence_end_before(std::string_view s, std::size_t at, std::size_t* len) {
  static constexpr std::string_view kEnds[] = {"。", "；", "！", "？", "\n"};
  for (std::string_view e : kEnds)
    if (at >= e.size() && s.substr(at - e.size(), e.size()) == e) {
      *len = e.size();
      return true;
    }
  return false;
}

}  // namespace

std::string make_snippet(std::string_view text, const SnippetMarks& marks) {
  const std::string lower = ascii_lower(text);
  std::vector<std::string> terms;  // lowered, deduplicated, in order of preference
  for (const std::string& t : marks.terms) {
    std::string l = ascii_lower(t);
    if (!l.empty() && std::find(terms.begin(), terms.end(), l) == terms.end()) terms.push_back(l);
  }
  const std::size_t budget = std::max<std::size_t>(marks.bytes, 30);

  // The passage: around the occurrence of the preferred term that has most of the other terms
  // close by (the first such occurrence).
  std::size_t start = 0;
  for (const std::string& primary : terms) {
    std::size_t best = std::string::npos;
    int best_others = -1;
    int seen = 0;
    for (std::size_t at = lower.find(primary); at != std::string::npos && seen < 64;
         at = lower.find(primary, at + primary.size()), ++seen) {
      const std::size_t from = at > budget / 2 ? at - budget / 2 : 0;
      const std::string_view around = std::string_view(lower).substr(from, budget);
      int others = 0;
      for (const std::string& t : terms)
        if (&t != &primary && around.find(t) != std::string_view::npos) ++others;
      if (others > best_others) {
        best = at;
        best_others = others;
      }
    }
    if (best == std::string::npos) continue;
    // Start at the sentence holding the match if it began shortly before, else a little before.
    const std::size_t lead = budget / 4;
    start = back_to_char(text, best > lead ? best - lead : 0);
    for (std::size_t p = best; p > start;) {
      std::size_t len = 0;
      if (sentence_end_before(text, p, &len)) {
        start = p;
        break;
      }
      p = back_to_char(text, p - 1);
    }
    break;
  }
  std::size_t end = std::min(text.size(), start + budget);
  if (end < text.size()) end = back_to_char(text, end);

  std::vector<const std::string*> longest_first;
  for (const std::string& t : terms) longest_first.push_back(&t);
  std::stable_sort(longest_first.begin(), longest_first.end(),
                   [](const std::string* a, const std::string* b) { return a->size() > b->size(); });

  std::string out;
  out.reserve(end - start + 32);
  if (start > 0) out += "…";
  std::size_t i = start;
  while (i < end) {
    const std::string* hit = nullptr;
    for (const std::string* t : longest_first)
      if (i + t->size() <= text.size() && lower.compare(i, t->size(), *t) == 0) {
        hit = t;
        break;
      }
    if (hit != nullptr) {
      out += marks.open;
      out.append(text.substr(i, hit->size()));
      out += marks.close;
      i += hit->size();
      continue;
    }
    std::size_t next = i;
    utf8::next_or_invalid(text, next);
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(text.substr(i, next - i));
    }
    i = next;
  }
  if (i < text.size()) out += "…";
  return out;
}

}  // namespace gongwen::search
