#pragma once
// Keeps the search index in step with the registers: an issued or received document is
// indexed once its register transaction commits (through the outbox, catch_up_index), a filed year again with its 档号, and `search reindex` rebuilds the whole
// index from the registers. The workflows (workflows.hpp) call these; front ends call the
// workflows.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "gongwen/archive/receiving.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/search/search_index.hpp"
#include "gongwen/services/progress.hpp"

namespace gongwen::services {

search::IndexedDocument to_indexed(archive::Workspace& ws, const archive::IssuedRecord& r);
// The index entry of a received document (收文): those it circulated to may find it.
search::IndexedDocument to_indexed(archive::Workspace& ws, archive::Receiving& rec,
                                   const archive::ReceivedRecord& r);
// Does the indexing work the registers' outbox holds (recorded by issue, receive and
// circulate in their own transaction) and removes it once the index committed; returns how
// many documents it indexed. Called after each of those steps, when the command line opens
// the workspace and by the web server every few seconds, so a document registered by a
// process that died before indexing is found without `search reindex` (issue 13 #12).
std::size_t catch_up_index(archive::Workspace& ws);
// Re-adds every issued and received document of `year` (their 档号 and 保管期限 once filed)
// in one commit; returns the count. Filing and correcting call it.
std::size_t reindex_year(archive::Workspace& ws, int year, const ProgressFn& progress = {});
// Every issued and received document as the index holds it (with its 档号 once filed).
void for_each_indexed(archive::Workspace& ws, const std::function<void(search::IndexedDocument)>& take);
// Rebuilds the index from every issued and received document; returns the count.
std::size_t reindex_all(archive::Workspace& ws);
// A separate index at `dir` (which must not exist yet) of only the documents every reader may
// see: those of the open level (非密). It is what a township may serve to the county with
// xapian-tcpsrv, which has no login and whose readers' clearance gongwen cannot check
// (issue 13 #2). Returns the count; audited.
std::size_t export_open_index(archive::Workspace& ws, const std::filesystem::path& dir, const std::string& user,
                              const std::string& at);
// The viewer for a user id of the workspace (unknown → NotFound).
search::Viewer viewer_for(archive::Workspace& ws, const std::string& user);

}  // namespace gongwen::services
