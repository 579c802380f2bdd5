#pragma once
// Showing Diagnostics at the edge, the same way in the CLI and the web desk: as
// `FILE:LINE:COL: 错误: …` blocks with a count, and as JSON
// {"code", "severity", "field", "file", "line", "column", "message", "hints"[, "fix"]}.
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "gongwen/pipeline/diagnostics.hpp"

namespace gongwen::app {

nlohmann::json diagnostic_json(const Diagnostic& d);
nlohmann::json diagnostics_json(const std::vector<Diagnostic>& all);
// The problems of an Error: its diagnostics, or the Error itself as one.
nlohmann::json diagnostics_json(const Error& e);

// Each diagnostic's block, then "共 N 个错误，M 个警告" when there is more than one.
void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& all);

// Thrown by a command that has printed its own report of problems (draft check): the CLI
// exits with `exit_code` and prints nothing more.
struct Reported {
  int exit_code;
};

}  // namespace gongwen::app
