#pragma once
// The 公文's structure (GB/T 33476.1) as an OFD custom tag file: one element per part of the
// 公文 that the document shows, with its value from the model and references to the page
// objects that show it. The schema is written down in docs/ofd.md and
// tests/ofd/schema/gongwen-tags.xsd.
#include <string>
#include <vector>

#include "gongwen/pipeline/model.hpp"
#include "ofd/page_xml.hpp"

namespace gongwen::ofd {

inline constexpr const char* kTagNamespace = "urn:gongwen:gbt33476.1:2026";

std::string tag_file_xml(const Document& doc, const std::vector<TaggedObject>& tags);

// The GB/T 9704 name of an element (份号, 发文字号 …), the tag file's element names.
const char* element_name(layout::Element e);

}  // namespace gongwen::ofd
