// archive.toml: classification scheme, 档号 separators and box size (filing_scheme.hpp).
#include "gongwen/archive/filing_scheme.hpp"

#include <toml++/toml.h>

#include <cctype>

namespace gongwen::archive {

std::string four_digits(int n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

bool FilingScheme::has_unit() const {
  for (auto l : levels)
    if (l == ClassLevel::Unit) return true;
  return false;
}

std::string FilingScheme::name() const {
  std::string s = "年度";
  for (auto l : levels) s += l == ClassLevel::Unit ? "-机构" : "-保管期限";
  return s;
}

std::string FilingScheme::class_code(const std::string& fonds, const std::string& year,
                                     const std::string& retention_code, const std::string& unit) const {
  std::string c = fonds + separators.fonds + category + separators.category + year + separators.level +
                  retention_code;
  if (has_unit()) c += separators.level + unit;
  return c;
}

std::string FilingScheme::archive_code(const std::string& fonds, const std::string& year,
                                       const std::string& retention_code, const std::string& unit,
                                       int item_no) const {
  return class_code(fonds, year, retention_code, unit) + separators.item + four_digits(item_no);
}

namespace {

Error bad_at(const std::string& source, const toml::node* n, const std::string& text,
             std::vector<std::string> hints) {
  Error e = make_error(Code::BadInput, text, std::move(hints));
  if (n) e.at = SourcePos{source, static_cast<int>(n->source().begin.line), static_cast<int>(n->source().begin.column)};
  else e.at = SourcePos{source, 1, 1};
  return e;
}

// A separator must not be empty, a digit, a letter or whitespace: the 档号 must still split
// back into its parts, and file names are made from it.
bool separator_ok(const std::string& s) {
  if (s.empty() || s.size() > 4) return false;
  for (unsigned char c : s)
    if (std::isalnum(c) || std::isspace(c) || c == '/' || c == '\\' || c == '.' || c < 0x20) return false;
  return true;
}

}  // namespace

Result<FilingScheme> parse_filing_scheme(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    Error err = make_error(Code::BadInput, msg("toml.syntax", {{"detail", std::string(e.description())}}));
    err.at = SourcePos{source, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)};
    return err;
  }
  FilingScheme s;
  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (k != "scheme" && k != "category" && k != "separators" && k != "box")
      return bad_at(source, &node, msg("filing.scheme.key", {{"key", k}}), {msg("filing.scheme.key.hint")});
  }
  if (const toml::node* n = root.get("scheme")) {
    const auto v = n->value<std::string>();
    static const std::vector<std::pair<std::string, std::vector<ClassLevel>>> known{
        {"年度-机构-保管期限", {ClassLevel::Unit, ClassLevel::Retention}},
        {"年度-保管期限-机构", {ClassLevel::Retention, ClassLevel::Unit}},
        {"年度-保管期限", {ClassLevel::Retention}}};
    bool found = false;
    for (const auto& [name, levels] : known)
      if (v && *v == name) {
        s.levels = levels;
        found = true;
      }
    if (!found)
      return bad_at(source, n, v ? msg("filing.scheme.unknown", {{"value", *v}}) : msg("filing.scheme.not_text"),
                    {msg("filing.scheme.unknown.hint")});
  }
  if (const toml::node* n = root.get("category")) {
    const auto v = n->value<std::string>();
    bool ok = v && !v->empty() && v->size() <= 8;
    if (ok)
      for (unsigned char c : *v) ok = ok && std::isalnum(c);
    if (!ok)
      return bad_at(source, n, msg("filing.scheme.category"), {msg("filing.scheme.category.hint")});
    s.category = *v;
  }
  if (const toml::node* n = root.get("separators")) {
    const toml::table* t = n->as_table();
    if (!t) return bad_at(source, n, msg("filing.scheme.separators"), {msg("filing.scheme.separators.hint")});
    for (const auto& [key, node] : *t) {
      const std::string k(key.str());
      std::string* dst = k == "fonds" ? &s.separators.fonds : k == "category" ? &s.separators.category
                       : k == "level" ? &s.separators.level : k == "item" ? &s.separators.item : nullptr;
      if (!dst)
        return bad_at(source, &node, msg("filing.scheme.separator.unknown", {{"key", k}}), {msg("filing.scheme.separator.unknown.hint")});
      const auto v = node.value<std::string>();
      if (!v || !separator_ok(*v))
        return bad_at(source, &node, msg("filing.scheme.separator", {{"key", k}}), {msg("filing.scheme.separator.hint")});
      *dst = *v;
    }
  }
  if (const toml::node* n = root.get("box")) {
    const toml::table* t = n->as_table();
    if (!t) return bad_at(source, n, msg("filing.scheme.box"), {msg("filing.scheme.box.hint")});
    for (const auto& [key, node] : *t) {
      const std::string k(key.str());
      int* dst = k == "items" ? &s.box_items : k == "pages" ? &s.box_pages : nullptr;
      if (!dst) return bad_at(source, &node, msg("filing.scheme.box.unknown", {{"key", k}}), {msg("filing.scheme.box.unknown.hint")});
      const auto v = node.value<std::int64_t>();
      if (!v || *v < 1 || *v > 10000)
        return bad_at(source, &node, msg("filing.scheme.box.number", {{"key", k}}), {});
      *dst = static_cast<int>(*v);
    }
  }
  return s;
}

}  // namespace gongwen::archive
