// Leptonica's side of OCR: outside images read only after their header's size is within the
// limit (a 20000×20000 PNG is refused before a byte of it is inflated), pages counted before
// any is decoded, and the clean-up that makes a scan what Tesseract reads best.
#include "ocr_image.hpp"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::search::ocr {

void PixFree::operator()(Pix* p) const { pixDestroy(&p); }

void quiet_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

namespace {

const auto* data_of(const std::string& bytes) { return reinterpret_cast<const l_uint8*>(bytes.data()); }

Error unreadable(const std::string& name) {
  return make_error(Code::BadInput, msg("ocr.image.unreadable", {{"file", name}}), {msg("ocr.image.hint")});
}

Error too_large(const std::string& name, long long w, long long h, const ScanLimits& limits) {
  return make_error(Code::BadInput,
                    msg("ocr.image.too_large", {{"file", name},
                                                {"width", std::to_string(w)},
                                                {"height", std::to_string(h)},
                                                {"limit", std::to_string(limits.max_pixels / 1'000'000)}}),
                    {msg("ocr.image.hint")});
}

// The size a page's header declares, checked against the limit.
std::optional<Error> check_header(const std::string& bytes, const std::string& name, int page,
                                  const ScanLimits& limits) {
  l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
  const ScanFormat f = scan_format(bytes);
  l_ok bad = 1;
  if (f == ScanFormat::Tiff)
    bad = readHeaderMemTiff(data_of(bytes), bytes.size(), page, &w, &h, &bps, &spp, &res, &cmap, &format);
  else if (page == 0)
    bad = pixReadHeaderMem(data_of(bytes), bytes.size(), &format, &w, &h, &bps, &spp, &cmap);
  if (bad || w <= 0 || h <= 0) return unreadable(name);
  if (static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h) > limits.max_pixels)
    return too_large(name, w, h, limits);
  if (bps > 16 || spp > 4) return unreadable(name);
  return std::nullopt;
}

}  // namespace

Result<int> image_pages(const std::string& bytes, const std::string& name, const ScanLimits& limits) {
  quiet_leptonica();
  const ScanFormat f = scan_format(bytes);
  if (f != ScanFormat::Jpeg && f != ScanFormat::Png && f != ScanFormat::Tiff) return unreadable(name);
  if (auto problem = check_header(bytes, name, 0, limits)) return *problem;
  if (f != ScanFormat::Tiff) return 1;
  int n = 1;
  while (true) {  // each page's header, bounded by the page limit
    l_int32 w, h, bps, spp, res, cmap, format;
    if (readHeaderMemTiff(data_of(bytes), bytes.size(), n, &w, &h, &bps, &spp, &res, &cmap, &format)) break;
    if (++n > limits.max_pages)
      return make_error(Code::BadInput,
                        msg("ocr.pages.too_many", {{"file", name}, {"pages", "> " + std::to_string(limits.max_pages)},
                                                   {"limit", std::to_string(limits.max_pages)}}),
                        {msg("ocr.pages.hint")});
  }
  return n;
}

Result<PixPtr> decode_image_page(const std::string& bytes, const std::string& name, int page,
                                 const ScanLimits& limits) {
  quiet_leptonica();
  if (auto problem = check_header(bytes, name, page, limits)) return *problem;
  PixPtr pix(scan_format(bytes) == ScanFormat::Tiff ? pixReadMemTiff(data_of(bytes), bytes.size(), page)
                                                     : pixReadMem(data_of(bytes), bytes.size()));
  if (!pix) return unreadable(name);
  // What was decoded is what the header said (a header that lies is refused all the same).
  const std::uint64_t pixels = static_cast<std::uint64_t>(pixGetWidth(pix.get())) * pixGetHeight(pix.get());
  if (pixels == 0) return unreadable(name);
  if (pixels > limits.max_pixels) return too_large(name, pixGetWidth(pix.get()), pixGetHeight(pix.get()), limits);
  return pix;
}

PixPtr grey_pix(const unsigned char* rows, int w, int h, int bytes_per_row, int dpi) {
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) return pix;
  l_uint32* data = pixGetData(pix.get());
  const l_int32 wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const unsigned char* src = rows + static_cast<std::ptrdiff_t>(y) * bytes_per_row;
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, src[x]);
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

PixPtr rgb_pix(const unsigned char* rows, int w, int h, int bytes_per_row, int dpi) {
  PixPtr pix(pixCreate(w, h, 32));
  if (!pix) return pix;
  l_uint32* data = pixGetData(pix.get());
  const l_int32 wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const unsigned char* src = rows + static_cast<std::ptrdiff_t>(y) * bytes_per_row;
    for (int x = 0; x < w; ++x) {
      l_uint32 v;  // Poppler's argb32: 0xAARRGGBB in native order; Leptonica's: 0xRRGGBB00
      std::memcpy(&v, src + 4 * static_cast<std::ptrdiff_t>(x), 4);
      line[x] = (v & 0x00FFFFFFu) << 8;
    }
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

namespace {

// Grey for recognition with the red seal dropped out below the 版头: a red pixel there reads as
// its red channel (light), so the 署名 and 成文日期 the seal covers stay black on white. The top
// third keeps the red 发文机关标志 (the 来文单位) as dark text.
PixPtr grey_without_seal(Pix* rgb) {
  const int w = pixGetWidth(rgb), h = pixGetHeight(rgb);
  PixPtr grey(pixCreate(w, h, 8));
  if (!grey) return grey;
  const l_uint32* src = pixGetData(rgb);
  l_uint32* dst = pixGetData(grey.get());
  const int swpl = pixGetWpl(rgb), dwpl = pixGetWpl(grey.get());
  for (int y = 0; y < h; ++y) {
    const bool below_head = y > h / 3;
    for (int x = 0; x < w; ++x) {
      const l_uint32 v = src[static_cast<std::ptrdiff_t>(y) * swpl + x];
      const int r = (v >> 24) & 0xFF, g = (v >> 16) & 0xFF, b = (v >> 8) & 0xFF;
      int out = (r * 299 + g * 587 + b * 114) / 1000;
      if (below_head && r > g + 40 && r > b + 40) out = r;
      SET_DATA_BYTE(dst + static_cast<std::ptrdiff_t>(y) * dwpl, x, out);
    }
  }
  pixCopyResolution(grey.get(), rgb);
  return grey;
}

}  // namespace

int image_dpi(Pix* pix) {
  const int res = pixGetYRes(pix);
  if (res >= 70 && res <= 1200) return res;
  // No resolution (or a nonsense one): as if the page were A4 (8.27 in) wide, or tall when
  // landscape-shaped.
  const int w = std::min(pixGetWidth(pix), pixGetHeight(pix));
  return std::clamp(static_cast<int>(std::lround(w / 8.27)), 70, 1200);
}

Prepared prepare(Pix* page, int dpi, const OcrOptions& options) {
  quiet_leptonica();
  Prepared out;
  out.dpi = dpi;
  PixPtr grey(pixGetDepth(page) == 32 && options.drop_seal ? grey_without_seal(page) : PixPtr(pixConvertTo8(page, 0)));
  if (!grey) return out;
  if (options.rescale && (dpi < 270 || dpi > 420)) {
    // Tesseract reads 三号/四号 Han characters best at about 300 dpi (50–70 px high); a 200 dpi
    // scan is enlarged, a 600 dpi one reduced.
    const float s = 300.0f / static_cast<float>(dpi);
    PixPtr scaled(s > 1 ? pixScaleGrayLI(grey.get(), s, s) : pixScaleSmooth(grey.get(), s, s));
    if (scaled) {
      grey = std::move(scaled);
      out.dpi = 300;
    }
  }
  if (options.deskew) {
    PixPtr straight(pixDeskew(grey.get(), 0));
    if (straight) grey = std::move(straight);
  }
  if (!options.binarise) {
    out.pix = std::move(grey);
    pixSetResolution(out.pix.get(), out.dpi, out.dpi);
    return out;
  }
  Pix* bin = nullptr;
  // Window about 1/6 of an inch: wider than a stroke, narrower than a character's gaps.
  const int window = std::max(8, out.dpi / 12);
  if (pixSauvolaBinarize(grey.get(), window, 0.34f, 1, nullptr, nullptr, nullptr, &bin) || !bin) {
    out.pix = std::move(grey);
    pixSetResolution(out.pix.get(), out.dpi, out.dpi);
    return out;
  }
  PixPtr binary(bin);
  if (options.despeckle) {
    // Speckles: components under 1/75 inch both ways (a 、 at 300 dpi is bigger).
    const int least = std::max(2, out.dpi / 75);
    PixPtr clean(pixSelectBySize(binary.get(), least, least, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr));
    if (clean) binary = std::move(clean);
  }
  out.pix = std::move(binary);
  pixSetResolution(out.pix.get(), out.dpi, out.dpi);
  return out;
}

}  // namespace gongwen::search::ocr
