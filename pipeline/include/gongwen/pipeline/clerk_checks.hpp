#pragma once
// A clerk's checks (格式诊断) of a draft's text, before anything is written: half-width
// punctuation between Han characters, straight quotes, 文号 and dates written wrongly,
// placeholder text, a 附件说明 typed into the 正文, a 请示 asking several things, a 主送
// ending in the wrong mark, a title without 关于/的/文种, headings out of order. Each finding
// is a Diagnostic with its line, column and, where the correction is certain, a Fix that
// `gongwen draft fix` applies (docs/drafts.md, "A clerk's checks").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/diagnostics.hpp"

namespace gongwen {

struct Template;

// Adds the findings for the draft `text` (TOML, read from `source`) drafted from `tpl` (may be
// null: only the template-free checks run). Placeholder text is an error; the rest warnings.
void clerk_checks(std::string_view text, const std::string& source, const Template* tpl, Diagnostics& diags);

// `text` with every fix of `diags` applied (fixes of other files, or overlapping an earlier
// one, are left out). `applied` gets the diagnostics whose fix was applied, in file order.
std::string apply_fixes(std::string_view text, const std::string& source, const std::vector<Diagnostic>& diags,
                        std::vector<Diagnostic>& applied);

// A date written in Chinese numerals (二〇二六年十一月二日) as a Date, or nothing.
std::optional<Date> parse_chinese_numeral_date(std::string_view text);

}  // namespace gongwen
