#include "diagnostics_out.hpp"

#include <algorithm>

namespace gongwen::app {

nlohmann::json diagnostic_json(const Diagnostic& d) {
  nlohmann::json j = {{"code", d.code},
                      {"severity", d.severity == Severity::Error ? "error" : "warning"},
                      {"field", d.field},
                      {"file", d.at.file},
                      {"line", d.at.line},
                      {"column", d.at.column},
                      {"message", d.message},
                      {"hints", d.hints}};
  // The clerk's checks' correction (clerk_checks.hpp): the web offers it as one click.
  if (d.fix) j["fix"] = {{"length", d.fix->length}, {"with", d.fix->with}};
  return j;
}

nlohmann::json diagnostics_json(const std::vector<Diagnostic>& all) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : all) list.push_back(diagnostic_json(d));
  return list;
}

nlohmann::json diagnostics_json(const Error& e) {
  if (!e.diagnostics.empty()) return diagnostics_json(e.diagnostics);
  return diagnostics_json(std::vector<Diagnostic>{as_diagnostic(e)});
}

void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& all) {
  for (const Diagnostic& d : all) out << d.render() << "\n";
  if (all.size() > 1) {
    const auto errors = std::count_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
    out << msg("cli.summary", {{"errors", std::to_string(errors)},
                               {"warnings", std::to_string(static_cast<long>(all.size()) - errors)}})
        << "\n";
  }
}

}  // namespace gongwen::app
