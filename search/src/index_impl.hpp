#pragma once
// SearchIndex's hidden state, shared by index.cpp (writing) and search.cpp (reading).
#include <xapian.h>

#include <filesystem>
#include <optional>

#include "gongwen/search/search_index.hpp"

namespace gongwen::search {

struct SearchIndex::Impl {
  std::filesystem::path dir;
  // Set only for a writable index. `db` then refers to the same database, so searches on a
  // writer see its own uncommitted additions.
  std::optional<Xapian::WritableDatabase> writer;
  Xapian::Database db;
};

}  // namespace gongwen::search
