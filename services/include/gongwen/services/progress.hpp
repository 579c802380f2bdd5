#pragma once
// The one way a long workflow says how far it has got: a phase and a count. The CLI draws
// "filing: 12/40" on the terminal, the web desk keeps the last report for the page to poll.
#include <functional>
#include <string>

namespace gongwen::services {

struct Progress {
  std::string phase;  // "staging" (归档章, PDF/A, metadata per 件), "indexing", "done"
  int done = 0, total = 0;
};

using ProgressFn = std::function<void(const Progress&)>;

}  // namespace gongwen::services
