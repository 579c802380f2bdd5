#include "draft/toml_util.hpp"

#include <algorithm>

namespace gongwen::tomlu {

SourcePos Reader::pos(const toml::source_region& where) const {
  return SourcePos{m_source, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}

SourcePos Reader::pos_of(const toml::table& t, const std::string& key) const {
  if (const toml::node* n = t.get(key)) return pos(n->source());
  if (&t == m_root) return SourcePos{m_source, 0, 0};
  return pos(t.source());
}

Diagnostic& Reader::problem(Code kind, std::string code, const toml::source_region& where, std::string field,
                            MessageArgs args) {
  return m_diags.add(kind, std::move(code), pos(where), std::move(field), args);
}

Diagnostic& Reader::problem_at(const toml::table& t, const std::string& key, std::string code, MessageArgs args) {
  return m_diags.add(Code::BadInput, std::move(code), pos_of(t, key), key, args);
}

std::optional<toml::table> Reader::parse(std::string_view text) {
  try {
    return toml::parse(text, m_source);
  } catch (const toml::parse_error& err) {
    problem(Code::BadInput, "toml.syntax", err.source(), "", {{"detail", std::string(err.description())}})
        .hint("toml.syntax.hint");
    return std::nullopt;
  }
}

namespace {
const char* type_code(toml::node_type t) {
  switch (t) {
    case toml::node_type::string: return "toml.type.string";
    case toml::node_type::integer: return "toml.type.integer";
    case toml::node_type::floating_point: return "toml.type.float";
    case toml::node_type::boolean: return "toml.type.boolean";
    case toml::node_type::date: return "toml.type.date";
    case toml::node_type::array: return "toml.type.array";
    case toml::node_type::table: return "toml.type.table";
    default: return "toml.type.other";
  }
}
}  // namespace

std::optional<std::string> Reader::text(const toml::table& t, const std::string& key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (n->is_string()) return *n->value<std::string>();
  problem(Code::BadInput, "toml.not_text", n->source(), key, {{"key", key}, {"type", msg(type_code(n->type()))}});
  return std::nullopt;
}

std::optional<bool> Reader::flag(const toml::table& t, const std::string& key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (n->is_boolean()) return *n->value<bool>();
  problem(Code::BadInput, "toml.not_bool", n->source(), key, {{"key", key}, {"type", msg(type_code(n->type()))}});
  return std::nullopt;
}

std::optional<std::int64_t> Reader::whole(const toml::table& t, const std::string& key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (n->is_integer()) return *n->value<std::int64_t>();
  problem(Code::BadInput, "toml.not_integer", n->source(), key, {{"key", key}, {"type", msg(type_code(n->type()))}});
  return std::nullopt;
}

std::vector<std::string> Reader::texts(const toml::table& t, const std::string& key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  if (n->is_string()) {
    out.push_back(*n->value<std::string>());
    return out;
  }
  if (const toml::array* a = n->as_array()) {
    for (const toml::node& item : *a) {
      if (item.is_string()) out.push_back(*item.value<std::string>());
      else problem(Code::BadInput, "toml.item_not_text", item.source(), key, {{"key", key}});
    }
    return out;
  }
  problem(Code::BadInput, "toml.not_texts", n->source(), key, {{"key", key}, {"type", msg(type_code(n->type()))}});
  return out;
}

void Reader::known_keys(const toml::table& t, const std::vector<std::string>& known, std::string_view where) {
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    problem(Code::BadInput, "toml.unknown_key", k.source(), key, {{"key", key}, {"where", msg(where)}})
        .hint("toml.unknown_key.hint", {{"known", join(known, ", ")}});
  }
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string s;
  for (const auto& x : items) s += (s.empty() ? "" : sep) + x;
  return s;
}

}  // namespace gongwen::tomlu
