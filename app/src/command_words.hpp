#pragma once
// The words a clerk types on the command line: Chinese names for the commands typed most
// (`gongwen 提交 FILE` is `gongwen submit FILE`), and, for a mistyped command, the nearest one
// ("您是不是要输入：submit（提交）？") instead of CLI11's "A subcommand is required".
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::app {

// Gives each command of the table its Chinese alias (after every command is registered).
void add_chinese_aliases(CLI::App& app);

// The command among `app`'s subcommands (and their aliases) nearest to `typed`, if one is
// close enough to be what was meant (a few letters swapped, missing or extra).
std::optional<std::string> nearest_command(CLI::App& app, std::string_view typed);

// For a command line CLI11 refused: when a word stands where a command is expected and names
// none, the usage Error saying so, with the nearest command as its hint; nothing otherwise.
std::optional<Error> unknown_command(CLI::App& app, int argc, char** argv);

}  // namespace gongwen::app
