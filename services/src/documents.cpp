#include "gongwen/services/documents.hpp"

#include <algorithm>
#include <optional>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/number.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::services {

namespace fs = std::filesystem;

fs::path issued_file_path(const archive::Workspace& ws, const std::string& number, IssuedFile which) {
  const auto n = parse_doc_number(number);
  const bool safe = n && n->code.find_first_of("/\\") == std::string::npos && n->code.find("..") == std::string::npos &&
                    n->text() == number;
  if (!safe) fail(Code::Conflict, msg("documents.number.bad", {{"number", number}}), {msg("documents.number.bad.hint")});
  const fs::path dir = ws.documents_dir() / std::to_string(n->year);
  switch (which) {
    case IssuedFile::Pdf: return dir / (number + ".pdf");
    case IssuedFile::Docx: return dir / (number + ".docx");
    case IssuedFile::Ofd: return dir / (number + ".ofd");
    case IssuedFile::Sheet: return dir / (number + ".发文稿纸.pdf");
  }
  return {};
}

fs::path copy_file_path(const archive::Workspace& ws, const std::string& number, const std::string& copy_number,
                        IssuedFile which) {
  const bool digits = copy_number.size() == 6 &&
                      std::all_of(copy_number.begin(), copy_number.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (which != IssuedFile::Pdf && which != IssuedFile::Ofd))
    fail(Code::Conflict, "登记的份号“" + copy_number + "”不是份号，无法找到它的文件", {"运行 gongwen audit verify 并联系管理员"});
  const fs::path master = issued_file_path(ws, number, IssuedFile::Pdf);
  return master.parent_path() / number / ("份号-" + copy_number + (which == IssuedFile::Pdf ? ".pdf" : ".ofd"));
}

namespace {

struct Registered {
  std::string number, title, sha;
};

// Every registered file of the workspace by its path relative to the root.
std::optional<Registered> registered_at(archive::Workspace& ws, const std::string& rel) {
  auto& reg = ws.registry();
  for (const auto& r : reg.issued()) {
    if (r.pdf_path == rel) return Registered{r.number, r.title, r.pdf_sha256};
    if (r.docx_path == rel) return Registered{r.number + " (DOCX)", r.title, r.docx_sha256};
    if (r.sheet_path == rel) return Registered{r.number + " 发文稿纸", r.title, r.sheet_sha256};
    if (!r.ofd_path.empty() && r.ofd_path == rel) return Registered{r.number + " (OFD)", r.title, r.ofd_sha256};
    if (r.secrecy != Secrecy::None)
      for (const auto& c : reg.copies(r.number)) {
        if (c.path == rel) return Registered{r.number + " 份号 " + c.copy_number, r.title, c.sha256};
        if (!c.ofd_path.empty() && c.ofd_path == rel)
          return Registered{r.number + " 份号 " + c.copy_number + " (OFD)", r.title, c.ofd_sha256};
      }
  }
  return std::nullopt;
}

FileIdentity by_hash(archive::Workspace& ws, const std::string& sha) {
  auto& reg = ws.registry();
  FileIdentity out;
  std::string copy_of, copy_title;
  for (const auto& rec : reg.issued()) {
    if (rec.pdf_sha256 == sha) {
      out.number = rec.number;
      out.title = rec.title;
    }
    if (rec.secrecy != Secrecy::None && out.number.empty() && copy_of.empty())
      for (const auto& c : reg.copies(rec.number))
        if (c.sha256 == sha) copy_of = rec.number + " 份号 " + c.copy_number, copy_title = rec.title;
  }
  if (out.number.empty()) out.number = copy_of, out.title = copy_title;
  return out;
}

// `file` relative to the workspace root, or "" when it is outside.
std::string inside(const archive::Workspace& ws, const fs::path& file) {
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(ws.root(), ec);
  const fs::path full = fs::weakly_canonical(fs::absolute(file, ec), ec);
  auto [a, b] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
  if (a != root.end()) return "";
  return full.lexically_relative(root).generic_string();
}

}  // namespace

FileIdentity identify_file(archive::Workspace& ws, const fs::path& file, const std::string& sha) {
  const std::string rel = inside(ws, file);
  if (rel.empty()) return by_hash(ws, sha);
  const auto at = registered_at(ws, rel);
  if (!at) return by_hash(ws, sha);  // a copy kept elsewhere in the workspace (incoming/ …)
  if (at->sha == sha) return {at->number, at->title, true};
  const FileIdentity other = by_hash(ws, sha);
  if (!other.number.empty())
    fail(Code::Conflict, msg("documents.swapped", {{"path", rel}, {"number", at->number}, {"other", other.number}}),
         {msg("documents.swapped.hint", {{"path", rel}})});
  fail(Code::Conflict, msg("documents.changed", {{"path", rel}, {"number", at->number}}),
       {msg("documents.restore.hint", {{"path", rel}})});
}

}  // namespace gongwen::services
