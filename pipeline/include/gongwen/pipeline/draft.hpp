#pragma once
// Reading a draft (TOML, see docs/drafts.md) into the document model, checked against its
// template and the organ profile. Pure: the caller supplies the text and a way to read
// attachment files; nothing is written.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/diagnostics.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/model.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/template.hpp"

namespace gongwen {

// The most text (body + attachments, in characters) one draft may carry.
inline constexpr std::size_t kMaxDraftChars = 200000;
// The longest title (标题, 收文题名) in characters: the longest real ones are under 100; a
// 350,000-character title rendered 840 pages (issue 13).
inline constexpr std::size_t kMaxTitleChars = 200;

struct Draft {
  Document doc;                       // number empty: given at issue
  std::string drafter;                // user id
  std::vector<std::string> organ_ids; // lead first
  std::string code;                   // 机关代字, e.g. 白政发
  std::string doc_class;              // from the template
  int copies = 1;                     // 印数
  std::string source;                 // file name, for messages
  // 批复: the 请示 it answers, from the template's fields request_number / request_title;
  // the registers link the two when the 批复 is issued (docs/registers.md, "请示 and 批复").
  std::string answers_number, answers_title;
  // 令 and 议案 (template signature = "signer"): signed by the 签发人 in person, so the issue
  // presses that leader's registered 签名章 (required for 命令格式; services/stamps.cpp).
  bool signed_in_person = false;
};

// `base_dir` resolves attachment `file` paths. Every problem found goes to `diags` (a TOML
// syntax error stops the reading, since nothing after it parses; any other problem does not:
// a wrong value is replaced by a placeholder and the checks after it still run). The Draft
// when no problem is an error.
std::optional<Draft> read_draft(std::string_view text, const std::string& source_name,
                                const std::filesystem::path& base_dir, const std::vector<Template>& templates,
                                const Profile& profile, Diagnostics& diags);
// The same for callers that stop at a failure: the Error is the first problem and carries
// them all (Error::diagnostics).
Result<Draft> read_draft(std::string_view text, const std::string& source_name,
                         const std::filesystem::path& base_dir,
                         const std::vector<Template>& templates, const Profile& profile);

// Splits body text into blocks, one per non-empty line, recognising heading levels
// (一、 （一） 1. （1）) and normalising half-width markers to the GB/T 9704 forms, then
// marking enumerations (below) unless told to leave that to a caller that reads line by line.
enum class Enumerations { Mark, Leave };
std::vector<Block> parse_body(std::string_view text, Enumerations e = Enumerations::Mark);

// 列举句: a numbered line that is one whole sentence ending in ；or ，, or ending in 。！？
// next to a numbered sibling of its level (no text of its own under it) ("1.负责…。", "（一）…；"), is
// an item of an enumeration, not a heading: it becomes a body paragraph (仿宋, no
// keep-with-next). parse_body and read_body apply it; docs/layout.md "Headings and lists".
void mark_enumerations(std::vector<Block>& blocks);

// Where a body's text comes from: errors in its table and picture lines name the file, the
// line and the field; picture files are read from `base_dir`.
struct BodySource {
  std::string file;              // for messages; empty: no position
  int first_line = 0;            // file line of the text's first line; 0: unknown
  std::string field = "body";
  std::filesystem::path base_dir;
};
inline constexpr std::size_t kMaxTableColumns = 14;
inline constexpr std::size_t kMaxDraftImages = 50;

// parse_body plus tables ("| a | b |" lines, an optional "|---|---|" after the header row)
// and pictures ("![说明](file.png)" lines); docs/drafts.md, "Tables and pictures". Every bad
// line is reported to `diags` and left out; the other lines are still read.
std::vector<Block> read_body(std::string_view text, const BodySource& source, Diagnostics& diags);
Result<std::vector<Block>> read_body(std::string_view text, const BodySource& source);

// A body line as the readers above see it: ASCII spaces, tabs, CR and the ideographic space
// U+3000 (which drafters type to indent by hand; the layout indents by itself) trimmed.
std::string trim_line(std::string_view line);
// The file a picture line names, trimmed, if `line` (already trimmed) is a picture line as
// read_body reads one: `![说明](file.png)` or `![说明](file.png){width=80mm}`.
std::optional<std::string> picture_line_file(const std::string& line);

// Checks UTF-8; on failure returns the 1-based line and column of the first bad byte.
struct Utf8Problem { int line = 0; int column = 0; };
std::optional<Utf8Problem> find_invalid_utf8(std::string_view text);
std::size_t count_chars(std::string_view utf8);

}  // namespace gongwen
