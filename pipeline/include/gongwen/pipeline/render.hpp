#pragma once
// The writers: the same Document is laid out once (our own GB/T 9704 grid layout) and the
// laid-out document becomes a PDF (cairo) and a DOCX (WordprocessingML carrying the
// layout's decisions). Both are pure: bytes out, the creation time comes from the options,
// never from the system clock.
#include <memory>
#include <string>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/layout_decisions.hpp"
#include "gongwen/pipeline/model.hpp"

namespace gongwen {

// Font families per typographic role, each a comma-separated preference list for
// fontconfig. The organ's profile may override; the defaults fall back to the free fonts
// Debian ships (see docs/layout.md).
struct FontChoices {
  std::string fangsong = "仿宋_GB2312,FangSong_GB2312,仿宋,FangSong,FandolFang";
  std::string kaiti = "楷体_GB2312,KaiTi_GB2312,楷体,KaiTi,FandolKai,AR PL KaitiM GB";
  std::string heiti = "黑体,SimHei,FandolHei,Noto Sans CJK SC";
  std::string xiaobiaosong = "方正小标宋简体,FZXiaoBiaoSong-B05S,Noto Serif CJK SC Black,Noto Serif CJK SC";
  std::string songti = "宋体,SimSun,FandolSong,Noto Serif CJK SC";
};

struct RenderOptions {
  Instant created;            // PDF CreationDate, DOCX dcterms:created
  FontChoices fonts;
  double seal_diameter_mm = 42.0;  // 乡镇 seal: 4.2 cm
  // Organ and place names a title or heading never splits across lines (the profile's,
  // Profile::names(); the document's issuers are added by the layout).
  std::vector<std::string> names;
};

struct RenderedFile {
  std::string bytes;                  // the whole file
  int pages = 0;                      // PDF: page count; DOCX: 0 (the reader lays it out)
  std::vector<std::string> warnings;  // e.g. which font stood in for which role
};

// A document laid out once for both writers: its pages (inside) and the decisions the DOCX
// carries. It refers to the Document it was made from (texts, pictures) and keeps a copy of
// the options: keep the Document alive and unchanged while this is used. Not for use from
// two threads at once.
class LaidOutDocument {
 public:
  struct Impl;  // pipeline/src/render/laid_out.hpp
  explicit LaidOutDocument(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}
  const Document& document() const;
  const RenderOptions& options() const;
  const LayoutDecisions& decisions() const;
  int pages() const;
  Impl& impl() const { return *m_impl; }

 private:
  std::shared_ptr<Impl> m_impl;
};

Result<LaidOutDocument> lay_out(const Document& doc, const RenderOptions& options);
Result<RenderedFile> write_pdf(const LaidOutDocument& laid);
Result<RenderedFile> write_docx(const LaidOutDocument& laid);
// The OFD (GB/T 33190): the same pages, glyphs where the PDF puts them, fonts embedded as
// subsets and named as the office names them, the 公文's structure as custom tags
// (docs/ofd.md).
Result<RenderedFile> write_ofd(const LaidOutDocument& laid);

// The files of one layout (issuing writes all three).
struct RenderedFiles {
  RenderedFile pdf;
  RenderedFile docx;
  RenderedFile ofd;
  LayoutDecisions decisions;  // where the seal went, for the OFD's electronic seal
};
Result<RenderedFiles> render(const Document& doc, const RenderOptions& options);

// One format: lay_out, then that writer.
Result<RenderedFile> render_pdf(const Document& doc, const RenderOptions& options);
Result<RenderedFile> render_docx(const Document& doc, const RenderOptions& options);
Result<RenderedFile> render_ofd(const Document& doc, const RenderOptions& options);

}  // namespace gongwen
