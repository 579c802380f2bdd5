#include "gongwen/services/indexing.hpp"

#include <filesystem>
#include <map>

#include "gongwen/search/bulk_index.hpp"

namespace gongwen::services {

namespace {
// 档号 and 保管期限 once the document's year is filed (issued by 文号, received by 收文号).
// The 档号 and 保管期限 of filed documents, read once per year: `reindex` asks for every
// document, and reading the year's filing register each time made it quadratic.
class FilingLookup {
 public:
  explicit FilingLookup(archive::Workspace& ws) : m_ws(ws) {}
  void add_to(int year, const std::string& key, search::IndexedDocument& d) {
    auto it = m_years.find(year);
    if (it == m_years.end()) {
      std::map<std::string, archive::FiledRecord> filed;
      for (auto& f : m_ws.registry().filed(year)) filed[f.number] = f;
      it = m_years.emplace(year, std::move(filed)).first;
    }
    if (auto f = it->second.find(key); f != it->second.end()) {
      d.archive_code = f->second.archive_code;
      d.retention = f->second.retention;
    }
  }

 private:
  archive::Workspace& m_ws;
  std::map<int, std::map<std::string, archive::FiledRecord>> m_years;
};

search::IndexedDocument issued_entry(archive::Workspace& ws, const archive::IssuedRecord& r, FilingLookup& filing);
search::IndexedDocument received_entry(archive::Workspace& ws, archive::Receiving& rec,
                                       const archive::ReceivedRecord& r, FilingLookup& filing);
}  // namespace

search::IndexedDocument to_indexed(archive::Workspace& ws, const archive::IssuedRecord& r) {
  FilingLookup filing(ws);
  return issued_entry(ws, r, filing);
}

search::IndexedDocument to_indexed(archive::Workspace& ws, archive::Receiving& rec,
                                   const archive::ReceivedRecord& r) {
  FilingLookup filing(ws);
  return received_entry(ws, rec, r, filing);
}

namespace {

search::IndexedDocument issued_entry(archive::Workspace& ws, const archive::IssuedRecord& r, FilingLookup& filing) {
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
  filing.add_to(r.year, r.number, d);
  return d;
}

search::IndexedDocument received_entry(archive::Workspace& ws, archive::Receiving& rec,
                                       const archive::ReceivedRecord& r, FilingLookup& filing) {
  search::IndexedDocument d;
  d.id = "in:" + r.registration();
  d.direction = "收文";
  d.number = r.their_number;
  d.registration = r.registration();
  d.title = r.title;
  d.body = r.text;
  d.issuer = r.sender;
  d.kind = r.kind;
  d.secrecy = r.secrecy;
  d.date = parse_date(r.date).value_or(Date{});
  d.path = r.file_path;
  for (const auto& c : rec.circulation(r.id)) d.distribution.push_back(c.person);
  d.distribution.push_back(r.registered_by);
  filing.add_to(r.year, r.registration(), d);
  return d;
}
}  // namespace

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
    // One writer per core, merged at the end (search/bulk_index.hpp).
    auto index = search::BulkIndexBuilder::create(fresh).take();
    FilingLookup filing(ws);
    for (const auto& r : ws.registry().issued()) index.add(issued_entry(ws, r, filing)).take();
    // Received documents too; reading the registers needs no clock.
    const SystemClock clock;
    archive::Receiving rec(ws, clock);
    for (const auto& r : rec.list()) index.add(received_entry(ws, rec, r, filing)).take();
    n = index.finish().take();
  }
  const fs::path old = ws.root() / ".index.old";
  fs::remove_all(old, ec);
  if (fs::exists(ws.index_dir(), ec)) fs::rename(ws.index_dir(), old);
  fs::rename(fresh, ws.index_dir());
  fs::remove_all(old, ec);
  return n;
}

std::size_t reindex_year(archive::Workspace& ws, int year, const ProgressFn& progress) {
  const auto issued = ws.registry().issued(year);
  const SystemClock clock;  // reading the registers needs no clock
  archive::Receiving rec(ws, clock);
  const auto received = rec.list(year);
  const int total = static_cast<int>(issued.size() + received.size());
  auto index = search::SearchIndex::open_writable(ws.index_dir()).take();
  FilingLookup filing(ws);
  int n = 0;
  for (const auto& r : issued) {
    if (progress) progress({"indexing", n, total});
    index.add(issued_entry(ws, r, filing)).take();
    ++n;
  }
  for (const auto& r : received) {
    if (progress) progress({"indexing", n, total});
    index.add(received_entry(ws, rec, r, filing)).take();
    ++n;
  }
  index.commit().take();
  return static_cast<std::size_t>(n);
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

}  // namespace gongwen::services
