#pragma once
// The one way a draft reads a file it names (an attachment's text, a picture): only from the
// draft's own folder (no absolute path, no "..", no symlink out of it), only regular files
// (never a FIFO or a device), never the workspace's own files (keys, registers, index,
// issued documents), and never more than a limit, checked before anything is read.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace gongwen::draftfile {

enum class Problem {
  None,
  Missing,      // no such file
  Absolute,     // an absolute path
  Climbs,       // a ".." component
  Outside,      // resolves (through a symlink) outside the draft's folder
  NotRegular,   // a folder, FIFO, device …
  Workspace,    // one of the workspace's own files (keys/, registry, index/, documents/ …)
  TooBig,       // larger than the limit
};

struct Read {
  Problem problem = Problem::None;
  std::string bytes;      // when problem == None
  std::uintmax_t size = 0;  // the file's size, when known
};

// The message code of a problem (pipeline/src/messages/catalog.cpp), for the readers.
const char* message_code(Problem p);

Read read(const std::filesystem::path& base_dir, const std::string& relative, std::uintmax_t max_bytes);

}  // namespace gongwen::draftfile
