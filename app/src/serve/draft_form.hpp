#pragma once
// The 拟稿 form as JSON ↔ a draft file (TOML, docs/drafts.md). The web desk writes the same
// draft files the CLI reads, so a draft made in the browser can be checked, reviewed and
// issued from the command line too.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gongwen/pipeline/diagnostics.hpp"

namespace gongwen::app::serve {

// Where each value of the form landed in the TOML text, so that a diagnostic found in the
// file (the reader's, the clerk's checks') can be shown at its line and column in the form's
// own input: the body line by line, as the CLI shows a draft file's.
struct FormSpan {
  std::string field;            // form key: "title", "body", "meeting_time", "attachments.0.title"
  std::size_t key_at = 0;       // code point offset in the TOML where the key's line starts
  std::vector<std::size_t> at;  // at[k]: offset of the value's k-th code point; at.back(): its end
  std::u32string value;         // the value as the form sent it
};
using FormLayout = std::vector<FormSpan>;

// Whether an attachment file named by the form is one the caller has uploaded.
using StoredAttachment = std::function<bool(const std::string& name)>;

// {"template", "organ" (id or list of ids), "title", "to", "date" (YYYY-MM-DD), "secrecy",
//  "secrecy_term", "urgency", "copies", "copies_to", "note", "signers" (names, text or list),
//  "body", "fields": {name: value}, "attachments": [{"title", "file" | "body"}]}
// → TOML text with `drafter` set to the caller. Every problem of the form itself (an unknown
// key, a value that is not text, a date not written YYYY-MM-DD, an attachment without a title
// or naming a file not uploaded) goes to `diags`, naming its field; the value is left out of
// the TOML and reading goes on. `layout`, when given, gets where each value went.
std::string draft_toml(const nlohmann::json& form, const std::string& drafter, Diagnostics& diags,
                       FormLayout* layout = nullptr, const StoredAttachment& stored = {});

// The diagnostics of reading `toml` (from `source`), each placed in the form: a line and
// column inside its input (the body's lines counted from 1, as the 正文 box shows them), its
// fix's length counted in that input's characters; an attachment's finding names
// "attachments.N.title" / "attachments.N.body". A place inside the generated file that is no
// value of the form (the template line, the date) becomes line 0, column 0.
Diagnostics in_form_positions(const Diagnostics& diags, const std::string& toml,
                              const std::string& source, const FormLayout& layout);

// The names an uploaded attachment is stored under (serve/pictures.hpp): att-<hex>.txt.
bool attachment_name(const std::string& name);

// A TOML basic string literal.
std::string toml_string(const std::string& s);

}  // namespace gongwen::app::serve
