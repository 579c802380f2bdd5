#include "gongwen/services/indexing.hpp"

#include <filesystem>
#include <map>

#include "gongwen/archive/filing_correct.hpp"
#include "gongwen/search/bulk_index.hpp"

namespace gongwen::services {

namespace {

// The corrections recorded for a filed 件 (archive/filing_correct.hpp), as the new value of
// each field, from the record's summary "题名：旧 → 新；日期：旧 → 新". A value holding "；"
// or " → " itself would be cut there; the metadata XML of the version has the exact value.
std::map<std::string, std::string> corrected_fields(const std::string& summary) {
  std::map<std::string, std::string> out;
  std::size_t at = 0;
  while (at < summary.size()) {
    std::size_t end = summary.find("；", at);
    if (end == std::string::npos) end = summary.size();
    const std::string part = summary.substr(at, end - at);
    const auto colon = part.find("：");
    const auto arrow = part.rfind(" → ");
    if (colon != std::string::npos && arrow != std::string::npos && arrow > colon)
      out[part.substr(0, colon)] = part.substr(arrow + std::string(" → ").size());
    at = end + std::string("；").size();
  }
  return out;
}

// A correction's new values over the entry built from the registers.
void apply_corrections(const std::map<std::string, std::string>& fields, search::IndexedDocument& d) {
  for (const auto& [field, value] : fields) {
    if (field == "题名") d.title = value;
    else if (field == "文件编号") d.number = value;
    else if (field == "责任者") d.issuer = value;
    else if (field == "日期") d.date = parse_date(value).value_or(d.date);
    else if (field == "密级") d.secrecy = value == "非密" ? "" : value;
  }
}

// 档号 and 保管期限 once the document's year is filed (issued by 文号, received by 收文号), and
// the corrections recorded since, read once per year: `reindex` asks for every document, and
// reading the year's filing register each time made it quadratic.
class FilingLookup {
 public:
  explicit FilingLookup(archive::Workspace& ws) : m_ws(ws) {}
  void add_to(int year, const std::string& key, search::IndexedDocument& d) {
    auto it = m_years.find(year);
    if (it == m_years.end()) it = m_years.emplace(year, read_year(year)).first;
    if (auto f = it->second.filed.find(key); f != it->second.filed.end()) {
      d.archive_code = f->second.archive_code;
      d.retention = f->second.retention;
      if (auto c = it->second.corrected.find(d.archive_code); c != it->second.corrected.end())
        apply_corrections(c->second, d);
    }
  }

 private:
  struct Year {
    std::map<std::string, archive::FiledRecord> filed;                      // by 文号 / 收文号
    std::map<std::string, std::map<std::string, std::string>> corrected;  // 档号 → field → value
  };
  Year read_year(int year) {
    Year y;
    for (auto& f : m_ws.registry().filed(year)) y.filed[f.number] = f;
    if (y.filed.empty()) return y;
    // By 档号 then version: a later version's value wins.
    for (const auto& v : archive::filed_versions(m_ws, year))
      for (auto& [field, value] : corrected_fields(v.fields)) y.corrected[v.archive_code][field] = value;
    return y;
  }
  archive::Workspace& m_ws;
  std::map<int, Year> m_years;
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
  d.secrecy = to_chinese(r.secrecy);  // the index keeps the register's name
  d.date = r.date;
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
  d.secrecy = to_chinese(r.secrecy);  // the index keeps the register's name
  d.date = r.date;
  d.path = r.file_path;
  d.source = r.ocr_source;  // "ocr:87": the hit says its text was recognised (issue 19)
  for (const auto& c : rec.circulation(r.id)) d.distribution.push_back(c.person);
  d.distribution.push_back(r.registered_by);
  filing.add_to(r.year, r.registration(), d);
  return d;
}
}  // namespace

std::size_t catch_up_index(archive::Workspace& ws) {
  auto& reg = ws.registry();
  if (reg.indexing_backlog().empty()) return 0;  // the usual case: one read, no lock
  std::size_t n = 0;
  // Under the registers' write lock: one process at a time works the outbox, and the work it
  // removes is exactly the work its index commit holds. Killed before the removal, the work
  // stays and is done again (adding a document twice replaces it).
  reg.transaction([&] {
    const auto work = reg.indexing_backlog();
    if (work.empty()) return;
    auto index = search::SearchIndex::open_writable(ws.index_dir()).take();
    FilingLookup filing(ws);
    const SystemClock clock;  // reading the registers needs no clock
    archive::Receiving rec(ws, clock);
    for (const auto& w : work) {
      if (w.book == archive::IndexedBook::Issued) {
        if (auto r = reg.issued_by_number(w.ref)) index.add(issued_entry(ws, *r, filing)).take();
      } else if (auto r = rec.get(std::stoll(w.ref))) {
        index.add(received_entry(ws, rec, *r, filing)).take();
      }
      ++n;
    }
    index.commit().take();
    reg.indexing_done(work.back().id);
  });
  return n;
}

void for_each_indexed(archive::Workspace& ws, const std::function<void(search::IndexedDocument)>& take) {
  FilingLookup filing(ws);
  for (const auto& r : ws.registry().issued()) take(issued_entry(ws, r, filing));
  // Received documents too; reading the registers needs no clock.
  const SystemClock clock;
  archive::Receiving rec(ws, clock);
  for (const auto& r : rec.list()) take(received_entry(ws, rec, r, filing));
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
    for_each_indexed(ws, [&](search::IndexedDocument doc) { index.add(std::move(doc)).take(); });
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


search::Viewer viewer_for(archive::Workspace& ws, const std::string& user) {
  const User* u = ws.profile().user(user);
  if (!u) {
    std::string ids;
    for (const auto& x : ws.profile().users) ids += (ids.empty() ? "" : ", ") + x.id;
    fail(Code::NotFound, msg("workflow.user.unknown", {{"id", user}}), {msg("workflow.user.list", {{"ids", ids}})});
  }
  return search::Viewer{u->id, u->clearance};
}

}  // namespace gongwen::services
