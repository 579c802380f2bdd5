#pragma once
// Pictures of the body (正文 and 附件) as package parts: word/media/imageN.png|jpeg, each
// with a relationship rIdImgN in word/_rels/document.xml.rels, in document order.
#include <string>
#include <vector>

#include "gongwen/pipeline/model.hpp"

namespace gongwen::docx {

struct MediaPart {
  const Image* image = nullptr;
  std::string part;    // word/media/image1.png
  std::string target;  // media/image1.png (relative to word/)
  std::string rel_id;  // rIdImg1
};

std::vector<MediaPart> document_media(const Document& doc);

}  // namespace gongwen::docx
