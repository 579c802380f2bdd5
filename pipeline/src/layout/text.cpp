#include "gongwen/pipeline/utf8.hpp"
#include "layout/text.hpp"

#include <algorithm>

namespace gongwen::layout {

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(utf8::next(s, i));
  return out;
}

void append_utf8(std::string& out, char32_t cp) { utf8::append(out, cp); }

std::string encode_utf8(const std::vector<char32_t>& cps, std::size_t begin, std::size_t end) {
  std::string s;
  s.reserve((end - begin) * 3);
  for (std::size_t i = begin; i < end; ++i) append_utf8(s, cps[i]);
  return s;
}

bool is_half_width(char32_t cp) {
  // Latin-1 signs used in Chinese text (· × ÷ ° §) are set full width by Chinese fonts.
  if (cp == 0xB7 || cp == 0xD7 || cp == 0xF7 || cp == 0xB0 || cp == 0xA7) return false;
  if (cp < 0x0250) return true;                      // ASCII, Latin-1, Latin Extended
  if (cp >= 0xFF61 && cp <= 0xFFDC) return true;     // half-width forms
  return false;
}

bool is_word_char(char32_t cp) { return cp > 0x20 && cp < 0x0250 && is_half_width(cp); }

bool is_asian_letter(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
         (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
         (cp >= 0xFF41 && cp <= 0xFF5A) || cp == 0x3007;
}

bool is_latin_alnum(char32_t cp) {
  if ((cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z'))
    return true;
  // Latin-1 and Latin Extended letters (not the signs × ÷ at D7/F7).
  return cp >= 0xC0 && cp < 0x0250 && cp != 0xD7 && cp != 0xF7;
}

bool is_latin_letter(char32_t cp) { return is_latin_alnum(cp) && !(cp >= U'0' && cp <= U'9'); }

namespace {

// Narrower than a cell in a reader's font: ASCII and no-break space, the en/thin/hair spaces.
bool is_narrow_space(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == 0xA0 || cp == 0x202F || cp == 0x205F ||
         (cp >= 0x2000 && cp <= 0x200A && cp != 0x2001 && cp != 0x2003);
}
// A cell wide: the ideographic space (the gaps of a 署名), em quad and em space.
bool is_wide_space(char32_t cp) { return cp == 0x3000 || cp == 0x2001 || cp == 0x2003; }
bool is_space(char32_t cp) { return is_narrow_space(cp) || is_wide_space(cp); }
// The white of a full-width mark lies on its inner side: after a closing mark's ink, before
// an opening mark's. A space on the other side ("负责 。", "“ 四") only adds to it.
bool closing_mark(char32_t cp) { return !is_half_width(cp) && no_line_start(cp); }
bool opening_mark(char32_t cp) { return !is_half_width(cp) && no_line_end(cp); }

}  // namespace

std::string drop_stray_spaces(std::string_view text, std::size_t* keep) {
  struct Cp {
    char32_t cp;
    std::size_t at, len;  // bytes in `text`
  };
  std::vector<Cp> cps;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t cp = utf8::next(text, i);
    cps.push_back({cp, at, i - at});
  }
  std::string out;
  out.reserve(text.size());
  const std::size_t old_keep = keep != nullptr ? *keep : 0;
  for (std::size_t k = 0; k < cps.size();) {
    if (!is_space(cps[k].cp)) {
      out.append(text.substr(cps[k].at, cps[k].len));
      ++k;
      continue;
    }
    std::size_t e = k;
    bool narrow = true;
    for (; e < cps.size() && is_space(cps[e].cp); ++e)
      narrow = narrow && is_narrow_space(cps[e].cp);
    const std::size_t from = cps[k].at, to = cps[e - 1].at + cps[e - 1].len;
    // Before a closing mark or after an opening one: never set. One narrow space between two
    // full-width characters, or narrow ones at the text's edge: never set either. (Several
    // spaces after "：" or between Han characters are blanks to fill in: "填报人：　　　　".)
    const bool mark = (k > 0 && opening_mark(cps[k - 1].cp)) ||
                      (e < cps.size() && closing_mark(cps[e].cp));
    const bool wide_before = k == 0 || !is_half_width(cps[k - 1].cp);
    const bool wide_after = e == cps.size() || !is_half_width(cps[e].cp);
    const bool edge = k == 0 || e == cps.size();
    if (mark || (narrow && wide_before && wide_after && (e - k == 1 || edge))) {
      if (keep != nullptr && old_keep > from) *keep -= std::min(old_keep, to) - from;
    } else {
      out.append(text.substr(from, to - from));
    }
    k = e;
  }
  return out;
}

bool no_line_start(char32_t cp) {
  switch (cp) {
    case U'，': case U'。': case U'、': case U'；': case U'：': case U'？': case U'！':
    case U'）': case U'》': case U'」': case U'』': case U'’': case U'”': case U'〕':
    case U'】': case U'〉': case U'…': case U'—': case U'％': case U'·': case U'～':
    case U'．': case U'］': case U'｝': case U'〗': case U'〙':
    // ASCII marks typed in Chinese text ("需要,拟发") neither: readers do not break before them.
    case U',': case U'.': case U';': case U':': case U'?': case U'!': case U')': case U']':
    case U'}':
      return true;
    default:
      return false;
  }
}

bool no_line_end(char32_t cp) {
  switch (cp) {
    case U'（': case U'《': case U'「': case U'『': case U'‘': case U'“': case U'〔':
    case U'【': case U'〈': case U'［': case U'｛': case U'〖': case U'〘':
    case U'(': case U'[': case U'{':
      return true;
    default:
      return false;
  }
}

Squeeze squeeze_kind(char32_t cp) {
  // Only marks whose ink sits in one half in simplified-Chinese fonts; ：；？！ are centred
  // in some of them and would collide if squeezed.
  switch (cp) {
    case U'，': case U'。': case U'、': case U'）': case U'》': case U'」': case U'』':
    case U'”': case U'’': case U'〕': case U'】':
      return Squeeze::KeepLeft;
    case U'（': case U'《': case U'「': case U'『': case U'“': case U'‘': case U'〔':
    case U'【':
      return Squeeze::KeepRight;
    default:
      return Squeeze::None;
  }
}

}  // namespace gongwen::layout
