// Splitting 正文 into blocks and recognising GB/T 9704 heading levels from their markers.
#include <regex>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen {

namespace {


// Every pattern is anchored at the line start: match_continuous tries there only, instead of
// letting regex_search attempt (and fail) at every position of a long paragraph.
constexpr auto kAtStart = std::regex_constants::match_continuous;

// Half-width marker forms drafters type, rewritten to the standard's full-width forms.
std::string normalise_marker(const std::string& line) {
  static const std::regex paren_cn(R"(^(?:\(|（)\s*((?:一|二|三|四|五|六|七|八|九|十|百)+)\s*(?:\)|）))");
  static const std::regex paren_num(R"(^(?:\(|（)\s*(\d{1,3})\s*(?:\)|）))");
  static const std::regex num_dot(R"(^(\d{1,3})\s*(?:、|．)(?!\d))");
  static const std::regex cn_dot(R"(^((?:一|二|三|四|五|六|七|八|九|十|百)+)\s*(?:\.|．))");
  std::smatch m;
  if (std::regex_search(line, m, paren_cn, kAtStart)) return "（" + m[1].str() + "）" + m.suffix().str();
  if (std::regex_search(line, m, paren_num, kAtStart)) return "（" + m[1].str() + "）" + m.suffix().str();
  if (std::regex_search(line, m, num_dot, kAtStart)) return m[1].str() + "." + m.suffix().str();
  if (std::regex_search(line, m, cn_dot, kAtStart)) return m[1].str() + "、" + m.suffix().str();
  return line;
}

BlockKind classify(const std::string& line) {
  static const std::regex h1(R"(^(?:一|二|三|四|五|六|七|八|九|十|百)+、)");
  static const std::regex h2(R"(^（(?:一|二|三|四|五|六|七|八|九|十|百)+）)");
  static const std::regex h3(R"(^\d{1,3}\.(?!\d))");
  static const std::regex h4(R"(^（\d{1,3}）)");
  if (std::regex_search(line, h1, kAtStart)) return BlockKind::Heading1;
  if (std::regex_search(line, h2, kAtStart)) return BlockKind::Heading2;
  if (std::regex_search(line, h3, kAtStart)) return BlockKind::Heading3;
  if (std::regex_search(line, h4, kAtStart)) return BlockKind::Heading4;
  return BlockKind::Paragraph;
}

// A heading that goes on after its first sentence is a run-in heading: only the first
// sentence (up to 。 ！ ？ or ：) takes the heading face.
std::size_t heading_extent(const std::string& text) {
  static const char* stops[] = {"。", "！", "？"};
  std::size_t best = std::string::npos;
  for (const char* s : stops) {
    const std::size_t p = text.find(s);
    if (p != std::string::npos && p < best) best = p;
  }
  if (best == std::string::npos) return text.size();
  const std::size_t end = best + 3;  // each stop is 3 bytes in UTF-8
  return end >= text.size() ? text.size() : end;
}

bool is_heading_kind(BlockKind k) {
  return k == BlockKind::Heading1 || k == BlockKind::Heading2 || k == BlockKind::Heading3 ||
         k == BlockKind::Heading4;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A whole-line heading that ends like a sentence: 1 ends like a list item (；，), 2 like a
// full sentence (。！？), 0 otherwise (a real heading has no closing mark, or a ：).
int sentence_end(const Block& b) {
  if (!is_heading_kind(b.kind) || b.heading_bytes < b.text.size()) return 0;
  if (ends_with(b.text, "；") || ends_with(b.text, "，") || ends_with(b.text, ";")) return 1;
  if (ends_with(b.text, "。") || ends_with(b.text, "！") || ends_with(b.text, "？")) return 2;
  return 0;
}

}  // namespace

void mark_enumerations(std::vector<Block>& blocks) {
  std::vector<char> item(blocks.size(), 0);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const int end = sentence_end(blocks[i]);
    if (end == 1) {
      item[i] = 1;
    } else if (end == 2) {
      // A sentence heading with a sibling of its level right before or after it has no text
      // of its own under it: it is a list item. "（一）加强领导。" followed by a paragraph
      // (or ending the body) stays a heading.
      const BlockKind k = blocks[i].kind;
      const bool next_sibling = i + 1 < blocks.size() && blocks[i + 1].kind == k;
      const bool prev_item = i > 0 && blocks[i - 1].kind == k && sentence_end(blocks[i - 1]) > 0;
      item[i] = next_sibling || prev_item;
    }
  }
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (item[i]) {
      blocks[i].kind = BlockKind::Paragraph;
      blocks[i].heading_bytes = 0;
    }
}

std::string trim_line(std::string_view s) {
  auto space_at = [&](std::size_t i) -> std::size_t {  // bytes of the space at i, 0 if none
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') return 1;
    if (i + 3 <= s.size() && s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
    return 0;
  };
  std::size_t b = 0;
  while (b < s.size() && space_at(b) > 0) b += space_at(b);
  std::size_t e = s.size();
  while (e > b) {
    if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r') { --e; continue; }
    if (e - b >= 3 && s.compare(e - 3, 3, "\xE3\x80\x80") == 0) { e -= 3; continue; }
    break;
  }
  return std::string(s.substr(b, e - b));
}

std::vector<Block> parse_body(std::string_view text, Enumerations e) {
  std::vector<Block> blocks;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = trim_line(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) continue;
    line = normalise_marker(line);
    Block b;
    b.kind = classify(line);
    b.text = line;
    b.heading_bytes = b.kind == BlockKind::Paragraph ? 0 : heading_extent(line);
    blocks.push_back(std::move(b));
  }
  if (e == Enumerations::Mark) mark_enumerations(blocks);
  return blocks;
}

std::optional<Utf8Problem> find_invalid_utf8(std::string_view s) {
  int line = 1, col = 1;
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = utf8::next_or_invalid(s, pos);
    if (cp == utf8::kInvalid) return Utf8Problem{line, col};
    if (cp == '\n') { ++line; col = 1; } else { ++col; }
  }
  return std::nullopt;
}

// Bytes that start a code point; a stray continuation byte adds nothing.
std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += !utf8::is_continuation(c);
  return n;
}

}  // namespace gongwen
