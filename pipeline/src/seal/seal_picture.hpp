#pragma once
// The document's seal as a PNG (300 dpi, transparent background) for the formats that place
// it as a picture: the DOCX (a floating image) and the OFD (an ImageObject, or the seal's
// picture in the electronic seal).
#include <string>
#include <vector>

#include "gongwen/pipeline/render.hpp"

namespace gongwen::seal {

// The seal of `organ` (an index into Document::joint_signers; -1: the one organ's seal).
// Empty with a warning naming `format` when the document has a seal but it cannot be drawn;
// empty without one for an unsealed document.
std::string seal_picture(const Document& doc, int organ, const RenderOptions& options, const char* format,
                         std::vector<std::string>& warnings);

}  // namespace gongwen::seal
