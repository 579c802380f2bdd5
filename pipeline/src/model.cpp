#include "gongwen/pipeline/model.hpp"

namespace gongwen {

const char* to_chinese(Urgency u) {
  switch (u) {
    case Urgency::None: return "";
    case Urgency::Urgent: return "加急";
    case Urgency::VeryUrgent: return "特急";
  }
  return "";
}

const char* to_chinese(Direction d) {
  switch (d) {
    case Direction::Downward: return "下行文";
    case Direction::Upward: return "上行文";
    case Direction::Parallel: return "平行文";
  }
  return "";
}

const char* to_chinese(Format f) {
  switch (f) {
    case Format::Ordinary: return "文件格式";
    case Format::Letter: return "信函格式";
    case Format::Order: return "命令格式";
    case Format::Minutes: return "纪要格式";
  }
  return "";
}

std::string Document::plain_text() const {
  std::string out;
  auto line = [&out](const std::string& s) {
    if (s.empty()) return;
    out += s;
    out += '\n';
  };
  line(number);
  line(title);
  if (!main_recipients.empty()) line(main_recipients + "：");
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "、") + x;
    return s;
  };
  if (!present.empty()) line("出席：" + join(present));
  if (!absent.empty()) line("请假：" + join(absent));
  if (!attending.empty()) line("列席：" + join(attending));
  for (const auto& b : body) line(b.text);
  for (std::size_t i = 0; i < attachment_notes.size(); ++i)
    line((i == 0 ? "附件：" : "") + std::to_string(i + 1) + "." + attachment_notes[i]);
  line(signature);
  if (date.valid()) line(date.chinese());
  if (!note.empty()) line("（" + note + "）");
  for (const auto& a : attachments) {
    line(a.title);
    for (const auto& b : a.body) line(b.text);
  }
  if (!copies_to.empty()) line("抄送：" + copies_to + "。");
  return out;
}

}  // namespace gongwen
