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

// ReceivedRecord and CirculationRecord are rows of the ReceivedBook (records.hpp).

struct ReceiveInput {
  std::filesystem::path file;
  std::string sender, their_number, title, kind, date, secrecy;
  int copies = 1;
  std::string copy_numbers, signed_by;
  std::string text;  // extracted by the caller (search/extract.hpp)
  ReceivedSealCheck seal_check;  // an OFD's electronic seals, checked by the caller (verify_ofd)
  // A scan recognised by the caller (search/ocr.hpp): "ocr:87", the working copy's bytes (a PDF
  // with the text layer; stored beside the original), the corrected fields (records.hpp).
  std::string ocr_source, ocr_pdf, ocr_corrections;
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
  void refresh_slip(const ReceivedRecord& r);
  Workspace& m_ws;
  const Clock& m_clock;
};

// Unreturned secret copies and circulation still out, for the filing blockers.
std::vector<std::string> receiving_blockers(Workspace& ws, int year);
// Kept for callers written before the schema had versions: the registry creates every table
// when it opens (docs/registers.md), so this does nothing.
void ensure_receiving_tables(Workspace& ws);

}  // namespace gongwen::archive
