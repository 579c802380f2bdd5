#pragma once
// One draft file read as Office::load_draft reads it, every problem collected (draft check,
// draft fix).
#include <optional>
#include <string>
#include <utility>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/draft.hpp"

namespace gongwen::app {

std::pair<std::optional<Draft>, Diagnostics> check_draft_file(const std::string& file, archive::Workspace& ws);

}  // namespace gongwen::app
