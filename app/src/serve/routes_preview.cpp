// 拟稿's live preview: the form is read exactly as a submitted draft would be; problems come
// back with the field they concern, a good draft as a PDF whose pages the page shows as
// images. The PDF is rendered once per distinct text (the same text again — the preview
// button pressed twice, an edit undone — answers from the cache), and a page is rasterised
// only when the browser asks for its image, from the PDF parsed once. Each reply carries a
// Server-Timing header so the benchmark can tell rendering from rasterising.
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gongwen/archive/registry.hpp"
#include "diagnostics_out.hpp"
#include "gongwen/pipeline/render.hpp"
#include "serve/png.hpp"
#include "serve/state.hpp"
#include "serve/timing.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kPreviewsKept = 64;
// Screen resolution: an A4 page is 595 × 842 pixels, as wide as the preview column; 3号
// characters come out 16 pixels high, legible, and a page rasterises in a few milliseconds.
constexpr double kPreviewDpi = 72;

// One page as PNG (serve/png.hpp: poppler-cpp's own PNG writer was the slow part).
std::string page_png(poppler::document& doc, int page_index) {
  if (page_index < 0 || page_index >= doc.pages()) fail(Code::NotFound, msg("web.preview.page.none"));
  std::unique_ptr<poppler::page> page(doc.create_page(page_index));
  poppler::page_renderer r;
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image img = r.render_page(page.get(), kPreviewDpi, kPreviewDpi);
  if (!img.is_valid()) fail(Code::Io, msg("web.preview.render"));
  if (img.format() == poppler::image::format_argb32 || img.format() == poppler::image::format_rgb24)
    return encode_png_rgb(img.const_data(), img.width(), img.height(), img.bytes_per_row());
  // Another pixel format (not what poppler gives today): its own writer, via a private temp file.
  const fs::path tmp = fs::temp_directory_path() / ("gongwen-preview-" + random_token() + ".png");
  if (!img.save(tmp.string(), "png")) fail(Code::Io, msg("web.preview.render"));
  std::ifstream in(tmp, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  fs::remove(tmp);
  return ss.str();
}

nlohmann::json preview_json(const std::string& id, const Preview& p, bool cached) {
  return {{"ok", true}, {"preview", id}, {"pages", p.pages}, {"warnings", p.warnings}, {"title", p.title},
          {"cached", cached}};
}

}  // namespace

RenderedFile render_preview_pdf(State& st, Draft d) {
  d.doc.number = d.code + "〔" + std::to_string(d.doc.date.year) + "〕　号";
  RenderOptions opts;
  opts.created = st.clock.now();
  opts.fonts = st.ws.profile().fonts;
  opts.seal_diameter_mm = st.ws.profile().seal_diameter_mm;
  opts.names = st.ws.profile().names();
  return render_pdf(d.doc, opts).take();
}

void add_preview_routes(httplib::Server& srv, State& st) {
  srv.Post("/api/preview", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      const Stopwatch request;
      auto form = json_body(req, res);
      if (!form) return;
      std::string toml;
      auto draft = read_form(st, *form, c->user->id, toml);
      if (!draft) {
        reply_json(res, 200, {{"ok", false}, {"diagnostics", diagnostics_json(draft.error())}});
        return;
      }
      const std::string key = archive::sha256_hex(c->user->id + "\n" + toml);
      {
        std::lock_guard lock(st.preview_mutex);
        if (auto k = st.preview_by_key.find(key); k != st.preview_by_key.end()) {
          res.set_header("Server-Timing", request.header("read") + ", " + Stopwatch::entry("render", 0));
          reply_json(res, 200, preview_json(k->second, *st.previews.at(k->second), true));
          return;
        }
      }
      const std::string read_timing = request.header("read");
      const Stopwatch rendering;
      const std::string title = draft.value().doc.title;
      RenderedFile pdf = render_preview_pdf(st, std::move(draft).value());
      const std::string render_timing = rendering.header("render");
      auto p = std::make_shared<Preview>();
      p->owner = c->user->id;
      p->key = key;
      p->pdf = std::move(pdf.bytes);
      p->pages = pdf.pages;
      p->warnings = std::move(pdf.warnings);
      p->title = title;
      const std::string id = random_token().substr(0, 32);
      {
        std::lock_guard lock(st.preview_mutex);
        st.previews[id] = p;
        st.preview_by_key[key] = id;
        st.preview_order.push_back(id);
        if (st.preview_order.size() > kPreviewsKept) {
          const std::string old = st.preview_order.front();
          st.preview_by_key.erase(st.previews.at(old)->key);
          st.previews.erase(old);
          st.preview_order.erase(st.preview_order.begin());
        }
      }
      res.set_header("Server-Timing", read_timing + ", " + render_timing);
      reply_json(res, 200, preview_json(id, *p, false));
    });
  });

  srv.Get(R"(/api/preview/([0-9a-f]{32})/(\d{1,3})\.png)", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      const Stopwatch raster;
      const std::string id = req.matches[1].str();
      const int page = std::stoi(req.matches[2].str());
      std::shared_ptr<Preview> p;
      {
        std::lock_guard lock(st.preview_mutex);
        auto it = st.previews.find(id);
        if (it == st.previews.end() || it->second->owner != c->user->id) fail(Code::NotFound, msg("web.preview.expired"));
        p = it->second;
      }
      // Rasterised outside the previews' lock: other users' previews go on meanwhile.
      std::lock_guard lock(p->raster_mutex);
      auto png = p->png.find(page);
      if (png == p->png.end()) {
        if (!p->parsed) {
          p->parsed.reset(poppler::document::load_from_raw_data(p->pdf.data(), static_cast<int>(p->pdf.size())));
          if (!p->parsed) fail(Code::Internal, msg("web.preview.reread"));
        }
        png = p->png.emplace(page, page_png(*p->parsed, page - 1)).first;
      }
      res.set_header("Server-Timing", raster.header("raster"));
      res.set_content(png->second, "image/png");
    });
  });
}

}  // namespace gongwen::app::serve
