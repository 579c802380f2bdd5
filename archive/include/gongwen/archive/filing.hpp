#pragma once
// Year-end filing by DA/T 22-2015: every issued document of a year becomes a 件 with a
// 保管期限, 件号 and 档号, its archival copy and fixity in archive/<year>/, and the
// 归档文件目录. The deeper archive (归档章, PDF/A, BagIt, 四性检测) builds on this.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "gongwen/archive/filing_scheme.hpp"
#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::archive {

struct RetentionRule {
  std::string kind;                         // 文种, empty = any
  std::vector<std::string> title_contains;  // any of these words in the 标题, empty = any
  std::string origin;                       // 发文 / 收文, empty = any
  std::vector<std::string> from_contains;   // any of these words in the sender (收文), empty = any
  std::string retention;                    // 永久 / 定期30年 / 定期10年
};

struct RetentionTable {
  std::string fallback = "定期30年";
  std::vector<RetentionRule> rules;
  std::string retention_for(const std::string& kind, const std::string& title,
                            const std::string& origin = "发文", const std::string& from = "") const;
};

Result<RetentionTable> parse_retention_table(std::string_view text, const std::string& source);
// Y, D30, D10 (DA/T 22 codes).
std::string retention_code(const std::string& retention);

struct FilingResult {
  int year = 0;
  std::vector<FiledRecord> items;
  std::string catalogue_csv;  // relative to the workspace
  std::string bag_dir;        // archive/<year>, a BagIt bag
  int stamps_outside_blank = 0;  // 归档章 placed near the top because the centre was taken
  int boxes = 0;                 // 盒 (DA/T 22 §8)
};

// The workspace's templates/archive.toml (defaults when absent); throws BadInput naming the
// line when it does not parse.
FilingScheme load_filing_scheme(const Workspace& ws);

// One 件 the plan proposes: an issued document (its 发文稿纸 history goes with it) or a
// received one, with the proposed 保管期限 and whether the archivist overrode it.
struct PlanItem {
  std::string origin;      // 发文 / 收文
  std::string number;      // 文号, or the 收文号 when the sender gave none
  std::string title, kind, author;
  Date date;               // 成文日期
  std::string secrecy, unit;
  std::string retention;
  bool overridden = false;
};

// Archivist's decisions from an edited plan file: 文号 → 保管期限.
using RetentionOverrides = std::map<std::string, std::string>;

struct FilingOptions {
  RetentionOverrides overrides;
  // Called after each 件 is staged (done, total): the CLI shows progress.
  std::function<void(int, int)> progress;
};

// Everything of `year` that would be filed, in filing order.
std::vector<PlanItem> filing_plan(Workspace& ws, int year, const RetentionOverrides& overrides = {});
// The plan as CSV (文号,来源,题名,日期,保管期限,…); the archivist edits the 保管期限 column and
// hands it back; parse_plan_overrides reads it (errors name the line).
std::string plan_csv(const std::vector<PlanItem>& plan);
Result<RetentionOverrides> parse_plan_overrides(std::string_view csv, const std::string& source);

// The year's issued documents whose numbers were not voided: the 件 to file.
std::vector<IssuedRecord> valid_issued(Registry& reg, int year);

// What stops a year from being filed: unissued drafts, number gaps, altered files, received
// documents still in circulation, secret copies not returned.
std::vector<std::string> filing_blockers(Workspace& ws, int year);

// Files `year`; refuses with every blocker listed, or when the year is already filed
// (locked). The bag is built in a hidden folder and renamed into place inside the registry
// transaction; a run that was interrupted leaves only that hidden folder (or a renamed bag
// not yet registered, recognised by its bag-info.txt), and running again finishes the job.
FilingResult file_year(Workspace& ws, int year, const Clock& clock, const std::string& user,
                       const FilingOptions& options = {});

// Refuses with Code::Conflict when `year` is filed: the lock every later change checks.
void require_open_year(Workspace& ws, int year, const std::string& what);

// 四性检测 (DA/T 70-2018) of a filed year. Each failure names its aspect and the file.
struct VerifyFinding {
  std::string aspect;   // 真实性 / 完整性 / 可用性 / 安全性
  std::string file;     // relative to the bag (or the 档号 / 文号 concerned)
  std::string problem;  // changed / deleted / not listed / …, in the catalogue's words
  std::string code;     // the problem's catalogue code ("archive.check.changed"): stable, for tools and tests
};

struct VerifyReport {
  int year = 0;
  int items = 0;          // 件 checked
  int files = 0;          // files hashed
  std::vector<VerifyFinding> failures;
  std::vector<std::string> notes;  // not failures: e.g. an original issued without signature
  // Recorded corrections (versions 2, 3, … of a 件), one line each: 档号 vN, when, who, what, why.
  std::vector<std::string> versions;
  bool ok() const { return failures.empty(); }
};

// Never throws for a damaged package (every problem becomes a finding); throws NotFound
// when the year was never filed.
VerifyReport verify_year(Workspace& ws, int year);

// Days until the filing deadline of `year` (negative: overdue).
int days_to_deadline(const Workspace& ws, int year, const Date& today);

}  // namespace gongwen::archive
