// 收文登记, 文件处理签, 传阅, 清退 and the overdue list. The tables live in the registry's
// SQLite file (sqlite_db) so that every change joins registry().transaction() with its audit
// entry; the stored file and the slip are written before the commit and removed if it fails.
#include "gongwen/archive/receiving.hpp"

#include <algorithm>

#include "filing_dates.hpp"
#include "gongwen/archive/filing.hpp"
#include "filing_package.hpp"
#include "registry_sqlite.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS received (
  id INTEGER PRIMARY KEY, year INTEGER NOT NULL, serial INTEGER NOT NULL, sender TEXT NOT NULL,
  their_number TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
  secrecy TEXT NOT NULL, copies INTEGER NOT NULL, copy_numbers TEXT NOT NULL, signed_by TEXT NOT NULL,
  registered_by TEXT NOT NULL, file_path TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
  slip_path TEXT NOT NULL, proposal TEXT NOT NULL, instruction TEXT NOT NULL, text TEXT NOT NULL,
  received_at TEXT NOT NULL, cleared_at TEXT NOT NULL DEFAULT '', cleared_by TEXT NOT NULL DEFAULT '',
  UNIQUE (year, serial));
CREATE TABLE IF NOT EXISTS circulation (
  received_id INTEGER NOT NULL REFERENCES received(id), person TEXT NOT NULL, sent_at TEXT NOT NULL,
  due TEXT NOT NULL, read_at TEXT NOT NULL DEFAULT '', returned_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (received_id, person, sent_at));
)SQL";

constexpr const char* kCols =
    "id, year, serial, sender, their_number, title, kind, date, secrecy, copies, copy_numbers, "
    "signed_by, registered_by, file_path, sha256, format, slip_path, proposal, instruction, text, "
    "received_at, cleared_at, cleared_by";

ReceivedRecord read_row(sql::Stmt& s) {
  ReceivedRecord r;
  r.id = s.integer(0);
  r.year = static_cast<int>(s.integer(1));
  r.serial = static_cast<int>(s.integer(2));
  r.sender = s.text(3);
  r.their_number = s.text(4);
  r.title = s.text(5);
  r.kind = s.text(6);
  r.date = s.text(7);
  r.secrecy = s.text(8);
  r.copies = static_cast<int>(s.integer(9));
  r.copy_numbers = s.text(10);
  r.signed_by = s.text(11);
  r.registered_by = s.text(12);
  r.file_path = s.text(13);
  r.sha256 = s.text(14);
  r.format = s.text(15);
  r.slip_path = s.text(16);
  r.proposal = s.text(17);
  r.instruction = s.text(18);
  r.text = s.text(19);
  r.received_at = s.text(20);
  r.cleared_at = s.text(21);
  r.cleared_by = s.text(22);
  return r;
}

int level(Secrecy s) { return static_cast<int>(s); }

std::string format_of(const fs::path& file, const std::string& bytes) {
  if (bytes.rfind("%PDF-", 0) == 0) return "PDF";
  if (bytes.rfind("PK\x03\x04", 0) == 0) {
    std::string ext = file.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".ofd") return "OFD";
    if (ext == ".docx") return "DOCX";
  }
  return "";
}

}  // namespace

std::string ReceivedRecord::registration() const {
  return "收〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

void ensure_receiving_tables(Workspace& ws) { sqlite_db(ws.registry()).exec(kSchema); }

Receiving::Receiving(Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock) {
  ensure_receiving_tables(ws);
}

const User& Receiving::actor(const std::string& id, const std::string& action) {
  const User* u = m_ws.profile().user(id);
  if (!u) fail(Code::NotFound, "unknown user '" + id + "'");
  if (!(u->has(Role::SealKeeper) || u->has(Role::Archivist) || u->has(Role::Reviewer) ||
        u->has(Role::Admin)))
    fail(Code::Forbidden, u->name + " may not " + action +
                              ": 收文 is handled by the 机要员, 档案员 or the office's reviewers");
  return *u;
}

ReceivedRecord Receiving::receive(const ReceiveInput& in, const std::string& user) {
  const User& u = actor(user, "register a received document");
  std::error_code ec;
  if (!fs::is_regular_file(in.file, ec)) fail(Code::NotFound, "file " + in.file.string() + " does not exist");
  const auto date = parse_date(in.date);
  if (!date) fail(Code::BadInput, "date '" + in.date + "' is not a calendar day", {"write it as 2025-06-02"});
  if (in.sender.empty()) fail(Code::BadInput, "the sender (--from) is required");
  if (in.title.empty()) fail(Code::BadInput, "the title (--title) is required");
  const auto secrecy = parse_secrecy(in.secrecy);
  if (!secrecy) fail(Code::BadInput, "密级 '" + in.secrecy + "' is not one of 秘密, 机密, 绝密");
  if (level(u.clearance) < level(*secrecy))
    fail(Code::Forbidden, u.name + " is not cleared for " + in.secrecy + " documents");
  if (*secrecy != Secrecy::None && in.copy_numbers.empty())
    fail(Code::BadInput, "a " + in.secrecy + " document is registered with its copy numbers (--copy-numbers)");
  if (in.copies < 1) fail(Code::BadInput, "copies must be at least 1");
  require_open_year(m_ws, date->year, "registering a document dated " + date->iso());
  const std::string bytes = read_file(in.file);
  const std::string format = format_of(in.file, bytes);
  if (format.empty())
    fail(Code::BadInput, in.file.string() + " is not a PDF, DOCX or OFD file");

  ReceivedRecord r;
  r.year = date->year;
  r.sender = in.sender;
  r.their_number = in.their_number;
  r.title = in.title;
  r.kind = in.kind;
  r.date = date->iso();
  r.secrecy = in.secrecy;
  r.copies = in.copies;
  r.copy_numbers = in.copy_numbers;
  r.signed_by = in.signed_by.empty() ? u.name : in.signed_by;
  r.registered_by = u.id;
  r.sha256 = sha256_hex(bytes);
  r.format = format;
  r.text = in.text;
  r.received_at = m_clock.now().iso8601();
  auto& db = sqlite_db(m_ws.registry());
  std::vector<fs::path> written;
  try {
    m_ws.registry().transaction([&] {
      {
        sql::Stmt q(db, "SELECT COALESCE(MAX(serial), 0) FROM received WHERE year = ?");
        q.bind(1, r.year);
        q.step();
        r.serial = static_cast<int>(q.integer(0)) + 1;
      }
      const fs::path dir = m_ws.documents_dir() / "received" / std::to_string(r.year);
      fs::create_directories(dir);
      std::string ext = format == "PDF" ? ".pdf" : format == "DOCX" ? ".docx" : ".ofd";
      const fs::path file = dir / ("收" + std::to_string(r.serial) + ext);
      const fs::path slip = dir / ("收" + std::to_string(r.serial) + "-文件处理签.pdf");
      write_file_atomic(file, bytes);
      written.push_back(file);
      r.file_path = m_ws.relative(file);
      r.slip_path = m_ws.relative(slip);
      write_file_atomic(slip, processing_slip_pdf(r, m_ws.profile().office_name, {}));
      written.push_back(slip);
      sql::Stmt s(db,
                  "INSERT INTO received (year, serial, sender, their_number, title, kind, date, secrecy, "
                  "copies, copy_numbers, signed_by, registered_by, file_path, sha256, format, slip_path, "
                  "proposal, instruction, text, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      s.bind(1, r.year).bind(2, r.serial).bind(3, r.sender).bind(4, r.their_number).bind(5, r.title)
          .bind(6, r.kind).bind(7, r.date).bind(8, r.secrecy).bind(9, r.copies).bind(10, r.copy_numbers)
          .bind(11, r.signed_by).bind(12, r.registered_by).bind(13, r.file_path).bind(14, r.sha256)
          .bind(15, r.format).bind(16, r.slip_path).bind(17, "").bind(18, "").bind(19, r.text)
          .bind(20, r.received_at);
      s.run();
      r.id = db.last_rowid();
      m_ws.registry().audit(r.received_at, u.id, "receive", r.registration(),
                            r.sender + " " + r.their_number + " " + r.title + " sha256 " + r.sha256);
    });
  } catch (...) {
    for (const auto& p : written) fs::remove(p, ec);
    throw;
  }
  return r;
}

std::optional<ReceivedRecord> Receiving::get(std::int64_t id) {
  sql::Stmt q(sqlite_db(m_ws.registry()), (std::string("SELECT ") + kCols + " FROM received WHERE id = ?").c_str());
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

std::vector<ReceivedRecord> Receiving::list(std::optional<int> year) {
  std::string sql = std::string("SELECT ") + kCols + " FROM received";
  if (year) sql += " WHERE year = ?";
  sql += " ORDER BY date, serial";
  sql::Stmt q(sqlite_db(m_ws.registry()), sql.c_str());
  if (year) q.bind(1, *year);
  std::vector<ReceivedRecord> out;
  while (q.step()) out.push_back(read_row(q));
  return out;
}

std::vector<CirculationRecord> Receiving::circulation(std::int64_t id) {
  sql::Stmt q(sqlite_db(m_ws.registry()),
              "SELECT received_id, person, sent_at, due, read_at, returned_at FROM circulation "
              "WHERE received_id = ? ORDER BY sent_at, person");
  q.bind(1, id);
  std::vector<CirculationRecord> out;
  while (q.step())
    out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
  return out;
}

ReceivedRecord Receiving::set_handling(std::int64_t id, const std::string& proposal,
                                       const std::string& instruction, const std::string& user) {
  const User& u = actor(user, "record 拟办/批示");
  auto r = get(id);
  if (!r) fail(Code::NotFound, "no received document #" + std::to_string(id));
  if (!proposal.empty()) r->proposal = proposal;
  if (!instruction.empty()) r->instruction = instruction;
  const std::string at = m_clock.now().iso8601();
  m_ws.registry().transaction([&] {
    sql::Stmt s(sqlite_db(m_ws.registry()), "UPDATE received SET proposal = ?, instruction = ? WHERE id = ?");
    s.bind(1, r->proposal).bind(2, r->instruction).bind(3, id).run();
    write_file_atomic(m_ws.root() / r->slip_path,
                      processing_slip_pdf(*r, m_ws.profile().office_name, circulation(id)));
    m_ws.registry().audit(at, u.id, "receive-handling", r->registration(),
                          "拟办: " + r->proposal + " 批示: " + r->instruction);
  });
  return *r;
}

void Receiving::circulate(std::int64_t id, const std::string& person, int days, const std::string& user) {
  const User& u = actor(user, "circulate a document");
  auto r = get(id);
  if (!r) fail(Code::NotFound, "no received document #" + std::to_string(id));
  const User* reader = m_ws.profile().user(person);
  if (!reader) fail(Code::NotFound, "unknown reader '" + person + "'");
  const auto s = parse_secrecy(r->secrecy).value_or(Secrecy::TopSecret);
  if (level(reader->clearance) < level(s))
    fail(Code::Forbidden, reader->name + " is not cleared for " + r->secrecy + " documents");
  const Instant now = m_clock.now();
  const std::string due = add_days(now.local_date(), days).iso();
  m_ws.registry().transaction([&] {
    sql::Stmt q(sqlite_db(m_ws.registry()),
                "INSERT INTO circulation (received_id, person, sent_at, due) VALUES (?,?,?,?)");
    q.bind(1, id).bind(2, person).bind(3, now.iso8601()).bind(4, due).run();
    m_ws.registry().audit(now.iso8601(), u.id, "circulate", r->registration(), "to " + person + " due " + due);
  });
}

namespace {
void set_open_circulation(Workspace& ws, std::int64_t id, const std::string& person,
                          const char* column, const std::string& at) {
  auto& db = sqlite_db(ws.registry());
  sql::Stmt s(db, (std::string("UPDATE circulation SET ") + column + " = ? WHERE received_id = ? AND person = ? AND returned_at = ''").c_str());
  s.bind(1, at).bind(2, id).bind(3, person).run();
  if (sqlite3_changes(db.handle()) == 0)
    fail(Code::Conflict, "document #" + std::to_string(id) + " is not out with " + person);
}
}  // namespace

void Receiving::mark_read(std::int64_t id, const std::string& person, const std::string& user) {
  // The reader records their own 阅毕 (我的待办 offers it); anyone else needs a 收文 role.
  const User* self = person == user ? m_ws.profile().user(user) : nullptr;
  const User& u = self ? *self : actor(user, "record circulation");
  const std::string at = m_clock.now().iso8601();
  m_ws.registry().transaction([&] {
    set_open_circulation(m_ws, id, person, "read_at", at);
    m_ws.registry().audit(at, u.id, "circulation-read", "#" + std::to_string(id), person);
  });
}

void Receiving::mark_returned(std::int64_t id, const std::string& person, const std::string& user) {
  const User& u = actor(user, "record circulation");
  const std::string at = m_clock.now().iso8601();
  m_ws.registry().transaction([&] {
    set_open_circulation(m_ws, id, person, "returned_at", at);
    m_ws.registry().audit(at, u.id, "circulation-returned", "#" + std::to_string(id), person);
  });
}

ReceivedRecord Receiving::clear_secret(std::int64_t id, const std::string& user) {
  const User& u = actor(user, "record 清退");
  auto r = get(id);
  if (!r) fail(Code::NotFound, "no received document #" + std::to_string(id));
  if (r->secrecy.empty()) fail(Code::Conflict, r->registration() + " is not secret: nothing to return");
  if (!r->cleared_at.empty()) fail(Code::Conflict, r->registration() + " was already returned on " + r->cleared_at);
  for (const auto& c : circulation(id))
    if (c.returned_at.empty())
      fail(Code::Conflict, r->registration() + " is still out with " + c.person, {"record its return first"});
  r->cleared_at = m_clock.now().iso8601();
  r->cleared_by = u.id;
  m_ws.registry().transaction([&] {
    sql::Stmt s(sqlite_db(m_ws.registry()), "UPDATE received SET cleared_at = ?, cleared_by = ? WHERE id = ?");
    s.bind(1, r->cleared_at).bind(2, u.id).bind(3, id).run();
    m_ws.registry().audit(r->cleared_at, u.id, "clear-secret", r->registration(),
                          r->secrecy + " copies " + r->copy_numbers + " returned");
  });
  return *r;
}

std::vector<OverdueItem> Receiving::overdue() {
  const Date today = m_clock.now().local_date();
  std::vector<OverdueItem> out;
  sql::Stmt q(sqlite_db(m_ws.registry()),
              "SELECT received_id, person, due FROM circulation WHERE returned_at = '' ORDER BY due, received_id");
  while (q.step()) {
    const auto due = parse_date(q.text(2));
    if (!due || !(today > *due)) continue;
    if (auto r = get(q.integer(0)))
      out.push_back({*r, q.text(1), "传阅未退回",
                     static_cast<int>(days_from_civil(today) - days_from_civil(*due))});
  }
  return out;
}

std::vector<std::string> receiving_blockers(Workspace& ws, int year) {
  ensure_receiving_tables(ws);
  std::vector<std::string> out;
  const FixedClock unused_clock(Instant{});  // listing reads no time
  Receiving rec(ws, unused_clock);
  for (const auto& r : rec.list(year)) {
    for (const auto& c : rec.circulation(r.id))
      if (c.returned_at.empty())
        out.push_back(r.registration() + " " + r.title + " is still in circulation with " + c.person +
                      ": record its return (gongwen receive return)");
    if (!r.secrecy.empty() && r.cleared_at.empty())
      out.push_back(r.registration() + " " + r.title + " (" + r.secrecy + ", copies " + r.copy_numbers +
                    ") has not been returned (清退): gongwen receive clear " + std::to_string(r.id));
    std::error_code ec;
    const fs::path f = ws.root() / r.file_path;
    if (!fs::exists(f, ec)) out.push_back(r.registration() + ": file " + r.file_path + " is missing");
    else if (sha256_hex(read_file(f)) != r.sha256)
      out.push_back(r.registration() + ": file " + r.file_path + " differs from the registered copy");
  }
  return out;
}

}  // namespace gongwen::archive
