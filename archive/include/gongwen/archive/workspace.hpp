#pragma once
// A workspace: one office's self-contained books and files (see docs/workspace.md):
// gongwen.toml, registry.sqlite3, templates/, documents/, archive/, index/, keys/.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/archive/registry.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/template.hpp"

namespace gongwen::archive {

class Workspace {
 public:
  // Makes a new workspace in `dir` (which must not exist or be empty) from a profile text
  // and the template folder to copy. Built in a temporary folder and renamed into place,
  // so a failure leaves nothing behind.
  static Result<std::unique_ptr<Workspace>> init(const std::filesystem::path& dir,
                                                 const std::string& profile_text,
                                                 const std::filesystem::path& templates_dir);
  static Result<std::unique_ptr<Workspace>> open(const std::filesystem::path& dir);
  // Like git: the folder itself or the nearest parent holding a gongwen.toml.
  static std::optional<std::filesystem::path> find(const std::filesystem::path& start);

  const std::filesystem::path& root() const { return m_root; }
  std::filesystem::path config_file() const { return m_root / "gongwen.toml"; }
  std::filesystem::path documents_dir() const { return m_root / "documents"; }
  std::filesystem::path archive_dir() const { return m_root / "archive"; }
  std::filesystem::path index_dir() const { return m_root / "index"; }
  std::filesystem::path keys_dir() const { return m_root / "keys"; }
  std::filesystem::path templates_dir() const { return m_root / "templates"; }

  const Profile& profile() const { return m_profile; }
  // Reads gongwen.toml again (after `user add` changed it); throws Failure if it no longer
  // parses, keeping the profile it had.
  void reload_profile();
  const std::vector<Template>& templates() const { return m_templates; }
  Registry& registry() { return *m_registry; }

  // Path relative to the root, for registers and reports.
  std::string relative(const std::filesystem::path& p) const;

 private:
  Workspace() = default;
  std::filesystem::path m_root;
  Profile m_profile;
  std::vector<Template> m_templates;
  std::unique_ptr<Registry> m_registry;
};

// Writes bytes to `path` through a temporary file and a rename: readers see the old file or
// the whole new one, never half of it. Durable when it returns: the file is fsynced before
// the rename and its folder (and any folder it had to create) after, so a register commit
// made afterwards never points at a file a power cut can take back (issue 13 #13).
// Private files (signing keys, login tokens) are created mode 0600 before a byte is written.
enum class FileAccess { Shared, Private };
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       FileAccess access = FileAccess::Shared);
std::string read_file(const std::filesystem::path& path);
// The registry of a workspace with its audit seal (audit_seal.hpp): keys/audit.key is made
// when missing, and a log from before it gets its first keyed entry. Throws Failure.
std::unique_ptr<Registry> open_sealed_registry(const std::filesystem::path& file,
                                               const std::filesystem::path& keys_dir);
// fsync of a folder: makes the names created, renamed or removed in it durable.
void sync_directory(const std::filesystem::path& dir);

}  // namespace gongwen::archive
