#pragma once
// Reading a received OFD (GB/T 33190): the text of each page in reading order, the DocInfo
// (with its CustomDatas) and the 公文 elements of a tag file in our namespace (docs/ofd.md).
// Bounded like every reader of outside input: the zip limits (no ../ or absolute names, sizes,
// ratio), no DOCTYPE or entities, at most 100,000 objects a page, every referenced part there.
#include <map>
#include <string>
#include <vector>

#include "gongwen/pipeline/error.hpp"

namespace gongwen {

struct OfdContent {
  std::vector<std::string> pages;          // text per page: lines top to bottom, left to right
  std::map<std::string, std::string> info; // Title, Author, Subject, CreationDate, and CustomData by Name
  std::map<std::string, std::string> tags; // 发文字号, 标题, 成文日期 … → 值, where the file tags them
  std::string text() const;                // the pages joined by blank lines
};

// BadInput, naming `source` and the part, when the package cannot be read.
Result<OfdContent> read_ofd(const std::string& bytes, const std::string& source);

}  // namespace gongwen
