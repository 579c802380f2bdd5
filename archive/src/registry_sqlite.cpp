#include "registry_sqlite.hpp"

namespace gongwen::archive {

sql::Db& sqlite_db(Registry& registry) {
  auto* r = dynamic_cast<SqliteRegistry*>(&registry);
  if (!r) fail(Code::Internal, "this register needs the SQLite registry");
  return r->db();
}

Result<std::unique_ptr<Registry>> open_sqlite_registry(const std::filesystem::path& file) {
  try {
    return std::unique_ptr<Registry>(std::make_unique<SqliteRegistry>(file.string()));
  } catch (const Failure& f) {
    return f.error();
  }
}

}  // namespace gongwen::archive
