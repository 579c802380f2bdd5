// One draft file read as Office::load_draft reads it, every problem collected.
#include "draft_file_check.hpp"

#include <filesystem>

#include "gongwen/archive/workspace.hpp"


namespace gongwen::app {

namespace fs = std::filesystem;

std::pair<std::optional<Draft>, Diagnostics> check_draft_file(const std::string& file, archive::Workspace& ws) {
  Diagnostics diags;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    diags.add(Code::NotFound, "check.file.missing", SourcePos{file, 0, 0}, "", {{"file", file}}).hint("check.file.hint");
    return {std::nullopt, std::move(diags)};
  }
  auto draft = read_draft(archive::read_file(file), file, fs::absolute(file, ec).parent_path(), ws.templates(),
                          ws.profile(), diags);
  return {std::move(draft), std::move(diags)};
}

}  // namespace gongwen::app
