#pragma once
// A workflow's next step as the CLI's --json and the web API show it: the step's stable name
// (what the web page switches on), the user whose turn it is, and the Chinese words.
#include <nlohmann/json.hpp>

#include "gongwen/services/next_step.hpp"

namespace gongwen::app {

inline nlohmann::json next_json(const services::NextStep& n) {
  return {{"step", services::step_name(n.step)}, {"user", n.user}, {"text", services::describe_chinese(n)}};
}

}  // namespace gongwen::app
