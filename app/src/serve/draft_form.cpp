#include "serve/draft_form.hpp"

#include <regex>
#include <set>
#include <sstream>

#include "gongwen/pipeline/diagnostics.hpp"

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

// A problem of the form itself; it has no place in a file, only its field.
Diagnostic& problem(Diagnostics& diags, const std::string& code, const std::string& field, MessageArgs args = {}) {
  return diags.add(Code::BadInput, code, SourcePos{}, field, args);
}

std::string text_of(const nlohmann::json& form, const std::string& key, Diagnostics& diags) {
  if (!form.contains(key) || form[key].is_null()) return {};
  if (!form[key].is_string()) {
    problem(diags, "form.not_text", key, {{"key", key}});
    return {};
  }
  return form[key].get<std::string>();
}

}  // namespace

std::string draft_toml(const nlohmann::json& form, const std::string& drafter, Diagnostics& diags) {
  for (const auto& [k, v] : form.items())
    if (!kKnown.count(k)) problem(diags, "form.unknown_field", k, {{"key", k}});
  std::ostringstream t;
  t << "# 网页拟稿\n";
  t << "template = " << toml_string(text_of(form, "template", diags)) << "\n";
  if (form.contains("organ") && form["organ"].is_array()) {
    std::vector<std::string> ids;
    for (const auto& o : form["organ"]) {
      if (o.is_string()) ids.push_back(o.get<std::string>());
      else problem(diags, "form.organ_list", "organ");
    }
    t << "organ = [";
    for (std::size_t i = 0; i < ids.size(); ++i) t << (i ? ", " : "") << toml_string(ids[i]);
    t << "]\n";
  } else {
    t << "organ = " << toml_string(text_of(form, "organ", diags)) << "\n";
  }
  for (const char* key : {"title", "to", "secrecy", "secrecy_term", "urgency", "copies_to", "note"}) {
    const std::string v = text_of(form, key, diags);
    if (!v.empty() || std::string(key) == "title") t << key << " = " << toml_string(v) << "\n";
  }
  // A date the form could not send is reported here and left out of the TOML (the draft
  // reader does not report it missing again: diags mention "date").
  const std::string date = text_of(form, "date", diags);
  static const std::regex date_re(R"(^\d{4}-\d{2}-\d{2}$)");
  if (std::regex_match(date, date_re)) t << "date = " << date << "\n";
  else if (!diags.mentions("date")) problem(diags, "form.date", "date").hint("form.date.hint");
  t << "drafter = " << toml_string(drafter) << "\n";
  if (form.contains("copies") && !form["copies"].is_null()) {
    int copies = 0;
    if (form["copies"].is_number_integer()) copies = form["copies"].get<int>();
    else if (form["copies"].is_string() && !form["copies"].get<std::string>().empty())
      copies = std::atoi(form["copies"].get<std::string>().c_str());
    if (copies > 0) t << "copies = " << copies << "\n";
  }
  t << "body = " << toml_string(text_of(form, "body", diags)) << "\n";
  if (form.contains("fields") && form["fields"].is_object() && !form["fields"].empty()) {
    t << "\n[fields]\n";
    static const std::regex key_re("^[a-z][a-z0-9_]{0,40}$");
    for (const auto& [k, v] : form["fields"].items()) {
      if (!std::regex_match(k, key_re) || !v.is_string()) {
        problem(diags, "form.bad_field", k, {{"key", k}});
        continue;
      }
      if (!v.get<std::string>().empty()) t << k << " = " << toml_string(v.get<std::string>()) << "\n";
    }
  }
  return t.str();
}

}  // namespace gongwen::app::serve
