#pragma once
// Text that comes in from people and files, checked once for every front end: invisible
// direction controls (U+202E …) that make a title read differently from what it is are refused
// at input; control characters stored as given are escaped when printed to a terminal; files
// named on the command line are read only when regular and not too big (issue 13, smaller ones).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace gongwen::services {

// The first bidirectional control (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) in
// `text`, as "U+202E", or "" when there is none.
std::string first_bidi_control(std::string_view text);

// Refuses (BadInput) a `field` (题名, 来文单位 …) that holds a direction control.
void refuse_bidi_controls(const std::string& field, std::string_view text);

// Refuses (BadInput) a title (标题, 题名) longer than kMaxTitleChars characters, naming the field.
void refuse_overlong_title(const std::string& field, std::string_view text);

// `text` with C0/C1 controls, DEL and direction controls written as \n, \x1b, \u{202e}: safe
// to print to a terminal; everything else unchanged.
std::string escape_controls(std::string_view text);

// The bytes of a file someone named (收文 from the command line): refused with a message
// naming it unless it is a regular file of at most `limit` bytes (/dev/zero, a FIFO, a folder).
inline constexpr std::uintmax_t kMaxIncomingBytes = 20u * 1024 * 1024;
std::string read_outside_file(const std::filesystem::path& file, std::uintmax_t limit = kMaxIncomingBytes);

}  // namespace gongwen::services
