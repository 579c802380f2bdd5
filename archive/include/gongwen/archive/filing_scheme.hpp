#pragma once
// The office's filing settings (templates/archive.toml in the workspace): the classification
// scheme (DA/T 22-2015 §6), the 档号 separators (DA/T 22 writes Z109-WS·2011-Y-BGS-0001,
// DA/T 13-2022 writes Z109-WS·2011·Y·BGS-0001) and how many 件 go into one box (装盒, §8).
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::archive {

// The levels below 年度, in order. 年度 is always the first level.
enum class ClassLevel { Unit, Retention };  // 机构(问题), 保管期限

struct Separators {
  std::string fonds = "-";     // 全宗号 ‹here› 门类
  std::string category = "·";  // 门类 ‹here› 年度
  std::string level = "-";     // 年度 ‹here› 保管期限 ‹here› 机构
  std::string item = "-";      // last class ‹here› 件号
};

struct FilingScheme {
  std::vector<ClassLevel> levels{ClassLevel::Unit, ClassLevel::Retention};  // 年度–机构–保管期限
  std::string category = "WS";  // 档案门类代码: 文书
  Separators separators;
  int box_items = 50;        // at most this many 件 per box …
  int box_pages = 400;       // … and at most this many pages (a 5 cm box holds about 400 sheets)

  bool has_unit() const;
  std::string name() const;  // 年度-机构-保管期限
  // 全宗号-门类·年度-期限代码-机构-件号: the code's level order stays the DA/T 22 one
  // (期限 before 机构) whatever the scheme; a scheme without 机构 leaves it out.
  std::string archive_code(const std::string& fonds, const std::string& year, const std::string& retention_code,
                           const std::string& unit, int item_no) const;
  // The code without the 件号: the lowest class, where 件号 and 盒号 run.
  std::string class_code(const std::string& fonds, const std::string& year, const std::string& retention_code,
                         const std::string& unit) const;
};

// Reads archive.toml. Errors name the file, line and key, and say what is allowed.
Result<FilingScheme> parse_filing_scheme(std::string_view text, const std::string& source);

std::string four_digits(int n);

}  // namespace gongwen::archive
