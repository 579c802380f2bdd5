#pragma once
// The `gongwen` command line: parses arguments, runs one command, prints errors once and
// maps them to exit codes (docs/cli.md).
namespace gongwen::app {
int run_cli(int argc, char** argv);
}
