#include "serve/draft_form.hpp"

#include <regex>
#include <set>
#include <sstream>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::app::serve {

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;  // browsers send CRLF in textareas
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

namespace {

const std::set<std::string> kKnown = {"template", "organ",     "title", "to",   "date",  "secrecy",
                                      "secrecy_term", "urgency", "copies", "copies_to", "note",
                                      "body", "fields"};

std::string text_of(const nlohmann::json& form, const std::string& key) {
  if (!form.contains(key) || form[key].is_null()) return {};
  if (!form[key].is_string()) {
    Error e = make_error(Code::BadInput, "'" + key + "' must be text");
    e.field = key;
    throw Failure(e);
  }
  return form[key].get<std::string>();
}

}  // namespace

std::string draft_toml(const nlohmann::json& form, const std::string& drafter) {
  for (const auto& [k, v] : form.items())
    if (!kKnown.count(k)) fail(Code::BadInput, "unknown field '" + k + "' in the draft form");
  std::ostringstream t;
  t << "# 网页拟稿\n";
  t << "template = " << toml_string(text_of(form, "template")) << "\n";
  if (form.contains("organ") && form["organ"].is_array()) {
    t << "organ = [";
    bool first = true;
    for (const auto& o : form["organ"]) {
      if (!o.is_string()) fail(Code::BadInput, "'organ' must list organ ids");
      t << (first ? "" : ", ") << toml_string(o.get<std::string>());
      first = false;
    }
    t << "]\n";
  } else {
    t << "organ = " << toml_string(text_of(form, "organ")) << "\n";
  }
  for (const char* key : {"title", "to", "secrecy", "secrecy_term", "urgency", "copies_to", "note"}) {
    const std::string v = text_of(form, key);
    if (!v.empty() || std::string(key) == "title") t << key << " = " << toml_string(v) << "\n";
  }
  const std::string date = text_of(form, "date");
  static const std::regex date_re(R"(^\d{4}-\d{2}-\d{2}$)");
  if (!std::regex_match(date, date_re)) {
    Error e = make_error(Code::BadInput, "成文日期应写作 2026-11-20", {"choose the date in the form"});
    e.field = "date";
    throw Failure(e);
  }
  t << "date = " << date << "\n";
  t << "drafter = " << toml_string(drafter) << "\n";
  if (form.contains("copies") && !form["copies"].is_null()) {
    int copies = 0;
    if (form["copies"].is_number_integer()) copies = form["copies"].get<int>();
    else if (form["copies"].is_string() && !form["copies"].get<std::string>().empty())
      copies = std::atoi(form["copies"].get<std::string>().c_str());
    if (copies > 0) t << "copies = " << copies << "\n";
  }
  t << "body = " << toml_string(text_of(form, "body")) << "\n";
  if (form.contains("fields") && form["fields"].is_object() && !form["fields"].empty()) {
    t << "\n[fields]\n";
    static const std::regex key_re("^[a-z][a-z0-9_]{0,40}$");
    for (const auto& [k, v] : form["fields"].items()) {
      if (!std::regex_match(k, key_re) || !v.is_string()) fail(Code::BadInput, "bad template field '" + k + "'");
      if (!v.get<std::string>().empty()) t << k << " = " << toml_string(v.get<std::string>()) << "\n";
    }
  }
  return t.str();
}

}  // namespace gongwen::app::serve
