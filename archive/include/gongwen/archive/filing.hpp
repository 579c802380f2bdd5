#pragma once
// Year-end filing by DA/T 22-2015: every issued document of a year becomes a 件 with a
// 保管期限, 件号 and 档号, its archival copy and fixity in archive/<year>/, and the
// 归档文件目录. The deeper archive (归档章, PDF/A, BagIt, 四性检测) builds on this.
#include <string>
#include <vector>

#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::archive {

struct RetentionRule {
  std::string kind;                         // 文种, empty = any
  std::vector<std::string> title_contains;  // any of these words in the 标题, empty = any
  std::string retention;                    // 永久 / 定期30年 / 定期10年
};

struct RetentionTable {
  std::string fallback = "定期30年";
  std::vector<RetentionRule> rules;
  std::string retention_for(const std::string& kind, const std::string& title) const;
};

Result<RetentionTable> parse_retention_table(std::string_view text, const std::string& source);
// Y, D30, D10 (DA/T 22 codes).
std::string retention_code(const std::string& retention);

struct FilingResult {
  int year = 0;
  std::vector<FiledRecord> items;
  std::string catalogue_csv;  // relative to the workspace
};

// The year's issued documents whose numbers were not voided: the 件 to file.
std::vector<IssuedRecord> valid_issued(Registry& reg, int year);

// What stops a year from being filed: unissued drafts, number gaps, altered files.
std::vector<std::string> filing_blockers(Workspace& ws, int year);

// Files `year`; refuses with every blocker listed, or when the year is already filed. The
// package is built in a hidden folder and renamed into place, so an interruption leaves
// nothing half-built.
FilingResult file_year(Workspace& ws, int year, const Clock& clock, const std::string& user);

}  // namespace gongwen::archive
