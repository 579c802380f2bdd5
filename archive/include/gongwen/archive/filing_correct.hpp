#pragma once
// Corrections after the lock: "a correction is a new recorded version with a reason". The
// filed original (its archival copy, metadata and catalogue row) is never touched; the
// correction is version 2, 3, … of the 件 with its own files under
// data/corrections/<档号>/v<N>/ (a DA/T 48 修改型 package: reason, who, when, what changed, the
// new file if any), a row in the registry table `filed_versions` and the audit log, and the
// year's 更正记录.csv. The BagIt manifests are rewritten in a hard-linked copy of the bag
// that replaces the live bag in one atomic exchange inside the registry transaction.
#include <string>
#include <utility>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::archive {

struct CorrectionRequest {
  int year = 0;
  std::string item;                                         // 档号
  std::string file;                                         // a new file (PDF, DOCX, OFD), or empty
  std::vector<std::pair<std::string, std::string>> fields;  // 题名 = …; see kCorrectableFields
  std::string reason;                                       // required
};

// Metadata a correction may change. 保管期限 and 机构 are part of the 档号 and are not.
inline const std::vector<std::string> kCorrectableFields{"题名", "文件编号", "责任者", "日期", "密级"};

// CorrectionRecord is a row of the FilingBook (records.hpp).

// The 档案员 only; refuses an unfiled year, an unknown 档号, an empty reason, no change, an
// unknown field or a bad value, a file that is not PDF/DOCX/OFD. Bad input changes nothing.
CorrectionRecord correct_filed_item(Workspace& ws, const CorrectionRequest& request, const Clock& clock,
                                    const std::string& user);

// Every recorded correction of `year`, by 档号 then version.
std::vector<CorrectionRecord> filed_versions(Workspace& ws, int year);

// "题名=新题名" → {"题名", "新题名"}; throws BadInput naming the argument.
std::pair<std::string, std::string> parse_field_assignment(const std::string& text);

}  // namespace gongwen::archive
