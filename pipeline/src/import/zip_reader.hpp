#pragma once
// A read-only view of a .docx zip held in memory, with the limits checked before and while
// inflating: entry count, names (no `..`, no absolute or drive paths), sizes, ratio.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/import.hpp"

namespace gongwen::import {

class ZipReader {
 public:
  // Throws gongwen::Failure (Code::BadInput) naming `source` when the bytes are no zip or
  // break a limit.
  // `kind` names the format in messages (".docx", ".ofd").
  ZipReader(std::string_view bytes, const std::string& source, const ImportLimits& limits,
            const std::string& kind = ".docx");
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // The uncompressed entry, or nullopt if absent. Throws on a limit.
  std::optional<std::string> read(const std::string& name);
  // Every entry's name, in the package's order (checked safe by the constructor).
  const std::vector<std::string>& names() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace gongwen::import
