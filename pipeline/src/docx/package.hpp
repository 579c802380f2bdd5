#pragma once
// The zip package writer, public since the archive's forms use it too (zip_package.hpp).
#include "gongwen/pipeline/zip_package.hpp"

namespace gongwen::docx {
using gongwen::PackagePart;
using gongwen::zip_package;
}  // namespace gongwen::docx
