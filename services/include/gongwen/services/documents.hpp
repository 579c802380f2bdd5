#pragma once
// Where an issued document's files are, derived from the workspace layout and the 文号 (never
// taken as a path from the registry as-is), and what a file someone hands in is: issue 13 #6.
// A path inside the workspace must hold the file registered at that path (the signed 2号 copied
// over 1号.pdf is named as such); a file from outside is identified by its SHA-256.
#include <filesystem>
#include <string>

#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"

namespace gongwen::services {

enum class IssuedFile { Pdf, Docx, Sheet, Ofd };

// documents/<year>/<文号>.pdf | .docx | .ofd | .发文稿纸.pdf, as the issue writes them. Throws
// Conflict when the register's 文号 is not one (a register edited behind the books' back).
std::filesystem::path issued_file_path(const archive::Workspace& ws, const std::string& number, IssuedFile which);

// A numbered copy's file: documents/<year>/<文号>/份号-<NNNNNN>.pdf | .ofd (Pdf or Ofd only).
// Throws Conflict when the 文号 is not one or the 份号 is not six digits.
std::filesystem::path copy_file_path(const archive::Workspace& ws, const std::string& number,
                                     const std::string& copy_number, IssuedFile which);

struct FileIdentity {
  std::string number;  // 文号, or "文号 份号 000001" for a numbered copy; "" when not registered
  std::string title;
  bool by_path = false;  // identified by where it is in the workspace (else by its hash)
};

// `file` with SHA-256 `sha`. Inside the workspace at a registered path: that path's record,
// and Conflict naming both when the bytes are another registered file's or no registered
// file's. Elsewhere: whichever issued PDF or numbered copy has this hash (number "" if none).
FileIdentity identify_file(archive::Workspace& ws, const std::filesystem::path& file, const std::string& sha);

}  // namespace gongwen::services
