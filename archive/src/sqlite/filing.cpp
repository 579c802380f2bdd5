// The filed 件 of each year and their corrections (tables filed, filed_versions).
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

namespace {

constexpr const char* kFiledCols = "year, number, archive_code, item_no, retention, path, sha256, filed_at";

FiledRecord filed_row(sql::Stmt& s) {
  return FiledRecord{static_cast<int>(s.integer(0)), s.text(1), s.text(2), static_cast<int>(s.integer(3)),
                     s.text(4), s.text(5), s.text(6), s.text(7)};
}

constexpr const char* kVersionCols =
    "year, archive_code, version, path, sha256, metadata_path, metadata_sha256, fields, reason, "
    "corrected_by, corrected_at";

CorrectionRecord version_row(sql::Stmt& s) {
  CorrectionRecord r;
  r.year = static_cast<int>(s.integer(0));
  r.archive_code = s.text(1);
  r.version = static_cast<int>(s.integer(2));
  r.path = s.text(3);
  r.sha256 = s.text(4);
  r.metadata_path = s.text(5);
  r.metadata_sha256 = s.text(6);
  r.fields = s.text(7);
  r.reason = s.text(8);
  r.corrected_by = s.text(9);
  r.corrected_at = s.text(10);
  return r;
}

}  // namespace

void Filing::add_filed(const FiledRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO filed (year, number, archive_code, item_no, retention, path, sha256, filed_at) "
              "VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, r.year).bind(2, r.number).bind(3, r.archive_code).bind(4, r.item_no);
  s.bind(5, r.retention).bind(6, r.path).bind(7, r.sha256).bind(8, r.filed_at);
  s.run();
}

std::vector<FiledRecord> Filing::filed(int year) {
  sql::Stmt s(m_db, (std::string("SELECT ") + kFiledCols + " FROM filed WHERE year=? ORDER BY archive_code").c_str());
  s.bind(1, year);
  std::vector<FiledRecord> out;
  while (s.step()) out.push_back(filed_row(s));
  return out;
}

std::optional<FiledRecord> Filing::filed_by_code(const std::string& archive_code) {
  sql::Stmt s(m_db, (std::string("SELECT ") + kFiledCols + " FROM filed WHERE archive_code = ?").c_str());
  s.bind(1, archive_code);
  if (!s.step()) return std::nullopt;
  return filed_row(s);
}

void Filing::add_filed_version(const CorrectionRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO filed_versions (year, archive_code, version, path, sha256, metadata_path, "
              "metadata_sha256, fields, reason, corrected_by, corrected_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.year).bind(2, r.archive_code).bind(3, r.version).bind(4, r.path).bind(5, r.sha256);
  s.bind(6, r.metadata_path).bind(7, r.metadata_sha256).bind(8, r.fields).bind(9, r.reason);
  s.bind(10, r.corrected_by).bind(11, r.corrected_at);
  s.run();
}

std::vector<CorrectionRecord> Filing::filed_versions(int year) {
  sql::Stmt s(m_db, (std::string("SELECT ") + kVersionCols +
                     " FROM filed_versions WHERE year = ? ORDER BY archive_code, version").c_str());
  s.bind(1, year);
  std::vector<CorrectionRecord> out;
  while (s.step()) out.push_back(version_row(s));
  return out;
}

}  // namespace gongwen::archive::sqlite
