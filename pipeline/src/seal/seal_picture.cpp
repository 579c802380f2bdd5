// The seal as the picture the DOCX and the OFD place (see seal_picture.hpp).
#include "seal/seal_picture.hpp"

#include <exception>
#include <map>
#include <mutex>

#include "seal/seal.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::seal {

// 300 dpi: sharp on an office laser printer, and a 42 mm seal stays under 100 kB.
constexpr int kSealDpi = 300;

// A file without the seal image is still a useful draft, so this does not fail the render.
std::string seal_picture(const Document& doc, int organ, const RenderOptions& options, const char* format,
                         std::vector<std::string>& warnings) {
  const std::string f = format;
  if (doc.seal != SealMode::Sealed) return {};
  const std::string text = organ < 0 ? doc.seal_text : seal_text_of(doc, organ);
  if (text.empty()) {
    warnings.push_back(msg("write.seal.no_text", {{"format", f}}));
    return {};
  }
  seal::SealSpec spec;
  spec.text = text;
  spec.subtext = doc.seal_subtext;
  spec.diameter_pt = options.seal_diameter_mm / 25.4 * 72.0;
  spec.font_family = options.fonts.songti;
  // Rasterising the seal at 300 dpi is most of a DOCX render; an office uses one or two
  // seals, so the PNG is kept per seal spec for the process (same bytes every time).
  static std::mutex mutex;
  static std::map<std::string, std::string> cache;
  const std::string key = spec.text + '\x1f' + spec.subtext + '\x1f' +
                          std::to_string(spec.diameter_pt) + '\x1f' + spec.font_family;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  try {
    std::string png = seal::seal_png(spec, kSealDpi);
    if (!png.empty()) {
      std::lock_guard<std::mutex> lock(mutex);
      if (cache.size() < 16) cache.emplace(key, png);
    }
    if (png.empty()) warnings.push_back(msg("write.seal.not_drawn", {{"format", f}}));
    return png;
  } catch (const Failure& e) {
    warnings.push_back(msg("write.seal.failed", {{"format", f}, {"why", e.error().message}}));
  } catch (const std::exception& e) {
    warnings.push_back(msg("write.seal.failed", {{"format", f}, {"why", e.what()}}));
  }
  return {};
}

}  // namespace gongwen::seal
