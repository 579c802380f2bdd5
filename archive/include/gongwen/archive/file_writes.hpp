#pragma once
// Writing several files at once with their syncs grouped (issue 13 #13). write_file_atomic
// (workspace.hpp) is the one-file case.
#include <filesystem>
#include <string_view>
#include <vector>

#include "gongwen/archive/workspace.hpp"

namespace gongwen::archive {

// Several files, durable together when it returns, with the syncs grouped: every file
// written, then every one fsynced, renamed, and each folder fsynced once (on ext4 the first
// fsync's journal commit carries the others, so an issue's PDF, DOCX and 发文稿纸 cost about
// two journal commits instead of six). Temp files are removed on failure; files already
// renamed stay.
struct FileToWrite {
  std::filesystem::path path;
  std::string_view bytes;
};
void write_files_atomic(const std::vector<FileToWrite>& files, FileAccess access = FileAccess::Shared);

}  // namespace gongwen::archive
