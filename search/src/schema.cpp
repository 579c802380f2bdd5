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

}  // namespace gongwen::search::schema
