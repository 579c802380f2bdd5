#pragma once
// The table behind messages.hpp, unsorted as written in catalog.cpp.
#include <span>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::messages {

// The core table (catalog.cpp) and one part per area of the program, each in its own file
// (catalog_<area>.cpp) so that work on one area never edits another's table.
std::span<const CatalogEntry> entries();
std::span<const CatalogEntry> entries_trust();     // security refusals (issue 13)
std::span<const CatalogEntry> entries_layout();    // layout, joint issue, DOCX (issue 14)
std::span<const CatalogEntry> entries_kinds();     // 文种, 格式诊断, the web desk's words (issue 15)
std::span<const CatalogEntry> entries_ofd();       // OFD and the SM2 seal (issue 16)
std::span<const CatalogEntry> entries_signing();   // the PDF's signer: key file, PKCS#11 (issue 16)
std::span<const CatalogEntry> entries_search();    // search (issue 17)
std::span<const CatalogEntry> entries_office();    // 文印, 信息报送, 网站公开, 督查 (issue 18)
std::span<const CatalogEntry> entries_ocr();       // scanned 收文 (issue 19)
std::span<const CatalogEntry> entries_services();  // workflow refusals and the CLI/web words (issue 12)
std::span<const CatalogEntry> entries_filing();    // 四性检测, the audit log's words, CLI11 errors (issue 12)
std::span<const CatalogEntry> entries_webdesk();   // the 拟稿 form's attachments, review's preview and changes (issue 15)

}  // namespace gongwen::messages
