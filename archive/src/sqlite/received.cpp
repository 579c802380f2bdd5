// 收文登记 and 传阅 (tables received, circulation).
#include "sqlite/books.hpp"
#include "sqlite/time_columns.hpp"

namespace gongwen::archive::sqlite {

namespace {

constexpr const char* kCols =
    "id, year, serial, sender, their_number, title, kind, date, secrecy, copies, copy_numbers, "
    "signed_by, registered_by, file_path, sha256, format, slip_path, proposal, instruction, text, "
    "received_at, cleared_at, cleared_by, seal_check, seal_detail, ocr_source, ocr_copy_path, ocr_corrections";

// A received OFD's seal check in received.seal_detail: one line per seal
// "seal<TAB>valid|invalid<TAB>name<TAB>signer<TAB>maker<TAB>time<TAB>problem", then one line
// per problem of the package "problem<TAB>text". Tabs and line breaks inside a value (a
// certificate's name comes from outside) become spaces.
std::string field(const std::string& v) {
  std::string out = v;
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string seal_detail(const ReceivedSealCheck& c) {
  std::string out;
  for (const auto& s : c.seals)
    out += "seal\t" + std::string(s.valid ? "valid" : "invalid") + '\t' + field(s.seal_name) + '\t' +
           field(s.signer) + '\t' + field(s.maker) + '\t' + field(s.signed_at) + '\t' + field(s.problem) + '\n';
  for (const auto& p : c.problems) out += "problem\t" + field(p) + '\n';
  return out;
}

ReceivedSealCheck seal_check_of(const std::string& result, const std::string& detail) {
  ReceivedSealCheck c;
  c.result = result;
  std::size_t at = 0;
  while (at < detail.size()) {
    std::size_t end = detail.find('\n', at);
    if (end == std::string::npos) end = detail.size();
    std::vector<std::string> cols;
    for (std::size_t from = at;;) {
      const std::size_t tab = detail.find('\t', from);
      if (tab == std::string::npos || tab > end) {
        cols.push_back(detail.substr(from, end - from));
        break;
      }
      cols.push_back(detail.substr(from, tab - from));
      from = tab + 1;
    }
    if (cols[0] == "seal" && cols.size() == 7)
      c.seals.push_back({cols[1] == "valid", cols[2], cols[3], cols[4], cols[5], cols[6]});
    else if (cols[0] == "problem" && cols.size() == 2)
      c.problems.push_back(cols[1]);
    at = end + 1;
  }
  return c;
}

ReceivedRecord received_row(sql::Stmt& s) {
  ReceivedRecord r;
  r.id = s.integer(0);
  r.year = static_cast<int>(s.integer(1));
  r.serial = static_cast<int>(s.integer(2));
  r.sender = s.text(3);
  r.their_number = s.text(4);
  r.title = s.text(5);
  r.kind = s.text(6);
  r.date = day_column(s, 7, "received", "date");
  r.secrecy = secrecy_or_strictest(s.text(8));  // legacy 无/非密 → None; unreadable → 绝密
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
  r.seal_check = seal_check_of(s.text(23), s.text(24));  // NULL (not an OFD, or before schema 5): ""
  r.ocr_source = s.text(25);  // NULL (not a scan, or before schema 8): ""
  r.ocr_copy_path = s.text(26);
  r.ocr_corrections = s.text(27);
  return r;
}

constexpr const char* kCirculationCols = "received_id, person, sent_at, due, read_at, returned_at";

CirculationRecord circulation_row(sql::Stmt& q) {
  return CirculationRecord{q.integer(0), q.text(1), q.text(2), optional_day_column(q, 3, "circulation", "due"),
                           q.text(4), q.text(5)};
}

std::optional<ReceivedRecord> one(sql::Stmt& q) {
  if (!q.step()) return std::nullopt;
  return received_row(q);
}

}  // namespace

int Received::next_received_serial(int year) {
  sql::Stmt q(m_db, "SELECT COALESCE(MAX(serial), 0) FROM received WHERE year = ?");
  q.bind(1, year);
  q.step();
  return static_cast<int>(q.integer(0)) + 1;
}

std::int64_t Received::add_received(const ReceivedRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO received (year, serial, sender, their_number, title, kind, date, secrecy, "
              "copies, copy_numbers, signed_by, registered_by, file_path, sha256, format, slip_path, "
              "proposal, instruction, text, received_at, cleared_at, cleared_by, seal_check, seal_detail, "
              "ocr_source, ocr_copy_path, ocr_corrections) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.year).bind(2, r.serial).bind(3, r.sender).bind(4, r.their_number).bind(5, r.title)
      .bind(6, r.kind).bind(7, day_text(r.date)).bind(8, to_chinese(r.secrecy)).bind(9, r.copies).bind(10, r.copy_numbers)
      .bind(11, r.signed_by).bind(12, r.registered_by).bind(13, r.file_path).bind(14, r.sha256)
      .bind(15, r.format).bind(16, r.slip_path).bind(17, r.proposal).bind(18, r.instruction).bind(19, r.text)
      .bind(20, r.received_at).bind(21, r.cleared_at).bind(22, r.cleared_by);
  // Not checked (not an OFD): NULL, as in the rows written before the columns existed.
  if (r.seal_check.result.empty()) s.bind_null(23).bind_null(24);
  else s.bind(23, r.seal_check.result).bind(24, seal_detail(r.seal_check));
  // Not a scan: NULL likewise (the audit seal leaves NULL columns out, sealed_rows.cpp).
  if (r.ocr_source.empty()) s.bind_null(25).bind_null(26).bind_null(27);
  else s.bind(25, r.ocr_source).bind(26, r.ocr_copy_path).bind(27, r.ocr_corrections);
  s.run();
  return m_db.last_rowid();
}

std::optional<ReceivedRecord> Received::received(std::int64_t id) {
  sql::Stmt q(m_db, (std::string("SELECT ") + kCols + " FROM received WHERE id = ?").c_str());
  q.bind(1, id);
  return one(q);
}

std::optional<ReceivedRecord> Received::received_by_serial(int year, int serial) {
  sql::Stmt q(m_db, (std::string("SELECT ") + kCols + " FROM received WHERE year = ? AND serial = ?").c_str());
  q.bind(1, year).bind(2, serial);
  return one(q);
}

std::vector<ReceivedRecord> Received::received_list(std::optional<int> year) {
  std::string sql = std::string("SELECT ") + kCols + " FROM received";
  if (year) sql += " WHERE year = ?";
  sql += " ORDER BY date, serial";
  sql::Stmt q(m_db, sql.c_str());
  if (year) q.bind(1, *year);
  std::vector<ReceivedRecord> out;
  while (q.step()) out.push_back(received_row(q));
  return out;
}

void Received::set_received_handling(std::int64_t id, const std::string& proposal, const std::string& instruction) {
  sql::Stmt s(m_db, "UPDATE received SET proposal = ?, instruction = ? WHERE id = ?");
  s.bind(1, proposal).bind(2, instruction).bind(3, id).run();
}

void Received::set_received_cleared(std::int64_t id, const std::string& at, const std::string& by) {
  sql::Stmt s(m_db, "UPDATE received SET cleared_at = ?, cleared_by = ? WHERE id = ?");
  s.bind(1, at).bind(2, by).bind(3, id).run();
}

void Received::add_circulation(const CirculationRecord& c) {
  sql::Stmt q(m_db,
              "INSERT INTO circulation (received_id, person, sent_at, due, read_at, returned_at) VALUES (?,?,?,?,?,?)");
  q.bind(1, c.received_id).bind(2, c.person).bind(3, c.sent_at).bind(4, day_text(c.due)).bind(5, c.read_at);
  q.bind(6, c.returned_at).run();
}

std::vector<CirculationRecord> Received::circulation(std::int64_t received_id) {
  sql::Stmt q(m_db, (std::string("SELECT ") + kCirculationCols +
                     " FROM circulation WHERE received_id = ? ORDER BY sent_at, person").c_str());
  q.bind(1, received_id);
  std::vector<CirculationRecord> out;
  while (q.step()) out.push_back(circulation_row(q));
  return out;
}

std::vector<CirculationRecord> Received::open_circulation() {
  sql::Stmt q(m_db, (std::string("SELECT ") + kCirculationCols +
                     " FROM circulation WHERE returned_at = '' ORDER BY due, received_id").c_str());
  std::vector<CirculationRecord> out;
  while (q.step()) out.push_back(circulation_row(q));
  return out;
}

bool Received::mark_circulation(std::int64_t received_id, const std::string& person, Mark mark,
                                const std::string& at) {
  sql::Stmt s(m_db, mark == Mark::Read
                        ? "UPDATE circulation SET read_at = ? WHERE received_id = ? AND person = ? AND returned_at = ''"
                        : "UPDATE circulation SET returned_at = ? WHERE received_id = ? AND person = ? AND returned_at = ''");
  s.bind(1, at).bind(2, received_id).bind(3, person).run();
  return m_db.changes() > 0;
}

}  // namespace gongwen::archive::sqlite
