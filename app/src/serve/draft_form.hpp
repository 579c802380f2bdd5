#pragma once
// The 拟稿 form as JSON ↔ a draft file (TOML, docs/drafts.md). The web desk writes the same
// draft files the CLI reads, so a draft made in the browser can be checked, reviewed and
// issued from the command line too.
#include <nlohmann/json.hpp>
#include <string>

#include "gongwen/pipeline/diagnostics.hpp"

namespace gongwen::app::serve {

// {"template", "organ" (id or list of ids), "title", "to", "date" (YYYY-MM-DD), "secrecy",
//  "secrecy_term", "urgency", "copies", "copies_to", "note", "body", "fields": {name: value}}
// → TOML text with `drafter` set to the caller. Every problem of the form itself (an unknown
// key, a value that is not text, a date not written YYYY-MM-DD) goes to `diags`, naming its
// field; the value is left out of the TOML and reading goes on.
std::string draft_toml(const nlohmann::json& form, const std::string& drafter, Diagnostics& diags);

// A TOML basic string literal.
std::string toml_string(const std::string& s);

}  // namespace gongwen::app::serve
