#pragma once
// Character facts the grid needs: UTF-8 decoding, cell widths and the Chinese line-breaking
// classes (避头尾) of GB/T 15834 practice.
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::layout {

// Decodes UTF-8; malformed bytes become U+FFFD so that bad input never stops a render.
std::vector<char32_t> decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t cp);
std::string encode_utf8(const std::vector<char32_t>& cps, std::size_t begin, std::size_t end);

// Half a cell: ASCII and Latin letters. Everything else (Han, full-width forms, and the
// quotes, dashes and ellipses Chinese text uses) takes a whole cell.
bool is_half_width(char32_t cp);

// Letters, digits and ASCII symbols glue into one unbreakable run ("GB/T", "2026", "3.5%").
bool is_word_char(char32_t cp);

// The characters between which LibreOffice and Word put their Asian–Latin space (a fifth of
// an em in LibreOffice, a quarter in Word with w:autoSpaceDE on): a letter or digit of the
// Latin script next to a Han character or a full-width letter or digit. Punctuation on
// either side gets none.
bool is_asian_letter(char32_t cp);
bool is_latin_alnum(char32_t cp);
bool is_latin_letter(char32_t cp);  // A–Z, a–z and the Latin-1/Extended letters

// A space typed into Chinese text where the grid has no room for it: any space before a
// full-width closing mark or after an opening one ("负责 。", "“ 四人帮"), a single narrow
// space (ASCII, no-break, en, thin) between two full-width characters ("要以 “三"), narrow
// spaces at the text's start or end. Set, it would take half a cell (or a whole one) and put
// the characters after it off the character grid; a typesetter drops it (docs/layout.md,
// "The grid"). Spaces next to a Latin word or number stay, and so do blanks to fill in
// ("填报人：　　　　", "年　月　日"). Returns the text without them; `keep` (a byte offset
// into `text`, such as Block::heading_bytes) is moved to the same place in the result.
std::string drop_stray_spaces(std::string_view text, std::size_t* keep = nullptr);

// 避头: may not start a line (closing punctuation). 避尾: may not end a line (opening).
bool no_line_start(char32_t cp);
bool no_line_end(char32_t cp);

// 标点挤压: which half of a full-width punctuation mark carries its ink, so the other half
// can be dropped when a line needs room.
enum class Squeeze { None, KeepLeft, KeepRight };
Squeeze squeeze_kind(char32_t cp);

}  // namespace gongwen::layout
