#pragma once
// The golden cases: every 文种 template (through the samples), the special formats, a joint
// issue, a secret+urgent document, a seal that would fall on a new page, three attachments
// and a 40-page work report from the shared corpus.
#include <string>
#include <vector>

#include "gongwen/pipeline/model.hpp"
#include "gongwen/pipeline/render.hpp"

namespace gongwen::golden {

struct Case {
  std::string name;
  Document doc;
};

std::vector<Case> golden_cases();        // throws std::runtime_error on a broken input
RenderOptions golden_options();          // fixed clock
std::string golden_dir();                // tests/golden in the source tree

}  // namespace gongwen::golden
