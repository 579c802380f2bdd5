#pragma once
// Who may see what (密级 against 知悉范围), once for every front end, and the registers' read
// side filtered by it: the filing plan and its blockers, 四性检测 findings, the audit log. A
// reader not cleared for a secret item learns that it exists (a count, like `hidden`), never
// its title, 份号 or file. Issue 13 #1: before this, the blockers, the 四性检测 report and the
// CLI listings named secret items to anyone.
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"

namespace gongwen::services {

// Cleared for `secrecy`, or named in the item's 知悉范围 (`distribution`: the drafter and
// signer of an outgoing document, …). Records hold a typed Secrecy; a name read from outside
// the books (a plan line, a search hit) is parsed with secrecy_or_strictest first.
bool may_see(const User& reader, Secrecy secrecy, const std::vector<std::string>& distribution = {});

// What may be said of a list: the lines this reader may read, and how many were left out.
struct Visible {
  std::vector<std::string> lines;
  int hidden = 0;
};

// What stops `year` from being filed, without the blockers about items the reader may not see.
Visible filing_blockers_for(archive::Workspace& ws, int year, const User& reader);

struct VisiblePlan {
  std::vector<archive::PlanItem> items;
  int hidden = 0;
};
VisiblePlan filing_plan_for(archive::Workspace& ws, int year, const User& reader,
                            const archive::RetentionOverrides& overrides = {});

// 四性检测 of a filed year, its 安全性 including the whole audit check (archive::check_audit
// and the entries' time order, services/audit_verify.hpp); findings and notes that name an
// item the reader may not see are counted in `hidden` instead of listed.
struct VisibleVerify {
  archive::VerifyReport report;
  int hidden = 0;
};
VisibleVerify verify_year_for(archive::Workspace& ws, int year, const User& reader);

// A draft's title as this reader may see it: the title, or "（秘密件，标题不显示）".
std::string title_for(const archive::DraftRecord& d, const User& reader);

// The audit log with the titles of drafts and 收文 the reader may not see replaced.
std::vector<archive::AuditEntry> audit_log_for(archive::Workspace& ws, const User& reader);

// The reader of a listing that names no one: sees no secret item.
User uncleared_reader();

}  // namespace gongwen::services
