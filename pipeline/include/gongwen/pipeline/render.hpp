#pragma once
// The writers: the same Document becomes a PDF (cairo + pango, our own GB/T 9704 grid
// layout) and a DOCX (WordprocessingML with the same grid). Both are pure: bytes out, the
// creation time comes from the options, never from the system clock.
#include <string>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/error.hpp"
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
};

struct RenderedFile {
  std::string bytes;                  // the whole file
  int pages = 0;                      // PDF: page count; DOCX: 0 (the reader lays it out)
  std::vector<std::string> warnings;  // e.g. which font stood in for which role
};

Result<RenderedFile> render_pdf(const Document& doc, const RenderOptions& options);
Result<RenderedFile> render_docx(const Document& doc, const RenderOptions& options);

}  // namespace gongwen
