// OCR of scanned 收文 (ocr.hpp): Poppler renders the PDF pages that have no text, Leptonica
// reads images and cleans each page up (ocr_image.cpp), Tesseract recognises it (chi_sim, LSTM,
// automatic page segmentation, preserve_interword_spaces) and writes the invisible text layer
// (text render mode 3) that ocr_pdf.cpp lays over the page images.
#include "gongwen/search/ocr.hpp"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <unistd.h>

#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/utf8.hpp"
#include "gongwen/search/extract.hpp"
#include "ocr_image.hpp"
#include "ocr_pdf.hpp"
#include "pdf_limits.hpp"

namespace gongwen::search {

namespace fs = std::filesystem;

ScanFormat scan_format(const std::string& b) {
  if (b.rfind("%PDF-", 0) == 0) return ScanFormat::Pdf;
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return ScanFormat::Jpeg;
  if (b.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return ScanFormat::Png;
  if (b.rfind(std::string("II*\0", 4), 0) == 0 || b.rfind(std::string("MM\0*", 4), 0) == 0) return ScanFormat::Tiff;
  return ScanFormat::None;
}

const char* scan_format_name(ScanFormat f) {
  switch (f) {
    case ScanFormat::Pdf: return "PDF";
    case ScanFormat::Jpeg: return "JPEG";
    case ScanFormat::Png: return "PNG";
    case ScanFormat::Tiff: return "TIFF";
    case ScanFormat::None: break;
  }
  return "";
}

namespace {

constexpr const char* kLanguage = "chi_sim";

// A page's own text counts when it has this many characters that are not spaces.
constexpr std::size_t kOwnTextChars = 10;

std::size_t visible_chars(std::string_view s) {
  std::size_t n = 0, i = 0;
  while (i < s.size()) {
    const char32_t c = utf8::next(s, i);
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x3000) ++n;
  }
  return n;
}

bool han_or_cjk_punct(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || c == U'“' || c == U'”' || c == U'《' || c == U'》';
}

// Tesseract's chi_sim model often gives ASCII punctuation where a Chinese text has full-width
// marks (":" for "：", "(" for "（"): beside Han characters they are made full-width again, as the
// text had them. A bracket pair is converted together; digits between ASCII marks are left.
std::string full_width_punctuation(std::string_view line) {
  std::u32string s;
  for (std::size_t i = 0; i < line.size();) s += utf8::next(line, i);
  auto prev_visible = [&](std::size_t i) -> char32_t {
    while (i > 0) {
      const char32_t c = s[--i];
      if (c != ' ') return c;
    }
    return 0;
  };
  auto next_visible = [&](std::size_t i) -> char32_t {
    while (++i < s.size())
      if (s[i] != ' ') return s[i];
    return 0;
  };
  int open_converted = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i], before = prev_visible(i), after = next_visible(i);
    const bool han_before = han_or_cjk_punct(before), han_after = han_or_cjk_punct(after);
    switch (c) {
      case ',': if (han_before || han_after) s[i] = U'，'; break;
      case ':': if (han_before) s[i] = U'：'; break;
      case ';': if (han_before || han_after) s[i] = U'；'; break;
      case '?': if (han_before) s[i] = U'？'; break;
      case '!': if (han_before) s[i] = U'！'; break;
      case '(':
        if (han_before || han_after) s[i] = U'（', ++open_converted;
        break;
      case ')':
        if (open_converted > 0 || han_before) {
          s[i] = U'）';
          if (open_converted > 0) --open_converted;
        }
        break;
      default: break;
    }
  }
  // A 文号's year in brackets read as "[2026]", "〔2026]" or "(2026)": after Han characters and
  // before the serial number, the brackets are the 六角括号 〔〕 it was printed with.
  const std::u32string opens = U"[〔(（【［", closes = U"]〕)）】］";
  for (std::size_t i = 0; i + 5 < s.size(); ++i) {
    if (opens.find(s[i]) == std::u32string::npos || i == 0 || !han_or_cjk_punct(s[i - 1])) continue;
    bool year = true;
    for (std::size_t k = 1; k <= 4; ++k) year = year && s[i + k] >= '0' && s[i + k] <= '9';
    if (!year || closes.find(s[i + 5]) == std::u32string::npos) continue;
    const char32_t after = next_visible(i + 5);
    if (!(after >= '0' && after <= '9')) continue;
    s[i] = U'〔';
    s[i + 5] = U'〕';
  }
  std::string out;
  for (char32_t c : s) utf8::append(out, c);
  return out;
}

// Tesseract's text made like extracted text: no spaces between Han characters, full-width
// punctuation beside them, no blank-line runs, no trailing spaces.
std::string tidy(std::string_view raw) {
  std::string s = remove_spaces_between_han(raw);
  std::string out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    std::size_t lead = line.find_first_not_of(' ');
    if (lead == std::string::npos) continue;
    out += full_width_punctuation(line.substr(lead));
    out += '\n';
  }
  return out;
}

class Engine {
 public:
  Engine() {
    if (m_api.Init(nullptr, kLanguage, tesseract::OEM_LSTM_ONLY) != 0) {
      m_ok = false;
      return;
    }
    m_api.SetPageSegMode(tesseract::PSM_AUTO);
    m_api.SetVariable("preserve_interword_spaces", "1");
    m_api.SetVariable("debug_file", "/dev/null");  // "Detected N diacritics" and the like
    m_ok = true;
  }
  bool ok() const { return m_ok; }
  tesseract::TessBaseAPI& api() { return m_api; }

  // Recognises one prepared page; the caller's renderer (if any) takes its text layer.
  OcrPage recognise(const ocr::Prepared& p, tesseract::TessResultRenderer* renderer) {
    OcrPage page;
    page.recognised = true;
    m_api.SetImage(p.pix.get());
    m_api.SetSourceResolution(p.dpi);
    if (m_api.Recognize(nullptr) != 0) {
      page.blank = true;
      return page;
    }
    std::unique_ptr<char[]> text(m_api.GetUTF8Text());
    page.text = text ? tidy(text.get()) : std::string();
    page.confidence = std::clamp(m_api.MeanTextConf(), 0, 100);
    page.blank = visible_chars(page.text) < 4;  // dust read as a stroke or two
    if (page.blank) page.text.clear(), page.confidence = 0;
    if (renderer) renderer->AddImage(&m_api);
    return page;
  }

 private:
  tesseract::TessBaseAPI m_api;
  bool m_ok = false;
};

Error model_missing() {
  return make_error(Code::Internal, msg("ocr.model.missing", {{"language", kLanguage}}), {msg("ocr.model.hint")});
}

Error too_many_pages(const std::string& name, int pages, const ScanLimits& limits) {
  return make_error(Code::BadInput,
                    msg("ocr.pages.too_many", {{"file", name}, {"pages", std::to_string(pages)},
                                               {"limit", std::to_string(limits.max_pages)}}),
                    {msg("ocr.pages.hint")});
}

// A temporary file Tesseract's PDF renderer writes to (it writes files only), removed after.
struct TempBase {
  fs::path base;
  TempBase() {
    static std::atomic<int> counter{0};
    base = fs::temp_directory_path() /
           ("gongwen-ocr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  }
  ~TempBase() {
    std::error_code ec;
    fs::remove(pdf(), ec);
  }
  fs::path pdf() const { return fs::path(base.string() + ".pdf"); }
  std::string read() const {
    std::ifstream in(pdf(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

void finish(OcrOutcome& out, const std::string& name) {
  long sum = 0;
  int counted = 0;
  for (const auto& p : out.pages) {
    out.text += p.text;
    out.text += '\n';
    if (!p.recognised) continue;
    ++out.recognised;
    if (!p.blank) sum += p.confidence, ++counted;
  }
  out.confidence = counted ? static_cast<int>(sum / counted) : 0;
  if (out.recognised > 0 && visible_chars(out.text) == 0)
    out.warnings.push_back(msg("ocr.blank", {{"file", name}}));
  else
    for (std::size_t i = 0; i < out.pages.size(); ++i)
      if (out.pages[i].blank)
        out.warnings.push_back(msg("ocr.page.blank", {{"page", std::to_string(i + 1)}}));
}

Result<OcrOutcome> recognise_pdf(const std::string& bytes, const std::string& name, const OcrOptions& options) {
  PdfLimits limits;
  limits.max_time = std::chrono::seconds(60);
  if (auto problem = pdf_limits_problem(bytes, name, limits)) return *problem;
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d || d->is_locked()) return make_error(Code::BadInput, msg("extract.pdf.unreadable", {{"file", name}}));
  const int n = d->pages();
  if (n > options.limits.max_pages) return too_many_pages(name, n, options.limits);
  Engine engine;
  if (!engine.ok()) return model_missing();
  TempBase temp;
  std::unique_ptr<tesseract::TessPDFRenderer> renderer;
  if (options.want_pdf) {
    renderer = std::make_unique<tesseract::TessPDFRenderer>(temp.base.c_str(), engine.api().GetDatapath(), true);
    renderer->BeginDocument("");
  }
  OcrOutcome out;
  std::vector<int> layered;  // the pages the text layer's pages belong to, in order
  poppler::page_renderer render;
  render.set_render_hint(poppler::page_renderer::antialiasing, true);
  render.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  render.set_image_format(poppler::image::format_argb32);
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> p(d->create_page(i));
    if (!p) return make_error(Code::BadInput, msg("trust.pdf.damaged", {{"file", name}}), {msg("trust.pdf.hint")});
    const auto own = p->text().to_utf8();
    const std::string own_text(own.begin(), own.end());
    if (visible_chars(own_text) >= kOwnTextChars) {
      OcrPage page;
      page.text = tidy(own_text);
      out.pages.push_back(std::move(page));
      continue;
    }
    if (options.progress) options.progress(i + 1, n);
    // The page at the scan resolution, less when that would be over the pixel limit.
    const poppler::rectf box = p->page_rect();
    const double w_in = std::max(1.0, box.width()) / 72.0, h_in = std::max(1.0, box.height()) / 72.0;
    double dpi = options.limits.dpi;
    const double most = std::sqrt(static_cast<double>(options.limits.max_pixels) / (w_in * h_in));
    dpi = std::max(10.0, std::min(dpi, std::floor(most)));
    poppler::image img = render.render_page(p.get(), dpi, dpi);
    if (!img.is_valid() || img.format() != poppler::image::format_argb32)
      return make_error(Code::BadInput, msg("trust.pdf.damaged", {{"file", name}}), {msg("trust.pdf.hint")});
    ocr::PixPtr pix = ocr::rgb_pix(reinterpret_cast<const unsigned char*>(img.const_data()), img.width(),
                                    img.height(), img.bytes_per_row(), static_cast<int>(dpi));
    if (!pix) return make_error(Code::BadInput, msg("trust.pdf.damaged", {{"file", name}}), {msg("trust.pdf.hint")});
    const ocr::Prepared prepared = ocr::prepare(pix.get(), static_cast<int>(dpi), options);
    if (!prepared.pix) return make_error(Code::BadInput, msg("trust.pdf.damaged", {{"file", name}}), {msg("trust.pdf.hint")});
    out.pages.push_back(engine.recognise(prepared, renderer.get()));
    layered.push_back(i);
  }
  finish(out, name);
  if (renderer && !layered.empty()) {
    renderer->EndDocument();
    renderer.reset();
    Result<std::string> pdf = ocr::overlay_text_layer(bytes, temp.read(), layered, options.creation_date);
    if (!pdf) return pdf.error();
    out.pdf = std::move(pdf).take();
  }
  return out;
}

Result<OcrOutcome> recognise_image(const std::string& bytes, const std::string& name, const OcrOptions& options) {
  Result<int> pages = ocr::image_pages(bytes, name, options.limits);
  if (!pages) return pages.error();
  const int n = pages.value();
  Engine engine;
  if (!engine.ok()) return model_missing();
  TempBase temp;
  std::unique_ptr<tesseract::TessPDFRenderer> renderer;
  if (options.want_pdf) {
    renderer = std::make_unique<tesseract::TessPDFRenderer>(temp.base.c_str(), engine.api().GetDatapath(), false);
    renderer->BeginDocument("");
  }
  OcrOutcome out;
  for (int i = 0; i < n; ++i) {
    if (options.progress) options.progress(i + 1, n);
    Result<ocr::PixPtr> pix = ocr::decode_image_page(bytes, name, i, options.limits);
    if (!pix) return pix.error();
    const ocr::Prepared prepared = ocr::prepare(pix.value().get(), ocr::image_dpi(pix.value().get()), options);
    if (!prepared.pix) return make_error(Code::BadInput, msg("ocr.image.unreadable", {{"file", name}}), {msg("ocr.image.hint")});
    out.pages.push_back(engine.recognise(prepared, renderer.get()));
  }
  finish(out, name);
  if (renderer) {
    renderer->EndDocument();
    renderer.reset();
    Result<std::string> pdf = ocr::normalise_pdf(temp.read(), options.creation_date);
    if (!pdf) return pdf.error();
    out.pdf = std::move(pdf).take();
  }
  return out;
}

}  // namespace

Result<OcrOutcome> recognise_scan(const std::string& bytes, const std::string& name, const OcrOptions& options) {
  ocr::quiet_leptonica();
  const ScanFormat f = scan_format(bytes);
  if (f == ScanFormat::None)
    return make_error(Code::BadInput, msg("ocr.kind", {{"file", name}}), {msg("ocr.image.hint")});
  if (f == ScanFormat::Pdf) return recognise_pdf(bytes, name, options);
  return recognise_image(bytes, name, options);
}

bool pdf_needs_ocr(const std::string& bytes) {
  if (scan_format(bytes) != ScanFormat::Pdf) return false;
  if (pdf_limits_problem(bytes, "", PdfLimits{})) return false;  // refused later, by whoever reads it
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d || d->is_locked()) return false;
  for (int i = 0; i < d->pages(); ++i) {
    std::unique_ptr<poppler::page> p(d->create_page(i));
    if (!p) return false;
    const auto t = p->text().to_utf8();
    if (visible_chars(std::string_view(t.data(), t.size())) < kOwnTextChars) return true;
  }
  return false;
}

Result<int> decode_scan_image(const std::string& bytes, const std::string& name, const ScanLimits& limits) {
  Result<int> pages = ocr::image_pages(bytes, name, limits);
  if (!pages) return pages.error();
  OcrOptions options;
  for (int i = 0; i < pages.value(); ++i) {
    Result<ocr::PixPtr> pix = ocr::decode_image_page(bytes, name, i, limits);
    if (!pix) return pix.error();
    ocr::prepare(pix.value().get(), ocr::image_dpi(pix.value().get()), options);
  }
  return pages.value();
}

bool ocr_available() {
  tesseract::TessBaseAPI api;
  const bool ok = api.Init(nullptr, kLanguage, tesseract::OEM_LSTM_ONLY) == 0;
  api.End();
  return ok;
}

}  // namespace gongwen::search
