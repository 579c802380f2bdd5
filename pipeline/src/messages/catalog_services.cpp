// Messages of one area (issue 12); the core table and the rules for codes are in catalog.cpp.
// Add entries as: const CatalogEntry kPart[] = {{"code", "中文", "English"}, …}; return kPart;
#include "messages/catalog.hpp"

namespace gongwen::messages {

std::span<const CatalogEntry> entries_services() { return {}; }

}  // namespace gongwen::messages
