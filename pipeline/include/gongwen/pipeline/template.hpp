#pragma once
// 文种 templates: data files in templates/ that say which fields a kind of document needs,
// its direction (上行/下行/平行), format, review class, 代字 suffix and boilerplate.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/diagnostics.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/model.hpp"

namespace gongwen {

struct TemplateField {
  std::string name;   // placeholder name: {{meeting_time}}
  std::string label;  // 会议时间
  bool required = false;
};

struct Template {
  std::string id;           // file stem: meeting-notice
  std::string kind;         // 文种: 通知
  std::string name;         // 会议通知
  std::string description;
  Direction direction = Direction::Downward;
  Format format = Format::Ordinary;
  std::string doc_class;    // 一类 / 二类 / 三类 / 普通
  std::string code;         // 代字 suffix: 发, 请, 报, 函, 纪
  bool seal = true;
  std::string title_pattern;          // optional, with {{field}}
  std::vector<std::string> required;  // draft keys that must be present
  std::vector<TemplateField> fields;
  std::string body_pattern;           // optional, with {{field}} and {{body}}
  // 主送机关: 公告, 通告, 公报, 决议, 命令（令）and 纪要 have none (`recipients = "none"`).
  bool no_recipients = false;
  // 题注 under the title, with {{field}} and {{date}} (the 成文日期 in Chinese): 决议, 公报.
  std::string title_note_pattern;
  // `signature = "signer"`: the 署名 is the 签发人's post and name (令, 议案), not the organ.
  bool signed_by_signer = false;
  std::string source;                 // the file it came from
};

// Every problem goes to `diags` (reading goes on after each but a TOML syntax error); the
// Template when none is an error. The Result forms fail with the first, carrying them all.
std::optional<Template> parse_template(std::string_view text, const std::string& source_name, Diagnostics& diags);
Result<Template> parse_template(std::string_view text, const std::string& source_name);
// Every *.toml in `dir` except profile/retention/fonts tables; sorted by id. Every file is
// read, so the problems of all of them are reported at once.
std::optional<std::vector<Template>> load_templates(const std::filesystem::path& dir, Diagnostics& diags);
Result<std::vector<Template>> load_templates(const std::filesystem::path& dir);
// A template by id or name (exact), or by 文种 when only one template has it; nullptr when
// none matches or the 文种 has several variants (templates_of_kind lists them: ask which).
const Template* find_template(const std::vector<Template>& all, std::string_view id);
std::vector<const Template*> templates_of_kind(const std::vector<Template>& all, std::string_view kind);

// A draft skeleton for `t`: every key the template asks for, each with a note, the 文种's
// rules as comments, and no placeholder text that would pass as content.
std::string draft_skeleton(const Template& t, const std::string& organ_id, const Date& today);

// Replaces {{name}} by values[name]. A placeholder without a value is an error naming it.
Result<std::string> fill_placeholders(std::string_view pattern,
                                      const std::map<std::string, std::string>& values,
                                      const std::string& source_name);

}  // namespace gongwen
