#include "ofd/page_xml.hpp"

#include <cmath>

#include "docx/xml_writer.hpp"
#include "layout/text.hpp"
#include "ofd/units.hpp"
#include "pdf/glyph_run.hpp"

namespace gongwen::ofd {
namespace {

using docx::XmlWriter;

std::string rgb(const layout::Color& c) {
  auto v = [](double x) { return std::to_string(static_cast<int>(std::lround(x * 255.0))); };
  return v(c.r) + " " + v(c.g) + " " + v(c.b);
}

std::string box(double x, double y, double w, double h) {
  return mm(x) + " " + mm(y) + " " + mm(w) + " " + mm(h);
}

// DeltaX with runs of equal advances written "g N v" (GB/T 33190 §11.3): a line of Chinese
// on the 28-character grid is one "g 27 5.5".
std::string delta_x(const std::vector<pdf::PlacedGlyph>& g, std::size_t begin, std::size_t end) {
  std::vector<std::string> d;
  for (std::size_t i = begin + 1; i < end; ++i) d.push_back(mm(g[i].x - g[i - 1].x));
  std::string out;
  for (std::size_t i = 0; i < d.size();) {
    std::size_t j = i + 1;
    while (j < d.size() && d[j] == d[i]) ++j;
    if (!out.empty()) out += ' ';
    if (j - i >= 3) out += "g " + std::to_string(j - i) + " " + d[i];
    else
      for (std::size_t k = i; k < j; ++k) out += (k > i ? " " : "") + d[k];
    i = j;
  }
  return out;
}

class PageWriter {
 public:
  PageWriter(XmlWriter& w, unsigned page_id, pdf::FontSet& fonts, const PageResources& res,
             IdCounter& ids, std::vector<TaggedObject>& tags)
      : m_w(w), m_page(page_id), m_fonts(fonts), m_res(res), m_ids(ids), m_tags(tags) {}

  void run(const layout::TextRun& run) {
    pdf::place_glyphs(run, m_fonts, m_glyphs);
    // One TextObject per stretch of glyphs in one face, as the PDF draws them.
    for (std::size_t i = 0; i < m_glyphs.size();) {
      std::size_t j = i + 1;
      while (j < m_glyphs.size() && m_glyphs[j].glyph.face == m_glyphs[i].glyph.face) ++j;
      text_object(run, i, j);
      i = j;
    }
  }

  void rule(const layout::Rule& r) {
    path(r.x0, r.y - r.width / 2, r.x1 - r.x0, r.width, r.width, r.color,
         "M 0 " + mm(r.width / 2) + " L " + mm(r.x1 - r.x0) + " " + mm(r.width / 2));
  }

  void vrule(const layout::VRule& v) {
    path(v.x - v.width / 2, v.y0, v.width, v.y1 - v.y0, v.width, v.color,
         "M " + mm(v.width / 2) + " 0 L " + mm(v.width / 2) + " " + mm(v.y1 - v.y0));
  }

  unsigned image(unsigned media, double x, double y, double w, double h) {
    const unsigned id = m_ids.take();
    m_w.start("ofd:ImageObject");
    m_w.attr("ID", id);
    m_w.attr("Boundary", box(x, y, w, h));
    m_w.attr("CTM", mm(w) + " 0 0 " + mm(h) + " 0 0");
    m_w.attr("ResourceID", media);
    m_w.end();
    return id;
  }

  void tag(layout::Element e, unsigned id) { m_tags.push_back({e, m_page, id}); }

 private:
  void text_object(const layout::TextRun& run, std::size_t begin, std::size_t end) {
    const auto font = m_res.font_of_face.find(m_glyphs[begin].glyph.face);
    if (font == m_res.font_of_face.end()) return;
    const double x0 = m_glyphs[begin].x;
    const double top = run.baseline - run.size;
    const double width = m_glyphs[end - 1].x + run.size - x0;
    const unsigned id = m_ids.take();
    m_w.start("ofd:TextObject");
    m_w.attr("ID", id);
    m_w.attr("Boundary", box(x0, top, width, run.size * 1.25));
    m_w.attr("Font", font->second);
    m_w.attr("Size", mm(run.size));
    if (!(run.color == layout::kBlack)) {
      m_w.start("ofd:FillColor");
      m_w.attr("Value", rgb(run.color));
      m_w.end();
    }
    std::string text;
    for (std::size_t i = begin; i < end; ++i) layout::append_utf8(text, m_glyphs[i].cp);
    m_w.start("ofd:TextCode");
    m_w.attr("X", "0");
    m_w.attr("Y", mm(run.baseline - top));
    if (end - begin > 1) m_w.attr("DeltaX", delta_x(m_glyphs, begin, end));
    m_w.text(text);
    m_w.end();
    m_w.end();
    tag(run.element, id);
  }

  void path(double x, double y, double w, double h, double line, const layout::Color& c,
            const std::string& data) {
    m_w.start("ofd:PathObject");
    m_w.attr("ID", m_ids.take());
    m_w.attr("Boundary", box(x, y, w, h));
    m_w.attr("LineWidth", mm(line));
    m_w.start("ofd:StrokeColor");
    m_w.attr("Value", rgb(c));
    m_w.end();
    m_w.start("ofd:AbbreviatedData");
    m_w.text(data);
    m_w.end();
    m_w.end();
  }

  XmlWriter& m_w;
  unsigned m_page;
  pdf::FontSet& m_fonts;
  const PageResources& m_res;
  IdCounter& m_ids;
  std::vector<TaggedObject>& m_tags;
  std::vector<pdf::PlacedGlyph> m_glyphs;
};

}  // namespace

std::string page_content_xml(const layout::Page& page, unsigned page_id, pdf::FontSet& fonts,
                             const PageResources& res, IdCounter& ids,
                             std::vector<TaggedObject>& tags) {
  XmlWriter w;
  w.start("ofd:Page");
  w.attr("xmlns:ofd", "http://www.ofdspec.org/2016");
  w.start("ofd:Content");
  w.start("ofd:Layer");
  w.attr("ID", ids.take());
  w.attr("Type", "Body");
  PageWriter pw(w, page_id, fonts, res, ids, tags);
  // The PDF's drawing order: rules, pictures, text, the page number, the seal on top.
  for (const layout::Rule& r : page.rules) pw.rule(r);
  for (const layout::VRule& v : page.vrules) pw.vrule(v);
  for (const layout::ImagePlacement& im : page.images) {
    const auto media = res.media_of_image.find(im.image);
    if (media != res.media_of_image.end() && im.width > 0 && im.height > 0)
      pw.image(media->second, im.x, im.y, im.width, im.height);
  }
  for (const layout::TextRun& run : page.runs) pw.run(run);
  if (page.page_number) pw.run(*page.page_number);
  for (const layout::SealPlacement& seal : page.seals) {
    const auto media = res.seal_media.find(seal.organ);
    if (media == res.seal_media.end()) continue;
    const double d = seal.diameter;
    const unsigned id = pw.image(media->second, seal.cx - d / 2, seal.cy - d / 2, d, d);
    pw.tag(layout::Element::Seal, id);
  }
  return w.finish();
}

}  // namespace gongwen::ofd
