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
const Template* find_template(const std::vector<Template>& all, std::string_view id);

// Replaces {{name}} by values[name]. A placeholder without a value is an error naming it.
Result<std::string> fill_placeholders(std::string_view pattern,
                                      const std::map<std::string, std::string>& values,
                                      const std::string& source_name);

}  // namespace gongwen
