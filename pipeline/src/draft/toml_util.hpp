#pragma once
// Small helpers over toml++ that turn type mistakes into gongwen::Error values naming the
// file, line, column and key, so every TOML reader reports problems the same way.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "gongwen/pipeline/error.hpp"

// Unwraps a Result into `var`, or returns its Error from the enclosing function.
#define TRY_ASSIGN(var, expr)           \
  auto var##_r = (expr);                \
  if (!var##_r) return var##_r.error(); \
  auto var = std::move(var##_r).value();

namespace gongwen::tomlu {

Error error_at(Code code, const std::string& source, const toml::source_region& where,
               const std::string& field, std::string message,
               std::vector<std::string> hints = {});

// Parses text; a syntax error becomes BadInput at the parser's position.
Result<toml::table> parse(std::string_view text, const std::string& source);

// Reads an optional string key; a value of another type is an error.
Result<std::optional<std::string>> string_at(const toml::table& t, const std::string& key,
                                             const std::string& source);
Result<std::optional<bool>> bool_at(const toml::table& t, const std::string& key,
                                    const std::string& source);
Result<std::optional<std::int64_t>> int_at(const toml::table& t, const std::string& key,
                                           const std::string& source);
// A string or an array of strings.
Result<std::vector<std::string>> strings_at(const toml::table& t, const std::string& key,
                                            const std::string& source);

// Position of a key's value (or of the table when missing), for messages.
toml::source_region region_of(const toml::table& t, const std::string& key);

// Keys the reader does not know are errors: a typo must not silently drop a field.
std::optional<Error> check_known_keys(const toml::table& t, const std::vector<std::string>& known,
                                      const std::string& source, const std::string& where);

}  // namespace gongwen::tomlu
