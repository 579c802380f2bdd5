#include "schema.hpp"

#include <string>

namespace gongwen::search::schema {

const Field* find_field(std::string_view name) {
  std::string lower(name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const Field& f : kFields)
    if (f.name == lower) return &f;
  return nullptr;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() > 1 && !value.empty() &&
      ((value.front() >= 'A' && value.front() <= 'Z') || value.front() == ':'))
    term += ':';
  term += value;
  return term;
}

}  // namespace gongwen::search::schema
