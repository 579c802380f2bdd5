// Stored audit actions and details shown through the catalogue (audit_words.hpp).
#include "gongwen/services/audit_words.hpp"

#include <algorithm>
#include <regex>
#include <vector>

namespace gongwen::services {

namespace {

// The stored forms of details, most particular first (a form that is the tail of another,
// "{text} sha256 {sha}", comes after the longer ones).
constexpr std::string_view kDetails[] = {
    "audit.detail.key_role",         "audit.detail.unknown_user_for", "audit.detail.role_missing",  "audit.detail.not_cleared",
    "audit.detail.review_order",     "audit.detail.not_signer",    "audit.detail.unsigned",
    "audit.detail.changed",          "audit.detail.seal_unapproved", "audit.detail.void_filed",
    "audit.detail.void_issued",      "audit.detail.passwd_forbidden", "audit.detail.password_set",
    "audit.detail.login_no_password", "audit.detail.login_wrong",   "audit.detail.login_until",
    "audit.detail.useradd_forbidden", "audit.detail.user_added",
    "audit.detail.key",              "audit.detail.unknown_user",  "audit.detail.no_password",
    "audit.detail.submit",           "audit.detail.issue.copies",  "audit.detail.issue",
    "audit.detail.circulate",        "audit.detail.clear_secret",  "audit.detail.borrow.approved",
    "audit.detail.borrow",           "audit.detail.give_back.note", "audit.detail.give_back",
    "audit.detail.file_year",        "audit.detail.export",        "audit.detail.correct",
    "audit.detail.sign.joint",       "audit.detail.receive.seals", "audit.detail.stamp",
    "audit.detail.stamp_missing",    "audit.detail.stamp_changed", "audit.detail.stamp_owner",
    "audit.detail.sha",
};

struct Form {
  std::string_view code;
  std::regex re;
  std::vector<std::string> names;
};

// The English words of an entry as a pattern: literal text, each {name} any text.
Form form_of(std::string_view code) {
  const std::string english = msg_in(Language::English, code);
  static const std::regex placeholder(R"(\{([a-z0-9_]+)\})");
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  Form f{code, {}, {}};
  std::string pattern = "^";
  auto literal = [&](const std::string& s) { pattern += std::regex_replace(s, special, R"(\$&)"); };
  std::size_t at = 0;
  for (std::sregex_iterator m(english.begin(), english.end(), placeholder), end; m != end; ++m) {
    literal(english.substr(at, static_cast<std::size_t>(m->position(0)) - at));
    pattern += "([\\s\\S]*?)";
    f.names.push_back((*m)[1].str());
    at = static_cast<std::size_t>(m->position(0) + m->length(0));
  }
  literal(english.substr(at));
  f.re = std::regex(pattern + "$");
  return f;
}

const std::vector<Form>& forms() {
  static const std::vector<Form> all = [] {
    std::vector<Form> v;
    for (std::string_view code : kDetails) v.push_back(form_of(code));
    return v;
  }();
  return all;
}

// An argument a stored detail carries in English words of its own: the purpose of a refused
// step ("submit drafts"), a seal check's result ("verified"), a clearance of "none".
std::string argument_words(Language language, const std::string& name, const std::string& value) {
  if (name == "action") {
    std::string code = "workflow.action." + value;
    std::replace(code.begin(), code.end(), ' ', '_');
    if (has_message(code)) return msg_in(language, code);
  }
  if (has_message("audit.word." + value)) return msg_in(language, "audit.word." + value);
  return value;
}

std::string detail_words(Language language, std::string_view detail) {
  const std::string stored(detail);
  std::smatch m;
  for (const Form& f : forms()) {
    if (!std::regex_match(stored, m, f.re)) continue;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < f.names.size(); ++i) values.push_back(argument_words(language, f.names[i], m[i + 1].str()));
    // msg_in takes its arguments as an initializer list: fill the placeholders one by one.
    std::string text = msg_in(language, f.code);
    for (std::size_t i = 0; i < f.names.size(); ++i) {
      const std::string key = "{" + f.names[i] + "}";
      for (std::size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + values[i].size())) {
        text.replace(p, key.size(), values[i]);
      }
    }
    return text;
  }
  return stored;
}

}  // namespace

AuditWords audit_words_in(Language language, std::string_view action, std::string_view subject,
                          std::string_view detail) {
  if (language == Language::English) return {std::string(action), std::string(detail)};
  std::string code = "audit.action." + std::string(action);
  if (action == "return" && subject.starts_with("#")) code = "audit.action.return_draft";
  std::replace(code.begin(), code.end(), '-', '_');
  return {has_message(code) ? msg_in(language, code) : std::string(action), detail_words(language, detail)};
}

AuditWords audit_words(std::string_view action, std::string_view subject, std::string_view detail) {
  return audit_words_in(message_language(), action, subject, detail);
}

}  // namespace gongwen::services
