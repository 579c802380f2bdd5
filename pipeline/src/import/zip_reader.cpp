// libzip over a memory buffer; every size is checked against ImportLimits, and the inflated
// bytes are counted as they come, so a lying header cannot make us inflate more.
#include "import/zip_reader.hpp"

#include <zip.h>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::import {

struct ZipReader::Impl {
  std::string source;
  ImportLimits limits;
  zip_t* za = nullptr;
  std::size_t total = 0;
  std::string kind;
  std::vector<std::string> names;
};

namespace {

[[noreturn]] void bad(const std::string& source, const std::string& what,
                      std::vector<std::string> hints = {}, const std::string& kind = ".docx") {
  if (hints.empty())
    hints = {kind == ".docx" ? "save the file again from Word as .docx (Word Document) and retry"
                             : "ask the sender for the file again; it is damaged or not " + kind};
  fail(Code::BadInput, source + ": " + what, std::move(hints));
}

// Names a Word package uses: relative, forward slashes, no parent steps.
bool safe_name(std::string_view n) {
  if (n.empty() || n.front() == '/' || n.front() == '\\') return false;
  if (n.size() > 1 && n[1] == ':') return false;  // C:
  if (n.find('\\') != std::string_view::npos || n.find('\0') != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= n.size()) {
    std::size_t slash = n.find('/', start);
    if (slash == std::string_view::npos) slash = n.size();
    if (n.substr(start, slash - start) == "..") return false;
    start = slash + 1;
  }
  return true;
}

}  // namespace

ZipReader::ZipReader(std::string_view bytes, const std::string& source, const ImportLimits& limits,
                     const std::string& kind)
    : m(std::make_unique<Impl>()) {
  m->source = source;
  m->limits = limits;
  m->kind = kind;
  if (bytes.size() > limits.max_file_bytes)
    bad(source, "the file is larger than " + std::to_string(limits.max_file_bytes >> 20) + " MB",
        {"split the document or remove large pictures"});
  if (bytes.size() < 4 || bytes.substr(0, 2) != "PK")
    bad(source, "not a " + kind + " file (it is not a zip package)", {}, kind);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src == nullptr) bad(source, "cannot read the zip package");
  m->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (m->za == nullptr) {
    zip_source_free(src);
    const std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    bad(source, "not a readable " + kind + " (zip: " + why + ")", {}, kind);
  }
  zip_error_fini(&err);
  const zip_int64_t n = zip_get_num_entries(m->za, 0);
  if (n < 0 || static_cast<std::size_t>(n) > limits.max_entries)
    bad(source, "the package has " + std::to_string(n) + " entries (at most " +
                    std::to_string(limits.max_entries) + ")");
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(m->za, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
      bad(source, "a zip entry cannot be read");
    if (!safe_name(st.name))
      bad(source, std::string("unsafe entry name '") + st.name + "' (absolute or with ..)",
          {"this file was not made by " + std::string(kind == ".docx" ? "Word" : "an OFD writer") +
           "; do not import it"});
    m->names.emplace_back(st.name);
  }
}

const std::vector<std::string>& ZipReader::names() const { return m->names; }

ZipReader::~ZipReader() {
  if (m && m->za != nullptr) zip_discard(m->za);
}

std::optional<std::string> ZipReader::read(const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(m->za, name.c_str(), 0, &st) != 0) return std::nullopt;
  const ImportLimits& L = m->limits;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > L.max_entry_bytes)
    bad(m->source, name + " unpacks to " + std::to_string(st.size >> 20) + " MB (at most " +
                       std::to_string(L.max_entry_bytes >> 20) + " MB)",
        {"split the document; a body this large is not a 公文"});
  if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
      st.size / std::max<zip_uint64_t>(st.comp_size, 1) > L.max_ratio)
    bad(m->source, name + " is compressed " +
                       std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
                       ":1 (a zip bomb?)",
        {"this file was not made by Word; do not import it"});
  zip_file_t* zf = zip_fopen(m->za, name.c_str(), 0);
  if (zf == nullptr) bad(m->source, "cannot unpack " + name);
  std::string out;
  char buf[65536];
  for (;;) {
    const zip_int64_t got = zip_fread(zf, buf, sizeof buf);
    if (got < 0) {
      zip_fclose(zf);
      bad(m->source, "cannot unpack " + name + " (damaged zip)");
    }
    if (got == 0) break;
    out.append(buf, static_cast<std::size_t>(got));
    // The header may lie: count what really comes out.
    if (out.size() > L.max_entry_bytes || m->total + out.size() > L.max_total_bytes) {
      zip_fclose(zf);
      bad(m->source, name + " unpacks to more than the " +
                         std::to_string(L.max_entry_bytes >> 20) + " MB allowed",
          {"split the document; a body this large is not a 公文"});
    }
  }
  zip_fclose(zf);
  m->total += out.size();
  return out;
}

}  // namespace gongwen::import
