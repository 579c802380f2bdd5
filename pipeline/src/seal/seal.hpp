#pragma once
// The official seal (印章), drawn as vectors: a red ring, the organ's name along the upper
// arc, a five-pointed star in the centre and an optional line below the star. Shared by the
// PDF writer (drawn in place) and the DOCX writer (rasterised to a PNG for a floating image).
#include <string>

#include "gongwen/pipeline/model.hpp"

typedef struct _cairo cairo_t;

namespace gongwen::seal {

// The text of a document's seal number `organ` (an index into Document::joint_signers, as
// the layout places it; -1: the one organ's seal): that organ's seal text from the profile,
// else its name. Both writers draw each seal from this.
std::string seal_text_of(const Document& doc, int organ);

struct SealSpec {
  std::string text;        // organ name along the upper arc, e.g. 白路乡人民政府
  std::string subtext;     // optional, below the star
  double diameter_pt = 42.0 / 25.4 * 72.0;  // 42 mm for a township seal
  std::string font_family; // fontconfig family list for the arc text (宋体-like)
};

// Draws the seal centred at (cx, cy) in the current user space (points).
void draw_seal(cairo_t* cr, double cx, double cy, const SealSpec& spec);

// The seal alone as a PNG with a transparent background, `dpi` dots per inch.
std::string seal_png(const SealSpec& spec, int dpi);

}  // namespace gongwen::seal
