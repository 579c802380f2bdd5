#include "command_words.hpp"

#include <algorithm>
#include <vector>

#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::app {

namespace {

// The commands a clerk types most, with the Chinese word that also runs them.
struct CommandWord {
  const char* name;
  const char* chinese;
};
constexpr CommandWord kChineseNames[] = {
    {"submit", "提交"}, {"review", "审核"}, {"sign", "签发"},   {"issue", "印发"},
    {"receive", "收文"}, {"search", "检索"},
};

const char* chinese_name(std::string_view name) {
  for (const auto& w : kChineseNames)
    if (name == w.name) return w.chinese;
  return nullptr;
}

// Levenshtein distance over code points, with a swap of two neighbours counting one
// (sumbit → submit).
std::size_t distance(std::string_view a8, std::string_view b8) {
  const std::u32string a = utf8::decode(a8), b = utf8::decode(b8);
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

bool names_a_command(CLI::App& app, const std::string& word) {
  return !app.get_subcommands([&](CLI::App* s) { return s->check_name(word); }).empty();
}

// How many words after `arg` the option `arg` of `app` takes (0 for a flag, --opt=value or
// an unknown option).
std::size_t values_taken(CLI::App& app, const std::string& arg) {
  if (arg.find('=') != std::string::npos) return 0;
  const CLI::Option* opt = app.get_option_no_throw(arg);
  return opt && opt->get_items_expected_max() > 0 ? 1 : 0;
}

std::string with_chinese(const std::string& name) {
  const char* zh = chinese_name(name);
  return zh ? msg("cli.command.with_chinese", {{"name", name}, {"chinese", zh}}) : name;
}

}  // namespace

void add_chinese_aliases(CLI::App& app) {
  for (const auto& w : kChineseNames)
    app.get_subcommand(w.name)->alias(w.chinese);
}

std::optional<std::string> nearest_command(CLI::App& app, std::string_view typed) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (CLI::App* sub : app.get_subcommands({})) {
    std::vector<std::string> names = sub->get_aliases();
    names.push_back(sub->get_name());
    for (const auto& n : names) {
      const std::size_t d = distance(typed, n);
      // Close enough: at most a third of the word wrong, and never more than two edits.
      const std::size_t allowed = std::min<std::size_t>(2, std::max<std::size_t>(1, utf8::count_code_points(n) / 3));
      if (d <= allowed && (!best || d < best_distance)) {
        best = sub->get_name();
        best_distance = d;
      }
    }
  }
  return best;
}

std::optional<Error> unknown_command(CLI::App& app, int argc, char** argv) {
  CLI::App* level = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") return std::nullopt;
    if (arg.size() > 1 && arg[0] == '-') {
      i += static_cast<int>(values_taken(*level, arg));
      continue;
    }
    if (level->get_subcommands({}).empty()) return std::nullopt;  // a file or a value, not a command
    if (names_a_command(*level, arg)) {
      level = level->get_subcommands([&](CLI::App* s) { return s->check_name(arg); }).front();
      continue;
    }
    // A command with its own positional (receive FILE) takes any word: not a mistake.
    if (!level->get_options([](const CLI::Option* o) { return !o->nonpositional(); }).empty()) return std::nullopt;
    Error e = make_error(Code::Usage, msg("cli.command.unknown", {{"word", arg}}));
    if (auto near = nearest_command(*level, arg))
      e.hints.push_back(msg("cli.command.did_you_mean", {{"command", with_chinese(*near)}}));
    e.hints.push_back(msg("cli.command.list", {{"help", level == &app ? "gongwen --help" : "gongwen " + level->get_name() + " --help"}}));
    return e;
  }
  return std::nullopt;
}

}  // namespace gongwen::app
