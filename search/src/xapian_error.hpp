#pragma once
// Xapian errors stop here: everything above sees gongwen::Error with a message a clerk can act
// on, never Xapian's class names.
#include <xapian.h>

#include <filesystem>
#include <string_view>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::search {

// `doing` says what failed, e.g. "打开检索索引".
Error translate_xapian_error(const Xapian::Error& e, std::string_view doing,
                             const std::filesystem::path& dir);

}  // namespace gongwen::search
