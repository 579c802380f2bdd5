// The draft skeleton `gongwen draft new` writes: every key the template asks for, each with a
// note saying what goes there. Empty values, never sample words: a skeleton handed in unchanged
// must fail `draft check` on what is missing, not pass with "关于……的通知" as its title.
#include <algorithm>
#include <sstream>

#include "gongwen/pipeline/template.hpp"

namespace gongwen {

namespace {

bool requires_key(const Template& t, const std::string& key) {
  return std::find(t.required.begin(), t.required.end(), key) != t.required.end();
}

}  // namespace

std::string draft_skeleton(const Template& t, const std::string& organ_id, const Date& today) {
  std::ostringstream s;
  s << "# " << t.name << "（" << t.kind << "，" << to_chinese(t.direction) << "，" << to_chinese(t.format)
    << "）：" << t.description << "\n";
  if (t.direction == Direction::Upward) s << "# 上行文：标注签发人（默认为发文机关的签发人，可用 signers = [\"…\"] 改写）\n";
  if (t.no_recipients) s << "# " << t.kind << "不写主送机关\n";
  if (!t.title_note_pattern.empty()) s << "# 标题下注明成文日期（题注），文末不再署名和写成文日期\n";
  s << "template = \"" << t.id << "\"\n"
    << "organ = \"" << organ_id << "\"\n";
  if (t.title_pattern.empty()) s << "title = \"\"               # 标题，如“关于……的" << t.kind << "”\n";
  if (!t.no_recipients && t.format != Format::Minutes) s << "to = \"\"                  # 主送机关（不加冒号）\n";
  s << "date = " << today.iso() << "         # 成文日期\n"
    << "drafter = \"\"             # 拟稿人的用户名（gongwen.toml 的 [[users]] id）\n";
  if (requires_key(t, "note")) s << "note = \"\"                # 附注（不加括号），如“联系人：王芳，电话：0871-6512345”\n";
  if (requires_key(t, "copies_to")) s << "copies_to = \"\"           # 抄送机关（不加“抄送：”和句号）\n";
  if (t.format == Format::Minutes || requires_key(t, "present"))
    s << "present = []             # 出席\nabsent = []              # 请假\nattending = []           # 列席\n";
  s << "body = \"\"\"\n\n\"\"\"\n";
  if (!t.fields.empty()) {
    s << "\n[fields]\n";
    for (const auto& f : t.fields)
      s << f.name << " = \"\"   # " << f.label << (f.required ? "（必填）" : "") << "\n";
  }
  return s.str();
}

}  // namespace gongwen
