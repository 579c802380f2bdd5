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
  // Additions since the last commit. Xapian buffers them in std::maps whose cost per term grows
  // with the buffer (10,000 documents by default): committing every kCommitEvery additions
  // made bulk indexing about twice as fast (measured, docs/search.md "Speed").
  std::size_t pending = 0;
};

inline constexpr std::size_t kCommitEvery = 500;

}  // namespace gongwen::search
