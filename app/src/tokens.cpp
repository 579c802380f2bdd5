#include "tokens.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gongwen/archive/registry.hpp"
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
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) fail(Code::Io, "cannot write the login file " + tmp.string());
  std::ostringstream text;
  for (const auto& [u, t] : tokens) text << u << " " << t << "\n";
  const std::string s = text.str();
  const bool ok = ::write(fd, s.data(), s.size()) == static_cast<ssize_t>(s.size());
  ::close(fd);
  if (!ok) fail(Code::Io, "cannot write the login file " + tmp.string());
  fs::rename(tmp, file);
}

}  // namespace gongwen::app
