#pragma once
// One page's Content.xml: text as TextObject/TextCode at the PDF's glyph positions, rules as
// PathObject, pictures and the seal as ImageObject.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "layout/page.hpp"
#include "pdf/fonts.hpp"

namespace gongwen::ofd {

// IDs are unique in the whole document (GB/T 33190 §7.5); the last one is MaxUnitID.
struct IdCounter {
  unsigned next = 1;
  unsigned take() { return next++; }
};

// What a page refers to: font resources by FontSet face, pictures by the Image they show.
struct PageResources {
  std::map<int, unsigned> font_of_face;
  std::map<const Image*, unsigned> media_of_image;
  std::map<int, unsigned> seal_media;  // by organ (SealPlacement::organ); absent: no picture
};

// An object showing one element of the 公文 (for the CustomTags file).
struct TaggedObject {
  layout::Element element;
  unsigned page_id;
  unsigned object_id;
};

std::string page_content_xml(const layout::Page& page, unsigned page_id, pdf::FontSet& fonts,
                             const PageResources& res, IdCounter& ids,
                             std::vector<TaggedObject>& tags);

}  // namespace gongwen::ofd
