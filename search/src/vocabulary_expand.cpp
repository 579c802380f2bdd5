#include "vocabulary_expand.hpp"

#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::search {

std::string expand_with_vocabulary(std::string_view q, const Vocabulary& vocabulary,
                                   std::vector<std::string>& notes) {
  if (vocabulary.empty()) return std::string(q);
  std::string out;
  bool quoted = false, skip_token = false, token_start = true;
  for (std::size_t i = 0; i < q.size();) {
    const char c = q[i];
    if (c == '"') quoted = !quoted;
    if (c == ' ' || c == '\t' || c == '(' || c == ')') {
      token_start = true;
      skip_token = false;
      out += c;
      ++i;
      continue;
    }
    if (token_start) skip_token = c == '-';  // an excluded word stays as typed
    token_start = false;
    if (c == ':') skip_token = true;         // a field's value stays as typed
    if (!quoted && !skip_token) {
      const std::vector<std::string>* group = nullptr;
      const std::string* word = nullptr;
      for (const auto& g : vocabulary.groups)
        for (const std::string& w : g)
          if ((word == nullptr || w.size() > word->size()) && q.compare(i, w.size(), w) == 0) {
            group = &g;
            word = &w;
          }
      if (word != nullptr) {
        std::string alternatives, shown;
        for (const std::string& w : *group) {
          alternatives += (alternatives.empty() ? "" : " OR ") + ("\"" + w + "\"");
          if (&w != word) shown += (shown.empty() ? "" : msg("list.sep")) + w;
        }
        out += " (" + alternatives + ") ";
        notes.push_back(msg("search.vocabulary.expanded", {{"word", *word}, {"words", shown}}));
        i += word->size();
        token_start = true;
        continue;
      }
    }
    std::size_t next = i;
    utf8::next_or_invalid(q, next);
    out.append(q.substr(i, next - i));
    i = next;
  }
  return out;
}

}  // namespace gongwen::search
