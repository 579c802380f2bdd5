#include "cli_errors.hpp"

#include <regex>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app {

namespace {

bool match(const std::string& text, const char* pattern, std::smatch& m) {
  return std::regex_match(text, m, std::regex(pattern));
}

// A validator's complaint about `value` of `option` (CLI::Range, CLI::IsMember, the file checks).
std::string validation_words(const std::string& option, const std::string& why) {
  std::smatch m;
  if (match(why, R"(Value (.*) not in range (\S+) to (\S+))", m))
    return msg("cli.parse.range", {{"option", option}, {"value", m[1]}, {"min", m[2]}, {"max", m[3]}});
  if (match(why, R"(([\s\S]*) not in (\{[\s\S]*\}))", m))
    return msg("cli.parse.member", {{"option", option}, {"value", m[1]}, {"choices", m[2]}});
  if (match(why, R"((?:File|Directory|Path) does not exist: ([\s\S]*))", m))
    return msg("cli.parse.no_such_path", {{"option", option}, {"value", m[1]}});
  if (match(why, R"(Value ([\s\S]*) could not be converted[\s\S]*)", m))
    return msg("cli.parse.convert", {{"option", option}, {"value", m[1]}});
  return msg("cli.parse.invalid", {{"option", option}, {"why", why}});
}

}  // namespace

std::string parse_error_words(const CLI::Error& e) {
  const std::string what = e.what();
  std::smatch m;
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (what == "A subcommand is required" || match(what, R"(Requires at least \d+ subcommands)", m))
      return msg("cli.command.none");
    if (match(what, R"((\S+) is required)", m)) return msg("cli.parse.required", {{"option", m[1]}});
    if (match(what, R"([\s\S]*\[([\s\S]*)\][\s\S]*)", m)) return msg("cli.parse.one_of", {{"options", m[1]}});
  } else if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    if (match(what, R"(The following arguments? (?:was|were) not expected: ([\s\S]*))", m))
      return msg("cli.parse.extras", {{"args", m[1]}});
  } else if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    if (match(what, R"(Could not convert: (\S+) = ([\s\S]*))", m))
      return msg("cli.parse.convert", {{"option", m[1]}, {"value", m[2]}});
    if (match(what, R"(The value ([\s\S]*) is not an allowed value for (\S+))", m))
      return msg("cli.parse.convert", {{"option", m[2]}, {"value", m[1]}});
    if (match(what, R"((\S+): too many inputs for a flag)", m)) return msg("cli.parse.flag_value", {{"option", m[1]}});
    if (match(what, R"((\S+): Should be true/false or a number)", m)) return msg("cli.parse.flag_value", {{"option", m[1]}});
  } else if (dynamic_cast<const CLI::ValidationError*>(&e)) {
    if (match(what, R"((\S+): ([\s\S]*))", m)) return validation_words(m[1], m[2]);
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    if (match(what, R"((\S+): (\d+) required [\s\S]* missing)", m))  // the type may hold spaces
      return msg("cli.parse.value_missing", {{"option", m[1]}, {"count", m[2]}});
    if (match(what, R"((\S+): At least (\d+) required but received (\d+))", m))
      return msg("cli.parse.too_few", {{"option", m[1]}, {"count", m[2]}, {"got", m[3]}});
    if (match(what, R"((\S+): At Most (\d+) required but received (\d+))", m))
      return msg("cli.parse.too_many", {{"option", m[1]}, {"count", m[2]}, {"got", m[3]}});
    if (match(what, R"(Expected (?:exactly|at least) (\d+) arguments to (\S+), got (\d+))", m))
      return msg("cli.parse.too_few", {{"option", m[2]}, {"count", m[1]}, {"got", m[3]}});
  } else if (dynamic_cast<const CLI::RequiresError*>(&e)) {
    if (match(what, R"((\S+) requires (\S+))", m)) return msg("cli.parse.requires", {{"option", m[1]}, {"other", m[2]}});
  } else if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
    if (match(what, R"((\S+) excludes (\S+))", m)) return msg("cli.parse.excludes", {{"option", m[1]}, {"other", m[2]}});
  } else if (dynamic_cast<const CLI::OptionNotFound*>(&e)) {
    if (match(what, R"((\S+) not found)", m)) return msg("cli.parse.not_found", {{"option", m[1]}});
  }
  return msg("cli.parse.other", {{"what", what}});
}

}  // namespace gongwen::app
