#include "draft/toml_util.hpp"

#include <algorithm>

namespace gongwen::tomlu {

Error error_at(Code code, const std::string& source, const toml::source_region& where,
               const std::string& field, std::string message, std::vector<std::string> hints) {
  Error e = make_error(code, std::move(message), std::move(hints));
  e.at = SourcePos{source, static_cast<int>(where.begin.line),
                   static_cast<int>(where.begin.column)};
  e.field = field;
  return e;
}

Result<toml::table> parse(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& err) {
    return error_at(Code::BadInput, source, err.source(), "",
                    "not valid TOML: " + std::string(err.description()),
                    {"check the quotes, brackets and '=' on that line; multi-line text "
                     "goes between \"\"\" and \"\"\""});
  }
}

toml::source_region region_of(const toml::table& t, const std::string& key) {
  if (const toml::node* n = t.get(key)) return n->source();
  return t.source();
}

namespace {
const char* type_word(toml::node_type t) {
  switch (t) {
    case toml::node_type::string: return "text";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::date: return "a date";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    default: return "a value";
  }
}
}  // namespace

Result<std::optional<std::string>> string_at(const toml::table& t, const std::string& key,
                                             const std::string& source) {
  const toml::node* n = t.get(key);
  if (!n) return std::optional<std::string>{};
  if (auto s = n->value<std::string>(); s && n->is_string()) return std::optional<std::string>{*s};
  return error_at(Code::BadInput, source, n->source(), key,
                  "'" + key + "' must be text in quotes, not " + type_word(n->type()));
}

Result<std::optional<bool>> bool_at(const toml::table& t, const std::string& key,
                                    const std::string& source) {
  const toml::node* n = t.get(key);
  if (!n) return std::optional<bool>{};
  if (n->is_boolean()) return std::optional<bool>{*n->value<bool>()};
  return error_at(Code::BadInput, source, n->source(), key,
                  "'" + key + "' must be true or false, not " + type_word(n->type()));
}

Result<std::optional<std::int64_t>> int_at(const toml::table& t, const std::string& key,
                                           const std::string& source) {
  const toml::node* n = t.get(key);
  if (!n) return std::optional<std::int64_t>{};
  if (n->is_integer()) return std::optional<std::int64_t>{*n->value<std::int64_t>()};
  return error_at(Code::BadInput, source, n->source(), key,
                  "'" + key + "' must be a whole number, not " + type_word(n->type()));
}

Result<std::vector<std::string>> strings_at(const toml::table& t, const std::string& key,
                                            const std::string& source) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  if (n->is_string()) {
    out.push_back(*n->value<std::string>());
    return out;
  }
  if (const toml::array* a = n->as_array()) {
    for (const toml::node& item : *a) {
      if (!item.is_string())
        return error_at(Code::BadInput, source, item.source(), key,
                        "every item of '" + key + "' must be text in quotes");
      out.push_back(*item.value<std::string>());
    }
    return out;
  }
  return error_at(Code::BadInput, source, n->source(), key,
                  "'" + key + "' must be text or a list of texts, not " + type_word(n->type()));
}

std::optional<Error> check_known_keys(const toml::table& t, const std::vector<std::string>& known,
                                      const std::string& source, const std::string& where) {
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const auto& x : known) list += (list.empty() ? "" : ", ") + x;
      return error_at(Code::BadInput, source, v.source(), key,
                      "unknown key '" + key + "' in " + where, {"known keys: " + list});
    }
  }
  return std::nullopt;
}

}  // namespace gongwen::tomlu
