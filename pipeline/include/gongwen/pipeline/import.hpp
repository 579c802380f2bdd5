#pragma once
// 一键排版: reads a body someone typed in Word (any fonts, sizes, manual numbering, stray
// spaces, full-/half-width mix) into a draft. Pure: bytes in, a draft text out; nothing is
// written. Hostile input (not a zip, zip bombs, `../` names, DTDs/external entities, huge
// text) returns an error naming the file and what to do, and nothing else.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/model.hpp"

namespace gongwen {

struct ImportLimits {
  std::size_t max_file_bytes = 50u << 20;     // the .docx itself
  std::size_t max_entries = 2000;             // zip entries
  std::size_t max_entry_bytes = 32u << 20;    // one uncompressed part (document.xml …)
  std::size_t max_total_bytes = 64u << 20;    // all parts read, uncompressed
  std::size_t max_ratio = 100;                // uncompressed / compressed, parts over 1 MB
  std::size_t max_chars = 200000;             // text, as for drafts (kMaxDraftChars)
  std::size_t max_images = 50;
};

struct ImportedTable {
  std::vector<std::vector<std::string>> rows;  // cells' text, row by row, all rows equally long
  bool header = false;                         // the first row repeats on each page (w:tblHeader)
  std::vector<double> widths;                  // w:tblGrid column widths in twips; may be empty
};

struct ImportedImage {
  std::string name;   // file name inside the package, e.g. image1.png
  std::string type;   // "png" or "jpeg"
  std::string bytes;
};

// The body as read: the title and 主送 if the text starts with them, the paragraphs with
// heading levels recognised from their numbering (parse_body's rules), the date if the
// text ends with one, tables and images in order of appearance (`after_block`: the number
// of body blocks before them).
struct ImportedBody {
  std::string title;
  std::string main_recipients;
  std::vector<Block> body;
  Date date;
  struct Placed { std::size_t after_block = 0; std::size_t index = 0; };
  std::vector<ImportedTable> tables;
  std::vector<Placed> table_at;
  std::vector<ImportedImage> images;
  std::vector<Placed> image_at;
  std::vector<std::string> warnings;
};

Result<ImportedBody> import_docx(std::string_view bytes, const std::string& source_name,
                                 const ImportLimits& limits = {});

// The plain text of a DOCX's word/document.xml in reading order (a tab per w:tab, a line
// per paragraph and w:br), for indexing. The same reader and limits as import_docx: a zip
// bomb, a bad entry name or a DTD is refused with Code::BadInput naming `source_name`.
Result<std::string> docx_text(std::string_view bytes, const std::string& source_name,
                              const ImportLimits& limits = {});

// One paragraph's text cleaned the way 一键排版 does: stray spaces removed (kept between
// two Latin words), full-width letters/digits made half-width, half-width ,;:?!() next to
// Chinese made full-width.
std::string normalize_paragraph(std::string_view text);

// The body as draft text (docs/drafts.md, "Tables and pictures"): one paragraph a line,
// tables as pipe rows ("| a | b |") and each picture as a line ![](file) where it stood.
// `image_files[i]` names the file holding images[i]; a picture without a name (an empty
// one, or fewer names than pictures) gets no line.
std::string draft_body(const ImportedBody& body, const std::vector<std::string>& image_files);

struct DraftFields {
  std::string template_id = "notice";
  std::string organ;    // organ id, optional
  std::string drafter;  // user id, optional
  std::string image_prefix;  // e.g. "draft-": pictures saved as draft-image1.png
};

// A draft TOML (docs/drafts.md) for the imported body; tables become pipe tables
// ("| a | b |", docs/drafts.md "Tables and pictures") and each picture a line
// ![](<image_prefix><name>) naming the file the CLI saves beside the draft (with an empty
// prefix the pictures are not saved, and the lines are left as comments).
std::string draft_toml(const ImportedBody& body, const DraftFields& fields);

}  // namespace gongwen
