#include "gongwen/services/seal_check.hpp"

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::services {

archive::ReceivedSealCheck seal_check_of(const OfdVerifyReport& report) {
  archive::ReceivedSealCheck c;
  if (report.seals.empty()) {  // verify_ofd's only problem then is that there is no seal
    c.result = "unsealed";
    return c;
  }
  for (const OfdSealCheck& s : report.seals) {
    std::string problem;
    for (const std::string& p : s.problems) problem += (problem.empty() ? "" : "；") + p;
    c.seals.push_back({s.ok(), s.seal_name, s.signer, s.maker, s.signed_at, s.ok() ? "" : problem});
  }
  c.problems = report.problems;
  c.result = report.ok() ? "verified" : "failed";
  return c;
}

std::string seal_check_summary(const archive::ReceivedSealCheck& check) {
  if (check.result == "verified") return msg("ofd.seal_check.verified");
  if (check.result == "unsealed") return msg("ofd.seal_check.unsealed");
  if (check.result.empty()) return "";
  return msg("ofd.seal_check.failed");
}

std::vector<std::string> seal_check_lines(const archive::ReceivedSealCheck& check) {
  std::vector<std::string> out;
  for (const auto& s : check.seals) {
    if (s.valid)
      out.push_back(msg("ofd.seal_check.valid",
                        {{"seal", s.seal_name}, {"signer", s.signer}, {"time", s.signed_at}}));
    else
      out.push_back(
          msg("ofd.seal_check.invalid",
              {{"seal", s.seal_name},
               {"signer", s.signer},
               {"time", s.signed_at},
               {"problem", s.problem.empty() ? msg("ofd.seal_check.unknown") : s.problem}}));
  }
  for (const auto& p : check.problems) out.push_back(p);
  return out;
}

}  // namespace gongwen::services
