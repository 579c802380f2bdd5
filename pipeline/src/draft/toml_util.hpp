#pragma once
// Reading values out of a TOML document for every reader of outside input (drafts,
// templates, the profile), so they all report problems the same way: each type mistake or
// unknown key becomes a Diagnostic naming the file, line, column and key, and reading goes
// on — a value of the wrong type reads as absent.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "gongwen/pipeline/diagnostics.hpp"

namespace gongwen::tomlu {

class Reader {
 public:
  Reader(std::string source, Diagnostics& diags) : m_source(std::move(source)), m_diags(diags) {}
  const std::string& source() const { return m_source; }
  Diagnostics& diags() { return m_diags; }

  SourcePos pos(const toml::source_region& where) const;
  // Where a key's value is, or the table when the key is missing; no line for a key missing
  // from the document's root (its start is no place to point at).
  SourcePos pos_of(const toml::table& t, const std::string& key) const;
  void set_root(const toml::table& root) { m_root = &root; }

  Diagnostic& problem(Code kind, std::string code, const toml::source_region& where, std::string field,
                      MessageArgs args = {});
  // BadInput at the key's value (or its table), the key as the field.
  Diagnostic& problem_at(const toml::table& t, const std::string& key, std::string code, MessageArgs args = {});

  // The document, or nullopt after reporting its syntax error (nothing after it parses).
  std::optional<toml::table> parse(std::string_view text);

  // Optional keys of one type; a value of another type is reported and reads as absent.
  std::optional<std::string> text(const toml::table& t, const std::string& key);
  std::optional<bool> flag(const toml::table& t, const std::string& key);
  std::optional<std::int64_t> whole(const toml::table& t, const std::string& key);
  // A string or an array of strings; items of another type are reported and left out.
  std::vector<std::string> texts(const toml::table& t, const std::string& key);

  // Reports every key the reader does not know: a typo must not silently drop a field.
  // `where` is the catalogue code naming the table (where.draft, …).
  void known_keys(const toml::table& t, const std::vector<std::string>& known, std::string_view where);

 private:
  std::string m_source;
  Diagnostics& m_diags;
  const toml::table* m_root = nullptr;
};

std::string join(const std::vector<std::string>& items, const std::string& sep);

}  // namespace gongwen::tomlu
