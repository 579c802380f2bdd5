#include "draft/draft_file.hpp"

#include <fstream>
#include <iterator>

namespace gongwen::draftfile {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& file, const fs::path& dir) {
  auto f = file.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++f)
    if (f == file.end() || *f != *d) return false;
  return true;
}

// A workspace root holds gongwen.toml and registry.sqlite3 (archive/workspace.hpp). A draft
// kept in the root may name files beside it, but none of the office's own: the signing key
// above all (issue 13 #5), the registers, the index, issued and filed documents.
bool workspace_file(const fs::path& file, const fs::path& base) {
  std::error_code ec;
  for (fs::path d = file.parent_path(); inside(d, base); d = d.parent_path()) {
    if (fs::exists(d / "gongwen.toml", ec) && fs::exists(d / "registry.sqlite3", ec)) {
      const std::string first = file.lexically_relative(d).begin()->string();
      for (const char* own : {"keys", "index", "documents", "archive", ".issuing", "drafts", "gongwen.toml"})
        if (first == own) return true;
      if (first.rfind("registry.sqlite3", 0) == 0) return true;
    }
    if (d == d.parent_path()) break;
  }
  return false;
}

}  // namespace

const char* message_code(Problem p) {
  switch (p) {
    case Problem::None: return "";
    case Problem::Missing: return "draft.file.missing";
    case Problem::Absolute: return "draft.file.absolute";
    case Problem::Climbs: return "draft.file.climbs";
    case Problem::Outside: return "draft.file.outside";
    case Problem::NotRegular: return "draft.file.not_regular";
    case Problem::Workspace: return "draft.file.workspace";
    case Problem::TooBig: return "draft.file.too_big";
  }
  return "";
}

Read read(const fs::path& base_dir, const std::string& relative, std::uintmax_t max_bytes) {
  Read r;
  const fs::path rel(relative);
  if (relative.empty()) return {Problem::Missing};
  if (rel.is_absolute() || rel.has_root_name() || rel.has_root_directory()) return {Problem::Absolute};
  for (const auto& part : rel)
    if (part == "..") return {Problem::Climbs};
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(fs::absolute(base_dir, ec), ec);
  const fs::path file = fs::canonical(base / rel, ec);  // follows every symlink
  if (ec) return {Problem::Missing};
  if (!inside(file, base)) return {Problem::Outside};
  if (!fs::is_regular_file(file, ec)) return {Problem::NotRegular};
  if (workspace_file(file, base)) return {Problem::Workspace};
  r.size = fs::file_size(file, ec);
  if (ec) return {Problem::Missing};
  if (r.size > max_bytes) return {Problem::TooBig, {}, r.size};
  std::ifstream in(file, std::ios::binary);
  if (!in) return {Problem::Missing};
  // No more than the size checked above: a file that grows while it is read stays bounded.
  r.bytes.resize(static_cast<std::size_t>(r.size));
  in.read(r.bytes.data(), static_cast<std::streamsize>(r.bytes.size()));
  r.bytes.resize(static_cast<std::size_t>(in.gcount()));
  return r;
}

}  // namespace gongwen::draftfile
