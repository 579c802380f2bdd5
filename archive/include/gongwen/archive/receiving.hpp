#pragma once
// 收文 (文件收发传阅制度): incoming documents are registered (who sent them, their 文号, date,
// 密级, copies and copy numbers, who signed for them), get a 文件处理签 PDF for 拟办/批示,
// circulate person by person (sent, read, returned), and secret copies are returned (清退)
// before their year can be filed. Received documents are filed with the year's archive.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::archive {

struct ReceivedRecord {
  std::int64_t id = 0;
  int year = 0;              // of the document's date
  int serial = 0;            // 收文号 inside the year
  std::string sender, their_number, title, kind, date, secrecy;  // date: ISO
  int copies = 1;
  std::string copy_numbers;  // e.g. "003-004" for secret copies
  std::string signed_by;     // who signed for it (签收人)
  std::string registered_by; // user id
  std::string file_path, sha256, format;  // stored file, relative to the workspace
  std::string slip_path;     // 文件处理签 PDF
  std::string proposal, instruction;  // 拟办, 批示
  std::string text;          // extracted text (search)
  std::string received_at;
  std::string cleared_at, cleared_by;  // 清退 (secret copies only)
  std::string registration() const;    // 收〔2025〕3号
};

struct ReceiveInput {
  std::filesystem::path file;
  std::string sender, their_number, title, kind, date, secrecy;
  int copies = 1;
  std::string copy_numbers, signed_by;
  std::string text;  // extracted by the caller (search/extract.hpp)
};

struct CirculationRecord {
  std::int64_t received_id = 0;
  std::string person, sent_at, due, read_at, returned_at;
};

struct OverdueItem {
  ReceivedRecord doc;
  std::string person, what;  // what = 传阅未退回 / 涉密未清退
  int days_late = 0;
};

class Receiving {
 public:
  Receiving(Workspace& ws, const Clock& clock);
  ReceivedRecord receive(const ReceiveInput& in, const std::string& user);
  ReceivedRecord set_handling(std::int64_t id, const std::string& proposal,
                              const std::string& instruction, const std::string& user);
  void circulate(std::int64_t id, const std::string& person, int days, const std::string& user);
  void mark_read(std::int64_t id, const std::string& person, const std::string& user);
  void mark_returned(std::int64_t id, const std::string& person, const std::string& user);
  ReceivedRecord clear_secret(std::int64_t id, const std::string& user);  // 清退
  std::vector<ReceivedRecord> list(std::optional<int> year = std::nullopt);
  std::optional<ReceivedRecord> get(std::int64_t id);
  std::vector<CirculationRecord> circulation(std::int64_t id);
  std::vector<OverdueItem> overdue();

 private:
  const User& actor(const std::string& id, const std::string& action);
  Workspace& m_ws;
  const Clock& m_clock;
};

// Unreturned secret copies and circulation still out, for the filing blockers.
std::vector<std::string> receiving_blockers(Workspace& ws, int year);
// Creates the receiving tables if needed (idempotent).
void ensure_receiving_tables(Workspace& ws);

}  // namespace gongwen::archive
