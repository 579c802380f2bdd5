#include "indexing.hpp"

#include <filesystem>

namespace gongwen::app {

namespace {
// 档号 and 保管期限 once the document's year is filed (issued by 文号, received by 收文号).
void add_filing(archive::Workspace& ws, int year, const std::string& key, search::IndexedDocument& d) {
  for (const auto& f : ws.registry().filed(year)) {
    if (f.number == key) {
      d.archive_code = f.archive_code;
      d.retention = f.retention;
    }
  }
}
}  // namespace

search::IndexedDocument to_indexed(archive::Workspace& ws, const archive::IssuedRecord& r) {
  search::IndexedDocument d;
  d.id = "out:" + r.number;
  d.direction = "发文";
  d.number = r.number;
  d.title = r.title;
  d.body = r.text;
  d.issuer = r.issuer;
  d.recipients = r.recipients;
  d.kind = r.kind;
  d.secrecy = r.secrecy;
  d.date = parse_date(r.date).value_or(Date{});
  d.path = r.pdf_path;
  // Those who handled it may always find it again.
  if (auto draft = ws.registry().draft(r.draft_id)) {
    d.distribution.push_back(draft->drafter);
    if (auto s = ws.registry().signoff(r.draft_id)) d.distribution.push_back(s->signer);
  }
  add_filing(ws, r.year, r.number, d);
  return d;
}

void index_issued(archive::Workspace& ws, const archive::IssuedRecord& r) {
  auto index = search::SearchIndex::open_writable(ws.index_dir()).take();
  index.add(to_indexed(ws, r)).take();
  index.commit().take();
}

std::size_t reindex_all(archive::Workspace& ws) {
  // Build beside the live index and swap, so searches keep working during a rebuild and a
  // failed rebuild leaves the old index intact.
  namespace fs = std::filesystem;
  const fs::path fresh = ws.root() / ".index.rebuild";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  std::size_t n = 0;
  {
    auto index = search::SearchIndex::open_writable(fresh).take();
    for (const auto& r : ws.registry().issued()) {
      index.add(to_indexed(ws, r)).take();
      ++n;
    }
    // Received documents too; reading the registers needs no clock.
    const SystemClock clock;
    archive::Receiving rec(ws, clock);
    for (const auto& r : rec.list()) {
      index.add(to_indexed(ws, rec, r)).take();
      ++n;
    }
    index.commit().take();
  }
  const fs::path old = ws.root() / ".index.old";
  fs::remove_all(old, ec);
  if (fs::exists(ws.index_dir(), ec)) fs::rename(ws.index_dir(), old);
  fs::rename(fresh, ws.index_dir());
  fs::remove_all(old, ec);
  return n;
}

search::IndexedDocument to_indexed(archive::Workspace& ws, archive::Receiving& rec,
                                   const archive::ReceivedRecord& r) {
  search::IndexedDocument d;
  d.id = "in:" + r.registration();
  d.direction = "收文";
  d.number = r.their_number;
  d.title = r.title;
  d.body = r.text;
  d.issuer = r.sender;
  d.kind = r.kind;
  d.secrecy = r.secrecy;
  d.date = parse_date(r.date).value_or(Date{});
  d.path = r.file_path;
  for (const auto& c : rec.circulation(r.id)) d.distribution.push_back(c.person);
  d.distribution.push_back(r.registered_by);
  add_filing(ws, r.year, r.registration(), d);
  return d;
}

void index_received(archive::Workspace& ws, archive::Receiving& rec, const archive::ReceivedRecord& r) {
  auto index = search::SearchIndex::open_writable(ws.index_dir()).take();
  index.add(to_indexed(ws, rec, r)).take();
  index.commit().take();
}

search::Viewer viewer_for(archive::Workspace& ws, const std::string& user) {
  const User* u = ws.profile().user(user);
  if (!u) {
    std::string ids;
    for (const auto& x : ws.profile().users) ids += (ids.empty() ? "" : ", ") + x.id;
    fail(Code::NotFound, "unknown user '" + user + "'", {"users of this office: " + ids});
  }
  return search::Viewer{u->id, u->clearance};
}

}  // namespace gongwen::app
