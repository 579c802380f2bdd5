#include "gongwen/archive/workspace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "gongwen/archive/audit_seal.hpp"
#include "gongwen/archive/file_writes.hpp"
#include "gongwen/archive/keys.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(Code::NotFound, msg("workspace.read", {{"file", path.string()}}));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) fail(Code::Io, msg("workspace.sync", {{"dir", dir.string()}}), {msg("workspace.sync.hint")});
}

namespace {

// Creates the missing folders above `dir` and makes each new entry durable in its parent: a
// file synced into a folder whose own entry was lost with the power is lost too.
void create_durable_directories(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> missing;
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  if (missing.empty()) return;
  fs::create_directories(dir, ec);
  for (const auto& p : missing) sync_directory(p.parent_path());
}

}  // namespace

void write_files_atomic(const std::vector<FileToWrite>& files, FileAccess access) {
  std::error_code ec;
  struct Temp {
    fs::path tmp;
    int fd = -1;
  };
  std::vector<Temp> temps;
  auto give_up = [&](const fs::path& path, const std::string& why) {
    for (auto& t : temps) {
      if (t.fd >= 0) ::close(t.fd);
      fs::remove(t.tmp, ec);
    }
    fail(Code::Io, msg("workspace.write", {{"file", path.string()}, {"why", why}}), {msg("workspace.write.hint")});
  };
  // All written first, then all synced: on ext4 (ordered data) the first fsync's journal
  // commit carries the other files' blocks, so the later ones return at once.
  for (const auto& f : files) {
    create_durable_directories(f.path.parent_path());
    Temp t;
    t.tmp = f.path.parent_path() / ("." + f.path.filename().string() + ".tmp" + std::to_string(::getpid()));
    t.fd = ::open(t.tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, access == FileAccess::Private ? 0600 : 0666);
    const int fd = t.fd;
    temps.push_back(t);
    bool ok = fd >= 0;
    // A leftover temp file of a killed run keeps its old mode: make it private before writing.
    if (ok && access == FileAccess::Private) ok = ::fchmod(fd, 0600) == 0;
    for (std::size_t done = 0; ok && done < f.bytes.size();) {
      const ssize_t n = ::write(fd, f.bytes.data() + done, f.bytes.size() - done);
      ok = n > 0;
      if (ok) done += static_cast<std::size_t>(n);
    }
    if (!ok) give_up(f.path, "");
  }
  // Power loss (issue 13 #13): the bytes reach the disk before the names point at them, and
  // the names before anything (a register commit) points at the names.
  for (std::size_t i = 0; i < files.size(); ++i) {
    const bool ok = (::fsync(temps[i].fd) == 0) & (::close(temps[i].fd) == 0);
    temps[i].fd = -1;
    if (!ok) give_up(files[i].path, "");
  }
  std::vector<fs::path> folders;
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::rename(temps[i].tmp, files[i].path, ec);
    if (ec) give_up(files[i].path, ": " + ec.message());
    if (std::find(folders.begin(), folders.end(), files[i].path.parent_path()) == folders.end())
      folders.push_back(files[i].path.parent_path());
  }
  for (const auto& d : folders) sync_directory(d);
}

void write_file_atomic(const fs::path& path, std::string_view bytes, FileAccess access) {
  write_files_atomic({{path, bytes}}, access);
}

Result<std::unique_ptr<Workspace>> Workspace::init(const fs::path& dir, const std::string& profile_text,
                                                   const fs::path& templates_dir) {
  std::error_code ec;
  if (fs::exists(dir / "gongwen.toml", ec))
    return make_error(Code::Conflict, msg("workspace.init.exists", {{"dir", dir.string()}}),
                      {msg("workspace.init.exists.hint")});
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return make_error(Code::Conflict, msg("workspace.init.not_empty", {{"dir", dir.string()}}),
                      {msg("workspace.init.not_empty.hint")});
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
    return make_error(Code::Io, msg("workspace.init.failed", {{"why", e.what()}}));
  }
  return open(abs);
}

Result<std::unique_ptr<Workspace>> Workspace::open(const fs::path& dir) {
  std::error_code ec;
  const fs::path config = dir / "gongwen.toml";
  if (!fs::exists(config, ec))
    return make_error(Code::NotFound, msg("workspace.none", {{"dir", dir.string()}}),
                      {msg("workspace.none.hint.init"), msg("workspace.none.hint.option")});
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
  try {
    ws->m_registry = open_sealed_registry(ws->m_root / "registry.sqlite3", ws->keys_dir());
  } catch (const Failure& f) {
    return f.error();
  }
  return ws;
}

std::unique_ptr<Registry> open_sealed_registry(const fs::path& file, const fs::path& keys_dir) {
  std::error_code ec;
  if (!fs::exists(audit_key_file(keys_dir), ec)) {
    // A log keyed before cannot lose its key: a new one would hide what was changed.
    auto unsealed = open_sqlite_registry(file).take();
    if (unsealed->audit_keyed())
      fail(Code::Conflict, msg("workspace.audit_key.lost", {{"file", audit_key_file(keys_dir).string()}}),
           {msg("workspace.audit_key.restore.hint")});
  }
  const LoadedAuditKey key = load_or_create_audit_key(keys_dir);
  auto reg = open_sqlite_registry(file, std::make_shared<AuditSeal>(keys_dir, key.key, key.state)).take();
  if (key.created) {
    // A workspace from before the key: its first keyed entry records every sealed row there is.
    reg->transaction([&] {
      if (reg->audit_keyed()) return;
      if (auto last = reg->audit_last()) reg->start_keyed_log(last->at);
    });
  }
  return reg;
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
