#include "gongwen/archive/workspace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "gongwen/archive/keys.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(Code::NotFound, "cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file_atomic(const fs::path& path, std::string_view bytes, FileAccess access) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp" +
                                             std::to_string(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                        access == FileAccess::Private ? 0600 : 0666);
  bool ok = fd >= 0;
  // A leftover temp file of a killed run keeps its old mode: make it private before writing.
  if (ok && access == FileAccess::Private) ok = ::fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  if (!ok) {
    fs::remove(tmp, ec);
    fail(Code::Io, "cannot write " + path.string(), {"check free disk space and permissions"});
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    fail(Code::Io, "cannot write " + path.string() + ": " + ec.message());
  }
}

Result<std::unique_ptr<Workspace>> Workspace::init(const fs::path& dir, const std::string& profile_text,
                                                   const fs::path& templates_dir) {
  std::error_code ec;
  if (fs::exists(dir / "gongwen.toml", ec))
    return make_error(Code::Conflict, dir.string() + " is already a gongwen workspace",
                      {"use it as it is, or choose another folder"});
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return make_error(Code::Conflict, dir.string() + " exists and is not empty",
                      {"choose a new or empty folder"});
  // Check the profile and the templates before anything touches the disk.
  auto profile = parse_profile(profile_text, (dir / "gongwen.toml").string());
  if (!profile) return profile.error();
  auto templates = load_templates(templates_dir);
  if (!templates) return templates.error();

  const fs::path abs = fs::absolute(dir, ec).lexically_normal();
  const fs::path staging = abs.parent_path() / ("." + abs.filename().string() + ".init" +
                                                std::to_string(::getpid()));
  try {
    fs::create_directories(staging);
    for (const char* sub : {"documents", "archive", "index", "keys", "templates"})
      fs::create_directories(staging / sub);
    write_file_atomic(staging / "gongwen.toml", profile_text);
    for (const auto& e : fs::directory_iterator(templates_dir)) {
      if (e.path().extension() != ".toml" || e.path().stem() == "profile.example") continue;
      // Written, not copied: a copy keeps the source's mode bits instead of the umask's.
      write_file_atomic(staging / "templates" / e.path().filename(), read_file(e.path()));
    }
    // The office's search vocabulary starts as the shipped one (docs/search.md); it edits it.
    if (fs::exists(templates_dir / "vocabulary.txt"))
      write_file_atomic(staging / "vocabulary.txt", read_file(templates_dir / "vocabulary.txt"));
    // Every issued PDF is signed: a self-signed identity until the office imports its own.
    const Profile& p = profile.value();
    create_signing_key(staging / "keys", p.office_name,
                       p.organs.empty() ? p.office_name : p.organs.front().name, SystemClock().now());
    {
      auto reg = open_sqlite_registry(staging / "registry.sqlite3");
      if (!reg) fail(reg.error().code, reg.error().message);
    }
    if (fs::exists(abs)) fs::remove(abs);  // empty: checked above
    fs::rename(staging, abs);
  } catch (const Failure& f) {
    fs::remove_all(staging, ec);
    return f.error();
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(staging, ec);
    return make_error(Code::Io, std::string("cannot create the workspace: ") + e.what());
  }
  return open(abs);
}

Result<std::unique_ptr<Workspace>> Workspace::open(const fs::path& dir) {
  std::error_code ec;
  const fs::path config = dir / "gongwen.toml";
  if (!fs::exists(config, ec))
    return make_error(Code::NotFound, dir.string() + " is not a gongwen workspace (no gongwen.toml)",
                      {"create one with: gongwen init DIR", "or pass --workspace DIR"});
  std::unique_ptr<Workspace> ws(new Workspace());
  ws->m_root = fs::absolute(dir, ec).lexically_normal();
  try {
    auto profile = parse_profile(read_file(config), config.string());
    if (!profile) return profile.error();
    ws->m_profile = std::move(profile).value();
  } catch (const Failure& f) {
    return f.error();
  }
  auto templates = load_templates(ws->templates_dir());
  if (!templates) return templates.error();
  ws->m_templates = std::move(templates).value();
  auto reg = open_sqlite_registry(ws->m_root / "registry.sqlite3");
  if (!reg) return reg.error();
  ws->m_registry = std::move(reg).value();
  return ws;
}

std::optional<fs::path> Workspace::find(const fs::path& start) {
  std::error_code ec;
  fs::path p = fs::absolute(start, ec);
  while (true) {
    if (fs::exists(p / "gongwen.toml", ec)) return p;
    if (!p.has_parent_path() || p.parent_path() == p) return std::nullopt;
    p = p.parent_path();
  }
}

std::string Workspace::relative(const fs::path& p) const {
  return fs::relative(p, m_root).generic_string();
}

void Workspace::reload_profile() {
  auto profile = parse_profile(read_file(config_file()), config_file().string());
  if (!profile) throw Failure(profile.error());
  m_profile = std::move(profile).value();
}

}  // namespace gongwen::archive
