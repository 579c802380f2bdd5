// 收文登记, 文件处理签, 传阅, 清退 and the overdue list, kept in the registry's ReceivedBook so
// that every change joins registry().transaction() with its audit entry; the stored file and
// the slip are written before the commit and removed if it fails.
#include "gongwen/archive/receiving.hpp"

#include <algorithm>

#include "filing_dates.hpp"
#include "gongwen/archive/filing.hpp"
#include "filing_package.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

namespace {

std::string format_of(const fs::path& file, const std::string& bytes) {
  if (bytes.rfind("%PDF-", 0) == 0) return "PDF";
  if (bytes.rfind("PK\x03\x04", 0) == 0) {
    std::string ext = file.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".ofd") return "OFD";
    if (ext == ".docx") return "DOCX";
    return "";
  }
  // Scans (issue 19), kept as received: the working copy with the text layer is a PDF beside it.
  auto starts = [&](std::string_view magic) { return bytes.size() >= magic.size() && bytes.compare(0, magic.size(), magic) == 0; };
  if (starts("\xFF\xD8\xFF")) return "JPEG";
  if (starts("\x89PNG\r\n\x1a\n")) return "PNG";
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return "TIFF";
  return "";
}

// A 文号 as people write it in running text, brackets made the standard 〔〕 (a 批复 quotes
// "白政请[2026]3号" as often as "白政请〔2026〕3号").
std::string standard_brackets(std::string text) {
  for (const char* open : {"[", "［", "【", "﹝"})
    for (std::size_t at; (at = text.find(open)) != std::string::npos;) text.replace(at, std::string(open).size(), "〔");
  for (const char* close : {"]", "］", "】", "﹞"})
    for (std::size_t at; (at = text.find(close)) != std::string::npos;) text.replace(at, std::string(close).size(), "〕");
  return text;
}

// A received 批复 answers the 请示 of ours whose 文号 it quotes (its title or text): link
// them, so the 请示 shows who answered it and when.
void link_reply_to_requests(Registry& reg, const ReceivedRecord& r, const std::string& user) {
  const std::string quoted = standard_brackets(r.title + "\n" + r.text);
  for (const IssuedRecord& request : reg.issued(std::nullopt)) {
    if (request.kind != "请示" || quoted.find(request.number) == std::string::npos) continue;
    reg.add_reply(ReplyRecord{0, request.number, request.title,
                              r.their_number.empty() ? r.registration() : r.their_number, r.title, r.sender,
                              r.date, user, r.received_at});
  }
}

// "标题\tA\tB\n…" as one line for the audit log: "标题: A -> B; …".
std::string flat(const std::string& corrections) {
  std::string out;
  std::size_t at = 0;
  while (at < corrections.size()) {
    std::size_t end = corrections.find('\n', at);
    if (end == std::string::npos) end = corrections.size();
    std::string line = corrections.substr(at, end - at);
    const auto t1 = line.find('\t'), t2 = line.find('\t', t1 == std::string::npos ? 0 : t1 + 1);
    if (t1 != std::string::npos && t2 != std::string::npos)
      line = line.substr(0, t1) + ": " + line.substr(t1 + 1, t2 - t1 - 1) + " -> " + line.substr(t2 + 1);
    if (!out.empty()) out += "; ";
    out += line;
    at = end + 1;
  }
  return out;
}

}  // namespace

std::string ReceivedRecord::registration() const {
  return "收〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

// The schema is created and upgraded when the registry opens (sqlite/migrations.cpp).
void ensure_receiving_tables(Workspace&) {}

Receiving::Receiving(Workspace& ws, const Clock& clock) : m_ws(ws), m_clock(clock) {}

const User& Receiving::actor(const std::string& id, const std::string& action) {
  const User* u = m_ws.profile().user(id);
  if (!u) fail(Code::NotFound, msg("workflow.user.unknown", {{"id", id}}));
  if (!(u->has(Role::SealKeeper) || u->has(Role::Archivist) || u->has(Role::Reviewer) ||
        u->has(Role::Admin)))
    fail(Code::Forbidden, msg("receiving.role.missing", {{"name", u->name}, {"action", msg("receiving.action." + action)}}));
  return *u;
}

ReceivedRecord Receiving::receive(const ReceiveInput& in, const std::string& user) {
  const User& u = actor(user, "register");
  std::error_code ec;
  if (!fs::is_regular_file(in.file, ec)) fail(Code::NotFound, msg("receiving.file.missing", {{"file", in.file.string()}}));
  const auto date = parse_date(in.date);
  if (!date) fail(Code::BadInput, msg("receiving.date.invalid", {{"date", in.date}}), {msg("archive.date.hint")});
  if (in.sender.empty()) fail(Code::BadInput, msg("receiving.sender.missing"));
  if (in.title.empty()) fail(Code::BadInput, msg("receiving.title.missing"));
  const auto secrecy = parse_secrecy(in.secrecy);
  if (!secrecy)
    fail(Code::BadInput, msg("receiving.secrecy.invalid", {{"level", in.secrecy}}), {msg("receiving.secrecy.hint")});
  if (!cleared_for(u.clearance, *secrecy))
    fail(Code::Forbidden, msg("receiving.clearance.missing", {{"name", u.name}, {"level", in.secrecy}}));
  if (*secrecy != Secrecy::None && in.copy_numbers.empty())
    fail(Code::BadInput, msg("receiving.copy_numbers.missing", {{"level", in.secrecy}}));
  if (in.copies < 1) fail(Code::BadInput, msg("receiving.copies.invalid"));
  require_open_year(m_ws, date->year, msg("receiving.what.register", {{"date", date->iso()}}));
  const std::string bytes = read_file(in.file);
  const std::string format = format_of(in.file, bytes);
  if (format.empty())
    fail(Code::BadInput, msg("receiving.format.unknown", {{"file", in.file.string()}}));

  ReceivedRecord r;
  r.year = date->year;
  r.sender = in.sender;
  r.their_number = in.their_number;
  r.title = in.title;
  r.kind = in.kind;
  r.date = *date;
  r.secrecy = *secrecy;  // the row mapper stores the canonical name: 非密 and 无 are ""
  r.copies = in.copies;
  r.copy_numbers = in.copy_numbers;
  r.signed_by = in.signed_by.empty() ? u.name : in.signed_by;
  r.registered_by = u.id;
  r.sha256 = sha256_hex(bytes);
  r.format = format;
  r.text = in.text;
  if (format == "OFD") r.seal_check = in.seal_check;
  r.ocr_source = in.ocr_source;
  r.ocr_corrections = in.ocr_corrections;
  r.received_at = m_clock.now().iso8601();
  Registry& reg = m_ws.registry();
  std::vector<fs::path> written;
  try {
    reg.transaction([&] {
      r.serial = reg.next_received_serial(r.year);
      const fs::path dir = m_ws.documents_dir() / "received" / std::to_string(r.year);
      fs::create_directories(dir);
      std::string ext = format == "PDF"    ? ".pdf"
                        : format == "DOCX" ? ".docx"
                        : format == "OFD"  ? ".ofd"
                        : format == "JPEG" ? ".jpg"
                        : format == "PNG"  ? ".png"
                                           : ".tif";
      const fs::path file = dir / ("收" + std::to_string(r.serial) + ext);
      const fs::path slip = dir / ("收" + std::to_string(r.serial) + "-文件处理签.pdf");
      write_file_atomic(file, bytes);
      written.push_back(file);
      r.file_path = m_ws.relative(file);
      if (!in.ocr_pdf.empty()) {  // the scan's working copy, with its invisible text layer
        const fs::path copy = dir / ("收" + std::to_string(r.serial) + "-文字层.pdf");
        write_file_atomic(copy, in.ocr_pdf);
        written.push_back(copy);
        r.ocr_copy_path = m_ws.relative(copy);
      }
      r.slip_path = m_ws.relative(slip);
      write_file_atomic(slip, processing_slip_pdf(r, m_ws.profile().office_name, {}));
      written.push_back(slip);
      r.id = reg.add_received(r);
      reg.queue_indexing(IndexedBook::Received, std::to_string(r.id), r.received_at);  // issue 13 #12
      if (r.kind == "批复") link_reply_to_requests(reg, r, u.id);
      m_ws.registry().audit(r.received_at, u.id, "receive", r.registration(),
                            r.sender + " " + r.their_number + " " + r.title + " sha256 " + r.sha256 +
                                (r.seal_check.result.empty() ? "" : " seals " + r.seal_check.result) +
                                (r.ocr_source.empty() ? "" : " " + r.ocr_source) +
                                (r.ocr_corrections.empty() ? "" : " corrected " + flat(r.ocr_corrections)));
    });
  } catch (...) {
    for (const auto& p : written) fs::remove(p, ec);
    throw;
  }
  return r;
}

std::optional<ReceivedRecord> Receiving::get(std::int64_t id) { return m_ws.registry().received(id); }

std::vector<ReceivedRecord> Receiving::list(std::optional<int> year) { return m_ws.registry().received_list(year); }

std::vector<CirculationRecord> Receiving::circulation(std::int64_t id) { return m_ws.registry().circulation(id); }

ReceivedRecord Receiving::set_handling(std::int64_t id, const std::string& proposal,
                                       const std::string& instruction, const std::string& user) {
  const User& u = actor(user, "handle");
  auto r = get(id);
  if (!r) fail(Code::NotFound, msg("receiving.none", {{"id", std::to_string(id)}}));
  if (!proposal.empty()) r->proposal = proposal;
  if (!instruction.empty()) r->instruction = instruction;
  const std::string at = m_clock.now().iso8601();
  m_ws.registry().transaction([&] {
    m_ws.registry().set_received_handling(id, r->proposal, r->instruction);
    refresh_slip(*r);
    m_ws.registry().audit(at, u.id, "receive-handling", r->registration(),
                          "拟办: " + r->proposal + " 批示: " + r->instruction);
  });
  return *r;
}

void Receiving::circulate(std::int64_t id, const std::string& person, int days, const std::string& user) {
  const User& u = actor(user, "circulate");
  auto r = get(id);
  if (!r) fail(Code::NotFound, msg("receiving.none", {{"id", std::to_string(id)}}));
  const User* reader = m_ws.profile().user(person);
  if (!reader) fail(Code::NotFound, msg("receiving.reader.unknown", {{"id", person}}));
  if (!cleared_for(reader->clearance, r->secrecy))
    fail(Code::Forbidden, msg("receiving.clearance.missing", {{"name", reader->name}, {"level", to_chinese(r->secrecy)}}));
  const Instant now = m_clock.now();
  const Date due = add_days(now.local_date(), days);
  m_ws.registry().transaction([&] {
    m_ws.registry().add_circulation(CirculationRecord{id, person, now.iso8601(), due, "", ""});
    // The new reader may find it: indexed again after the commit (or by the next to open).
    m_ws.registry().queue_indexing(IndexedBook::Received, std::to_string(id), now.iso8601());
    m_ws.registry().audit(now.iso8601(), u.id, "circulate", r->registration(), "to " + person + " due " + due.iso());
    refresh_slip(*r);
  });
}

// The 文件处理签 is rewritten with every handling and circulation step, inside the step's
// transaction, so that the printed slip lists what the register records (readers by name).
void Receiving::refresh_slip(const ReceivedRecord& r) {
  auto steps = circulation(r.id);
  for (auto& c : steps)
    if (const User* reader = m_ws.profile().user(c.person)) c.person = reader->name;
  write_file_atomic(m_ws.root() / r.slip_path, processing_slip_pdf(r, m_ws.profile().office_name, steps));
}

namespace {
void set_open_circulation(Workspace& ws, std::int64_t id, const std::string& person,
                          ReceivedBook::Mark mark, const std::string& at) {
  if (!ws.registry().mark_circulation(id, person, mark, at))
    fail(Code::Conflict, msg("receiving.not_out", {{"id", std::to_string(id)}, {"person", person}}));
}
}  // namespace

void Receiving::mark_read(std::int64_t id, const std::string& person, const std::string& user) {
  // The reader records their own 阅毕 (我的待办 offers it); anyone else needs a 收文 role.
  const User* self = person == user ? m_ws.profile().user(user) : nullptr;
  const User& u = self ? *self : actor(user, "mark");
  const std::string at = m_clock.now().iso8601();
  m_ws.registry().transaction([&] {
    set_open_circulation(m_ws, id, person, ReceivedBook::Mark::Read, at);
    m_ws.registry().audit(at, u.id, "circulation-read", "#" + std::to_string(id), person);
    if (auto r = get(id)) refresh_slip(*r);
  });
}

void Receiving::mark_returned(std::int64_t id, const std::string& person, const std::string& user) {
  const User& u = actor(user, "mark");
  const std::string at = m_clock.now().iso8601();
  m_ws.registry().transaction([&] {
    set_open_circulation(m_ws, id, person, ReceivedBook::Mark::Returned, at);
    m_ws.registry().audit(at, u.id, "circulation-returned", "#" + std::to_string(id), person);
    if (auto r = get(id)) refresh_slip(*r);
  });
}

ReceivedRecord Receiving::clear_secret(std::int64_t id, const std::string& user) {
  const User& u = actor(user, "clear");
  auto r = get(id);
  if (!r) fail(Code::NotFound, msg("receiving.none", {{"id", std::to_string(id)}}));
  if (r->secrecy == Secrecy::None) fail(Code::Conflict, msg("receiving.not_secret", {{"number", r->registration()}}));
  if (!r->cleared_at.empty()) fail(Code::Conflict, msg("receiving.cleared", {{"number", r->registration()}, {"at", r->cleared_at}}));
  for (const auto& c : circulation(id))
    if (c.returned_at.empty())
      fail(Code::Conflict, msg("receiving.still_out", {{"number", r->registration()}, {"person", c.person}}), {msg("receiving.still_out.hint")});
  r->cleared_at = m_clock.now().iso8601();
  r->cleared_by = u.id;
  m_ws.registry().transaction([&] {
    m_ws.registry().set_received_cleared(id, r->cleared_at, u.id);
    m_ws.registry().audit(r->cleared_at, u.id, "clear-secret", r->registration(),
                          std::string(to_chinese(r->secrecy)) + " copies " + r->copy_numbers + " returned");
  });
  return *r;
}

std::vector<OverdueItem> Receiving::overdue() {
  const Date today = m_clock.now().local_date();
  std::vector<OverdueItem> out;
  for (const auto& c : m_ws.registry().open_circulation()) {
    const auto& due = c.due;
    if (!due || !(today > *due)) continue;
    if (auto r = get(c.received_id))
      out.push_back({*r, c.person, "传阅未退回",
                     static_cast<int>(days_from_civil(today) - days_from_civil(*due))});
  }
  return out;
}

std::vector<std::string> receiving_blockers(Workspace& ws, int year) {
  std::vector<std::string> out;
  const FixedClock unused_clock(Instant{});  // listing reads no time
  Receiving rec(ws, unused_clock);
  for (const auto& r : rec.list(year)) {
    for (const auto& c : rec.circulation(r.id))
      if (c.returned_at.empty())
        out.push_back(msg("filing.blocker.circulating", {{"number", r.registration()}, {"title", r.title}, {"person", c.person}}));
    if (r.secrecy != Secrecy::None && r.cleared_at.empty())
      out.push_back(msg("filing.blocker.not_cleared", {{"number", r.registration()}, {"title", r.title}, {"level", to_chinese(r.secrecy)},
                                                       {"copies", r.copy_numbers}, {"id", std::to_string(r.id)}}));
    std::error_code ec;
    const fs::path f = ws.root() / r.file_path;
    if (!fs::exists(f, ec)) out.push_back(msg("filing.blocker.file_missing", {{"number", r.registration()}, {"file", r.file_path}}));
    else if (sha256_hex(read_file(f)) != r.sha256)
      out.push_back(msg("filing.blocker.received_changed", {{"number", r.registration()}, {"file", r.file_path}}));
  }
  return out;
}

}  // namespace gongwen::archive
