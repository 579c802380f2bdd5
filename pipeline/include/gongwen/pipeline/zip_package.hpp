#pragma once
// The OPC package: a zip archive built in memory (libzip inside). Entries keep the order they
// were added in and all carry one fixed timestamp, so the same parts give the same bytes.
// Used by the DOCX and OFD writers, the OFD's signing and the archive's 归档文件目录 DOCX.
#include <string>
#include <vector>

#include "gongwen/pipeline/date.hpp"

namespace gongwen {

struct PackagePart {
  std::string name;  // e.g. "word/document.xml"
  std::string bytes;
};

// Zips `parts` in order. `stamp` becomes every entry's DOS date/time, read as wall-clock
// time in the instant's own UTC offset (DOS time has no zone), so the result does not
// depend on the machine's TZ. Throws Failure(Code::Io) if libzip fails.
std::string zip_package(const std::vector<PackagePart>& parts, const Instant& stamp);

// `zip` with the entries of `changed` replaced (in place) or added (after the others, in the
// given order), each stamped with `stamp`; every other entry is copied as it is, still
// compressed, without being inflated or deflated again. Throws Failure(Code::Io) if libzip
// fails, Failure(Code::BadInput) if `zip` is not a zip archive.
std::string zip_update(const std::string& zip, const std::vector<PackagePart>& changed, const Instant& stamp);

}  // namespace gongwen
