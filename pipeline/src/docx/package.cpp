#include "docx/package.hpp"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen {

namespace {

struct DosStamp {
  zip_uint16_t time = 0, date = 0;
};

// DOS timestamps start in 1980 and have 2-second resolution.
DosStamp dos_stamp(const Instant& at) {
  const std::int64_t local = at.unix_seconds + std::int64_t{at.utc_offset_minutes} * 60;
  std::int64_t secs = local % 86400;
  if (secs < 0) secs += 86400;
  Date d = at.local_date();
  if (d.year < 1980) return DosStamp{0, static_cast<zip_uint16_t>((0 << 9) | (1 << 5) | 1)};
  if (d.year > 2107) d.year = 2107;
  DosStamp s;
  s.time = static_cast<zip_uint16_t>((secs / 3600) << 11 | (secs % 3600 / 60) << 5 |
                                     (secs % 60) / 2);
  s.date = static_cast<zip_uint16_t>((d.year - 1980) << 9 | d.month << 5 | d.day);
  return s;
}

[[noreturn]] void zip_fail(const char* what, zip_error_t* err) {
  fail(Code::Io, msg("write.zip.build", {{"what", what}, {"why", err != nullptr ? zip_error_strerror(err) : "-"}}));
}

struct SourceDeleter {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

// PNG is already compressed; deflating it again only costs time. An OFD's font subsets are
// most of its bytes and of its deflating: at level 1 they take a third of the time of the
// default level for about 1 % more bytes (they are CFF outlines: deflate gains only 17 %).
void set_attributes(zip_t* za, zip_int64_t idx, const std::string& name, const DosStamp& dos) {
  // An OFD's SignedValue.dat is mostly its seal's PNG (the SESeal carries the picture).
  const bool stored = name.ends_with(".png") || name.ends_with(".jpeg") || name.ends_with("SignedValue.dat");
  const bool font = name.ends_with(".otf") || name.ends_with(".ttf");
  if (zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                               font ? 1 : 0) < 0 ||
      zip_file_set_dostime(za, static_cast<zip_uint64_t>(idx), dos.time, dos.date, 0) < 0) {
    zip_discard(za);
    zip_fail("set entry attributes", nullptr);
  }
}

void close_archive(zip_t* za) {
  if (zip_close(za) < 0) {
    const std::string text = msg("write.zip.build", {{"what", "close"}, {"why", zip_error_strerror(zip_get_error(za))}});
    zip_discard(za);
    fail(Code::Io, text);
  }
}

// The finished archive, read back from the buffer source it was written into.
std::string read_back(zip_source_t* src);

}  // namespace

std::string zip_package(const std::vector<PackagePart>& parts, const Instant& stamp) {
  zip_error_t err;
  zip_error_init(&err);
  std::unique_ptr<zip_source_t, SourceDeleter> buffer(
      zip_source_buffer_create(nullptr, 0, 0, &err));
  if (!buffer) zip_fail("create buffer", &err);
  // Keep the buffer alive after zip_close so that we can read the finished archive back.
  zip_source_keep(buffer.get());

  zip_t* za = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &err);
  if (za == nullptr) {
    zip_source_free(buffer.get());  // drop the reference zip_open_from_source did not take
    zip_fail("open", &err);
  }
  const DosStamp dos = dos_stamp(stamp);
  for (const auto& part : parts) {
    // libzip copies nothing here: `parts` outlives zip_close below.
    zip_source_t* src = zip_source_buffer(za, part.bytes.data(), part.bytes.size(), 0);
    if (src == nullptr) {
      zip_discard(za);
      zip_fail("add part", nullptr);
    }
    const zip_int64_t idx = zip_file_add(za, part.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(src);
      std::string what = "add " + part.name;
      zip_error_t* e = zip_get_error(za);
      const std::string text = msg("write.zip.build", {{"what", what}, {"why", zip_error_strerror(e)}});
      zip_discard(za);
      fail(Code::Io, text);
    }
    set_attributes(za, idx, part.name, dos);
  }
  close_archive(za);
  return read_back(buffer.get());
}

std::string zip_update(const std::string& zip, const std::vector<PackagePart>& changed, const Instant& stamp) {
  zip_error_t err;
  zip_error_init(&err);
  // libzip reads the original from its own copy (when only the end of the archive changes it
  // keeps the start of that buffer and frees it with the source, so it cannot be ours) and,
  // at zip_close, writes the new archive into the same source: unchanged entries are copied
  // raw.
  void* copy = std::malloc(zip.size() ? zip.size() : 1);
  if (!copy) zip_fail("copy", nullptr);
  std::memcpy(copy, zip.data(), zip.size());
  std::unique_ptr<zip_source_t, SourceDeleter> buffer(zip_source_buffer_create(copy, zip.size(), 1, &err));
  if (!buffer) {
    std::free(copy);
    zip_fail("create buffer", &err);
  }
  zip_source_keep(buffer.get());
  zip_t* za = zip_open_from_source(buffer.get(), 0, &err);
  if (za == nullptr) {
    zip_source_free(buffer.get());
    const std::string why = zip_error_strerror(&err);
    fail(Code::BadInput, msg("package.zip.invalid", {{"why", why}}));
  }
  const DosStamp dos = dos_stamp(stamp);
  for (const auto& part : changed) {
    zip_source_t* src = zip_source_buffer(za, part.bytes.data(), part.bytes.size(), 0);
    if (src == nullptr) {
      zip_discard(za);
      zip_fail("add part", nullptr);
    }
    zip_int64_t idx = zip_name_locate(za, part.name.c_str(), ZIP_FL_ENC_UTF_8);
    const bool ok = idx >= 0 ? zip_file_replace(za, static_cast<zip_uint64_t>(idx), src, ZIP_FL_ENC_UTF_8) == 0
                             : (idx = zip_file_add(za, part.name.c_str(), src, ZIP_FL_ENC_UTF_8)) >= 0;
    if (!ok) {
      zip_source_free(src);
      const std::string text = msg("write.zip.update", {{"part", part.name}, {"why", zip_error_strerror(zip_get_error(za))}});
      zip_discard(za);
      fail(Code::Io, text);
    }
    set_attributes(za, idx, part.name, dos);
  }
  close_archive(za);
  return read_back(buffer.get());
}

namespace {

std::string read_back(zip_source_t* src) {
  if (zip_source_open(src) < 0) zip_fail("reopen", zip_source_error(src));
  std::string out;
  if (zip_source_seek(src, 0, SEEK_END) < 0) zip_fail("seek", zip_source_error(src));
  const zip_int64_t size = zip_source_tell(src);
  if (size < 0 || zip_source_seek(src, 0, SEEK_SET) < 0) zip_fail("tell", zip_source_error(src));
  out.resize(static_cast<std::size_t>(size));
  zip_int64_t got = 0;
  while (got < size) {
    const zip_int64_t n = zip_source_read(src, out.data() + got, static_cast<zip_uint64_t>(size - got));
    if (n <= 0) {
      zip_source_close(src);
      zip_fail("read back", zip_source_error(src));
    }
    got += n;
  }
  zip_source_close(src);
  return out;
}

}  // namespace

}  // namespace gongwen
