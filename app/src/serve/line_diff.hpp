#pragma once
// A line diff of two texts for the reviewer's "what changed since the last round": each line
// of the newer text kept or added, each line of the older one removed, in reading order.
#include <string>
#include <vector>

namespace gongwen::app::serve {

struct DiffLine {
  char op = ' ';  // ' ' kept, '+' added, '-' removed
  std::string text;
};

// Longest common subsequence of lines, after the common head and tail are set aside; a middle
// too large to compare line by line (over 4 million pairs) is shown as removed, then added.
std::vector<DiffLine> line_diff(const std::string& before, const std::string& after);

}  // namespace gongwen::app::serve
