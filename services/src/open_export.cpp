// The open-level export for remote search (issue 13 #2). The documented remote shard served the
// office's own index with xapian-tcpsrv, which has no login: the clearance filter runs in the
// searching client, so `xapian-delve` on the port printed a 秘密 document's whole text. What
// leaves the machine is now an index built for it, holding nothing a reader without clearance
// may not see; the access terms stay in it, so the county's search applies the same rule.
#include <system_error>

#include "gongwen/archive/registry.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/secrecy.hpp"
#include "gongwen/search/bulk_index.hpp"
#include "gongwen/services/indexing.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::services {

namespace fs = std::filesystem;

std::size_t export_open_index(archive::Workspace& ws, const fs::path& dir, const std::string& user,
                              const std::string& at) {
  std::error_code ec;
  if (fs::exists(dir, ec))
    fail(Code::Conflict, msg("search.export.exists", {{"dir", dir.string()}}), {msg("search.export.exists.hint")});
  const fs::path building = dir.string() + ".building";
  fs::remove_all(building, ec);
  std::size_t kept = 0, left_out = 0;
  {
    auto index = search::BulkIndexBuilder::create(building).take();
    for_each_indexed(ws, [&](search::IndexedDocument doc) {
      // An unknown level counts as the strictest (secrecy_or_strictest): it never leaves.
      if (secrecy_or_strictest(doc.secrecy) != Secrecy::None) {
        ++left_out;
        return;
      }
      index.add(std::move(doc)).take();
    });
    kept = index.finish().take();
  }
  fs::rename(building, dir);
  ws.registry().transaction([&] {
    ws.registry().audit(at, user, "export-open-index", dir.string(),
                        std::to_string(kept) + " open documents; " + std::to_string(left_out) + " classified left out");
  });
  return kept;
}

}  // namespace gongwen::services
