#pragma once
// Turns an IndexedDocument into a Xapian document: terms for every field, value slots for
// showing and sorting hits, the body as data for snippets.
#include <xapian.h>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/search/search_index.hpp"

namespace gongwen::search {

Result<Xapian::Document> build_document(const IndexedDocument& doc);

// The unique-id term; empty if the id is unusable (empty, invalid UTF-8, too long).
std::string id_term(std::string_view id);

}  // namespace gongwen::search
