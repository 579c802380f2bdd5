// The leaders' registered 签名章 (table stamps).
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

namespace {

constexpr const char* kSelect =
    "SELECT id, owner, sha256, path, pixel_width, pixel_height, registered_by, registered_at FROM stamps ";

StampRecord stamp_row(sql::Stmt& q) {
  StampRecord r;
  r.id = q.integer(0);
  r.owner = q.text(1);
  r.sha256 = q.text(2);
  r.path = q.text(3);
  r.pixel_width = static_cast<int>(q.integer(4));
  r.pixel_height = static_cast<int>(q.integer(5));
  r.registered_by = q.text(6);
  r.registered_at = q.text(7);
  return r;
}

}  // namespace

void Stamps::add_stamp(const StampRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO stamps (owner, sha256, path, pixel_width, pixel_height, registered_by, registered_at) "
              "VALUES (?,?,?,?,?,?,?)");
  s.bind(1, r.owner).bind(2, r.sha256).bind(3, r.path).bind(4, std::int64_t{r.pixel_width})
      .bind(5, std::int64_t{r.pixel_height}).bind(6, r.registered_by).bind(7, r.registered_at).run();
}

std::optional<StampRecord> Stamps::current_stamp(const std::string& owner) {
  sql::Stmt q(m_db, (std::string(kSelect) + "WHERE owner = ? ORDER BY id DESC LIMIT 1").c_str());
  q.bind(1, owner);
  if (!q.step()) return std::nullopt;
  return stamp_row(q);
}

std::vector<StampRecord> Stamps::stamps() {
  sql::Stmt q(m_db, (std::string(kSelect) + "ORDER BY id").c_str());
  std::vector<StampRecord> out;
  while (q.step()) out.push_back(stamp_row(q));
  return out;
}

}  // namespace gongwen::archive::sqlite
