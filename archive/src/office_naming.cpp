// init --name (office_naming.hpp): plain text replacement on the sample, so that its comments,
// order and layout stay as the office will read and edit them.
#include "gongwen/archive/office_naming.hpp"

#include <utility>

#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::archive {

namespace {

constexpr std::string_view kGovernment = "人民政府";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The first UTF-8 character of s.
std::string first_char(const std::string& s) {
  std::size_t n = 1;
  while (n < s.size() && utf8::is_continuation(s[n])) ++n;
  return s.substr(0, n);
}

// A prefix or 全宗号 goes inside a TOML string: no quotes, backslashes, spaces or line breaks.
bool plain(const std::string& s) { return !s.empty() && s.find_first_of("\"\\ \t\r\n") == std::string::npos; }

}  // namespace

Result<std::string> name_office(std::string_view sample_text, const OfficeNaming& n) {
  if (n.name.size() <= kGovernment.size() || !n.name.ends_with(kGovernment) || !plain(n.name))
    return make_error(Code::Usage, msg("init.name.bad", {{"name", n.name}}), {msg("init.name.bad.hint")});
  const std::pair<const char*, std::string> options[] = {
      {"--code", n.code}, {"--party-code", n.party_code}, {"--fonds", n.fonds}};
  for (const auto& [option, value] : options)
    if (!value.empty() && !plain(value))
      return make_error(Code::Usage, msg("init.option.bad", {{"option", option}, {"value", value}}));
  auto sample = parse_profile(sample_text, "profile");
  if (!sample) return sample.error();
  const Organ* gov = sample.value().organ("government");
  const Organ* party = sample.value().organ("party");
  if (!gov || !gov->name.ends_with(kGovernment))
    return make_error(Code::BadInput, msg("init.name.sample"), {msg("init.name.sample.hint")});
  const std::string old_place = gov->name.substr(0, gov->name.size() - kGovernment.size());
  const std::string place = n.name.substr(0, n.name.size() - kGovernment.size());
  const std::string initial = first_char(place);
  std::string text = replace_all(std::string(sample_text), old_place, place);
  // Prefixes are replaced as quoted values only: 白政 must not touch 白政发 in a comment.
  text = replace_all(text, "\"" + gov->code_prefix + "\"", "\"" + (n.code.empty() ? initial + "政" : n.code) + "\"");
  if (party)
    text = replace_all(text, "\"" + party->code_prefix + "\"",
                       "\"" + (n.party_code.empty() ? initial + "党" : n.party_code) + "\"");
  if (!n.fonds.empty()) text = replace_all(text, "\"" + sample.value().fonds + "\"", "\"" + n.fonds + "\"");
  return text;
}

}  // namespace gongwen::archive
