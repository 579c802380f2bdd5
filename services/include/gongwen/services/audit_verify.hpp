#pragma once
// The audit log's whole check, one for every caller (`gongwen audit verify`, the 四性检测 of a
// filed year, the demo's summary): archive::check_audit (chain, MACs, head, signed
// checkpoints, sealed register rows; issue 13 #3) and the entries' time order (issue 13 #7),
// which fails a workspace that may not run on a fixed clock and is a note in a demo or test one.
#include <cstdint>
#include <string>
#include <vector>

#include "gongwen/archive/audit_check.hpp"
#include "gongwen/archive/workspace.hpp"

namespace gongwen::services {

struct AuditVerdict {
  archive::AuditReport report;
  std::vector<std::int64_t> out_of_order;  // entries dated before the ones ahead of them (seq)
  std::string order_text;                  // names them (empty when none); see order_is_failure
  bool order_is_failure = false;           // false in a demo or test workspace (a fixed clock)
  bool ok() const { return report.ok() && !order_is_failure; }
  // Every failure, in the user's language: the report's problems, then the time order.
  std::vector<std::string> problems() const;
};

AuditVerdict verify_audit(archive::Workspace& ws);
// The time order alone (for a caller that ran check_audit already, as archive::verify_year does).
AuditVerdict audit_time_order(archive::Workspace& ws);

}  // namespace gongwen::services
