#pragma once
// Keeps the search index in step with the registers: an issued document is indexed at once,
// and `search reindex` rebuilds the whole index from the registers.
#include <cstddef>

#include "gongwen/archive/receiving.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/search/search_index.hpp"

namespace gongwen::app {

search::IndexedDocument to_indexed(archive::Workspace& ws, const archive::IssuedRecord& r);
// Adds one issued document and commits.
void index_issued(archive::Workspace& ws, const archive::IssuedRecord& r);
// The index entry of a received document (收文): those it circulated to may find it.
search::IndexedDocument to_indexed(archive::Workspace& ws, archive::Receiving& rec,
                                   const archive::ReceivedRecord& r);
// Adds one received document and commits.
void index_received(archive::Workspace& ws, archive::Receiving& rec, const archive::ReceivedRecord& r);
// Rebuilds the index from every issued and received document; returns the count.
std::size_t reindex_all(archive::Workspace& ws);
// The viewer for a user id of the workspace (unknown → NotFound).
search::Viewer viewer_for(archive::Workspace& ws, const std::string& user);

}  // namespace gongwen::app
