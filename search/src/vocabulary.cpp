#include "gongwen/search/vocabulary.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/utf8.hpp"
#include "gongwen/search/analysis.hpp"

namespace gongwen::search {

namespace {

constexpr std::size_t kMaxWordChars = 40;

// Separators between the words of a group. Not 、 or ，: 公文 terms hold them (农业、农村、农民).
bool is_separator(char32_t c) { return c == U' ' || c == U'\t' || c == U'=' || c == U'|'; }

Error line_error(const std::string& file, int line, std::string message) {
  Error e = make_error(Code::BadInput, std::move(message),
                       {msg("search.vocabulary.format")});
  e.at = SourcePos{file, line, 0};
  return e;
}

}  // namespace

Result<Vocabulary> parse_vocabulary(std::string_view text, const std::string& file_name) {
  if (const auto bad = find_invalid_utf8(text))
    return line_error(file_name, 0, msg("search.vocabulary.utf8", {{"file", file_name}}));
  Vocabulary v;
  std::istringstream in{std::string(text)};
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const std::string clean = normalize_text(line, TextRole::Query);
    std::vector<std::string> group;
    std::string word;
    const auto end_word = [&] {
      if (!word.empty() && std::find(group.begin(), group.end(), word) == group.end())
        group.push_back(word);
      word.clear();
    };
    for (std::size_t pos = 0; pos < clean.size();) {
      const std::size_t start = pos;
      const char32_t c = utf8::next_or_invalid(clean, pos);
      if (is_separator(c) || c == U'\r' || c == U'\n') {
        end_word();
      } else {
        word.append(clean, start, pos - start);
      }
    }
    end_word();
    if (group.empty()) continue;
    const auto bad_word = std::find_if(group.begin(), group.end(), [](const std::string& w) {
      return utf8::count_code_points(w) > kMaxWordChars || w.find('"') != std::string::npos;
    });
    if (bad_word != group.end())
      v.skipped.push_back(line_error(
          file_name, n, msg("search.vocabulary.word", {{"file", file_name}, {"line", std::to_string(n)}, {"word", *bad_word}})));
    else if (group.size() < 2)
      v.skipped.push_back(line_error(
          file_name, n, msg("search.vocabulary.single", {{"file", file_name}, {"line", std::to_string(n)}, {"word", group.front()}})));
    else
      v.groups.push_back(std::move(group));
  }
  return v;
}

Result<Vocabulary> read_vocabulary(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(Code::NotFound, msg("search.vocabulary.missing", {{"file", file.string()}}));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return parse_vocabulary(bytes.str(), file.string());
}

}  // namespace gongwen::search
