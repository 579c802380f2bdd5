#pragma once
// 借阅: lending filed 件 by 档号. Who, unit, purpose, due date (default +7 days), returned
// on, returned intact; secret items need a named leader's approval. Every action is logged
// in the audit chain; only the 档案员 records loans.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::archive {

enum class Condition { Intact, Damaged };

// LoanRecord is a row of the LoanBook (records.hpp).

struct LoanRequest {
  std::string archive_code, borrower, unit, purpose;
  int days = 7;
  std::string approved_by;
};

class Lending {
 public:
  Lending(Workspace& ws, const Clock& clock);
  LoanRecord borrow(const LoanRequest& req, const std::string& user);
  LoanRecord give_back(std::int64_t loan_id, Condition condition, const std::string& note,
                       const std::string& user);
  std::vector<LoanRecord> loans(bool open_only = false);
  std::vector<LoanRecord> overdue();

 private:
  const User& archivist(const std::string& id, const std::string& action);
  std::optional<LoanRecord> get(std::int64_t id);
  Workspace& m_ws;
  const Clock& m_clock;
};

}  // namespace gongwen::archive
