#pragma once
// Choosing a template by what a clerk types: its id, its name or its 文种.
#include <string>
#include <vector>

#include "gongwen/pipeline/template.hpp"

namespace gongwen::app {

// The template `typed` names. A 文种 with several variants (通知: 工作通知, 会议通知, 印发
// （转发）通知) asks which: on a terminal by a numbered list, otherwise by a refusal listing
// the ids to type. Unknown: a refusal pointing at `gongwen template list`.
const Template& template_or_choices(const std::vector<Template>& all, const std::string& typed);

}  // namespace gongwen::app
