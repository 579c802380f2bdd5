#pragma once
// A read-only view of a .docx zip held in memory, with the limits checked before and while
// inflating: entry count, names (no `..`, no absolute or drive paths), sizes, ratio.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gongwen/pipeline/import.hpp"

namespace gongwen::import {

class ZipReader {
 public:
  // Throws gongwen::Failure (Code::BadInput) naming `source` when the bytes are no zip or
  // break a limit.
  ZipReader(std::string_view bytes, const std::string& source, const ImportLimits& limits);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // The uncompressed entry, or nullopt if absent. Throws on a limit.
  std::optional<std::string> read(const std::string& name);

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace gongwen::import
