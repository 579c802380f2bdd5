#pragma once
// The table behind messages.hpp, unsorted as written in catalog.cpp.
#include <span>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::messages {

std::span<const CatalogEntry> entries();

}  // namespace gongwen::messages
