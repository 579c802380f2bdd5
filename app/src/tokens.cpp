#include "tokens.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gongwen/archive/registry.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/error.hpp"

namespace gongwen::app {

namespace fs = std::filesystem;

fs::path config_dir() {
  if (const char* d = std::getenv("GONGWEN_CONFIG_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return fs::path(x) / "gongwen";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".config" / "gongwen";
  return fs::temp_directory_path() / ("gongwen-" + std::to_string(::getuid()));
}

fs::path token_file_for(const fs::path& root) {
  return config_dir() / ("token-" + archive::sha256_hex(root.string()).substr(0, 16));
}

std::map<std::string, std::string> read_tokens(const fs::path& file) {
  std::map<std::string, std::string> out;
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return out;
  // A token file others can read is not trusted: someone may have copied it.
  if ((st.st_mode & 077) != 0 || st.st_uid != ::getuid()) return out;
  std::ifstream in(file);
  std::string user, token;
  while (in >> user >> token) out[user] = token;
  return out;
}

void write_tokens(const fs::path& file, const std::map<std::string, std::string>& tokens) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  ::chmod(file.parent_path().c_str(), 0700);
  std::ostringstream text;
  for (const auto& [u, t] : tokens) text << u << " " << t << "\n";
  archive::write_file_atomic(file, text.str(), archive::FileAccess::Private);
}

}  // namespace gongwen::app
