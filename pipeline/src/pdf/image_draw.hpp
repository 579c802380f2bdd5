#pragma once
// Pictures and table rulings in the PDF (render_pdf calls these per page).
#include <cairo.h>

#include "layout/page.hpp"

namespace gongwen::pdf {

// Draws the picture scaled into its box. JPEG bytes are embedded as they are (DCTDecode,
// no re-encoding); PNG is decoded by cairo and stored losslessly. A picture cairo cannot
// decode is drawn as an empty frame and reported through the return value.
bool draw_image(cairo_t* cr, const layout::ImagePlacement& im);

void draw_vrule(cairo_t* cr, const layout::VRule& v);

}  // namespace gongwen::pdf
