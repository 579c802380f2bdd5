// Pictures on the grid: scaled to fit the 版心 width (and at most 20 rows high), centred,
// taking whole grid rows so the text after them stays on the grid; never split.
#include <algorithm>
#include <cmath>

#include "layout/blocks.hpp"

namespace gongwen::layout {

namespace {
// Room below the picture inside its rows: Word and LibreOffice set an inline picture on the
// baseline of an exact-height line, with the font's descent under it.
constexpr double kImageDescent = 4.0;
constexpr int kMaxImageRows = 20;
}  // namespace

ImageBox image_box(const Image& img) {
  ImageBox b;
  const double pw = std::max(1, img.pixel_width), ph = std::max(1, img.pixel_height);
  // Without a requested width: the picture's size at 96 dpi, the common screen assumption.
  double w = img.width_mm > 0 ? mm(img.width_mm) : pw * 72.0 / 96.0;
  w = std::min(w, kBodyWidth);
  double h = w * ph / pw;
  const double max_h = kMaxImageRows * kLinePitch - kImageDescent;
  if (h > max_h) {
    w *= max_h / h;
    h = max_h;
  }
  b.width = w;
  b.height = h;
  b.rows = std::max(1, static_cast<int>(std::ceil((h + kImageDescent) / kLinePitch - 1e-9)));
  return b;
}

void add_image(std::vector<FlowItem>& out, const Image& img) {
  const ImageBox box = image_box(img);
  FlowItem item;
  item.rows = box.rows;
  // Bottom-aligned in its rows (above the descent), as the DOCX reader sets it.
  item.images.push_back(ImagePlacement{&img, kBodyLeft + (kBodyWidth - box.width) / 2,
                                       box.rows * kLinePitch - kImageDescent - box.height,
                                       box.width, box.height});
  out.push_back(std::move(item));
}

}  // namespace gongwen::layout
