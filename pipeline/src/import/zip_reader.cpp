// libzip over a memory buffer; every size is checked against ImportLimits, and the inflated
// bytes are counted as they come, so a lying header cannot make us inflate more.
#include "import/zip_reader.hpp"

#include <zip.h>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/messages.hpp"

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
    hints = {kind == ".docx" ? msg("import.zip.resave.hint") : msg("import.zip.ask_again.hint", {{"kind", kind}})};
  fail(Code::BadInput, msg("import.zip.problem", {{"file", source}, {"what", what}}), std::move(hints));
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
    bad(source, msg("import.zip.too_large", {{"mb", std::to_string(limits.max_file_bytes >> 20)}}),
        {msg("import.zip.too_large.hint")});
  if (bytes.size() < 4 || bytes.substr(0, 2) != "PK")
    bad(source, msg("import.zip.not_zip", {{"kind", kind}}), {}, kind);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src == nullptr) bad(source, msg("import.zip.unreadable"));
  m->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (m->za == nullptr) {
    zip_source_free(src);
    const std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    bad(source, msg("import.zip.damaged", {{"kind", kind}, {"why", why}}), {}, kind);
  }
  zip_error_fini(&err);
  const zip_int64_t n = zip_get_num_entries(m->za, 0);
  if (n < 0 || static_cast<std::size_t>(n) > limits.max_entries)
    bad(source, msg("import.zip.entries", {{"count", std::to_string(n)}, {"max", std::to_string(limits.max_entries)}}));
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(m->za, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
      bad(source, msg("import.zip.entry_unreadable"));
    if (!safe_name(st.name))
      bad(source, msg("import.zip.unsafe_name", {{"name", st.name}}),
          {msg(kind == ".docx" ? "import.zip.not_word.hint" : "import.zip.not_ofd.hint")});
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
    bad(m->source,
        msg("import.zip.entry_large", {{"name", name}, {"mb", std::to_string(st.size >> 20)},
                                       {"max", std::to_string(L.max_entry_bytes >> 20)}}),
        {msg("import.zip.split.hint")});
  if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
      st.size / std::max<zip_uint64_t>(st.comp_size, 1) > L.max_ratio)
    bad(m->source,
        msg("import.zip.ratio", {{"name", name}, {"ratio", std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1))}}),
        {msg("import.zip.not_word.hint")});
  zip_file_t* zf = zip_fopen(m->za, name.c_str(), 0);
  if (zf == nullptr) bad(m->source, msg("import.zip.unpack", {{"name", name}}));
  std::string out;
  char buf[65536];
  for (;;) {
    const zip_int64_t got = zip_fread(zf, buf, sizeof buf);
    if (got < 0) {
      zip_fclose(zf);
      bad(m->source, msg("import.zip.unpack.damaged", {{"name", name}}));
    }
    if (got == 0) break;
    out.append(buf, static_cast<std::size_t>(got));
    // The header may lie: count what really comes out.
    if (out.size() > L.max_entry_bytes || m->total + out.size() > L.max_total_bytes) {
      zip_fclose(zf);
      bad(m->source, msg("import.zip.unpacks_more", {{"name", name}, {"max", std::to_string(L.max_entry_bytes >> 20)}}),
          {msg("import.zip.split.hint")});
    }
  }
  zip_fclose(zf);
  m->total += out.size();
  return out;
}

}  // namespace gongwen::import
