#pragma once
// What our GB/T 9704 layout decided besides where each glyph goes: the choices a word
// processor cannot make by itself and that the DOCX must therefore carry (docs/docx.md,
// "Following our layout"). The layout records each where it makes it (layout/header.cpp,
// main_part.cpp, layout.cpp); the DOCX writer only converts them to WordprocessingML.
// Lengths are in points, rows are 0-based rows of the 22-row grid of the 版心.
#include <cstddef>
#include <string>
#include <vector>

namespace gongwen {

struct LayoutDecisions {
  // 发文机关标志. `size` 0: none. `top` is its em-box top below the 版心 top. One organ:
  // `names` holds the one line; a joint issue (`stacked`): the names one under another, the
  // suffix ("文件", "纪要"; may be empty) beside them, `names_width` the stack's measure.
  struct Mark {
    double size = 0;
    double top = 0;
    bool stacked = false;
    std::vector<std::string> names;
    std::string suffix;
    double names_width = 0;
  };
  Mark mark;
  int number_row = -1;                   // the 发文字号's grid row on page 1 (-1: none)
  std::vector<std::string> title_lines;  // the 标题 as balanced into lines
  // Per attachment (Document::attachments), its title's lines; empty without a title.
  std::vector<std::vector<std::string>> attachment_title_lines;
  // The seal's page set its last 正文 paragraphs at a tighter exact line pitch (twips) from
  // this index into Document::body on, to keep the seal with the text; 0 / -1: no page did.
  int tight_pitch_twips = 0;
  int tight_from_block = -1;
  // 正文 paragraphs (indexes into Document::body) that begin a page the layout started before
  // the previous one was full: a keep-with-next chain or the seal block carried them over.
  // A reader's keep rules may decide otherwise (LibreOffice leaves the paragraph above a
  // 附件说明 behind), so the DOCX starts each of them on a new page itself (w:pageBreakBefore).
  // Pages that end full need no such mark: the reader's line grid breaks them where we do.
  std::vector<int> page_start_blocks;
  // Standalone 正文 headings that wrap: where the layout moved a word whole to the next line
  // (GB/T 9704 §7.3.1, 回行时词意完整), the byte offsets into the block's text of those
  // lines' starts; the DOCX breaks the line there (w:br), as it does a title's lines: a
  // reader knows no words (LibreOffice ignores a word joiner between Han characters).
  // `block` indexes Document::body.
  struct KeptWords {
    int block = -1;
    std::vector<std::size_t> bytes;
  };
  std::vector<KeptWords> kept_words;
  // 版记: on the last text page, or alone on a page after the text (an even page), with a
  // blank page before it when the text ends on an even page.
  bool has_colophon = false;
  bool colophon_own_page = false;
  bool blank_before_colophon = false;
  // The seal: its page (0-based, -1: none) and centre and diameter on that page; for a
  // joint issue the last seal (the one pressing the 成文日期).
  int seal_page = -1;
  double seal_cx = 0, seal_cy = 0, seal_diameter = 0;
  // Every seal, in organ order: its page, centre, diameter and organ (index into
  // Document::joint_signers; -1 for a single organ's seal).
  struct Seal {
    int page = -1;
    double cx = 0, cy = 0, diameter = 0;
    int organ = -1;
  };
  std::vector<Seal> seals;
  // 签名章 (Document::signature_stamp): its page (-1: none), its top-left corner and size
  // there. The 签发人's 职务 shares its grid row, the image centred on the row.
  struct Stamp {
    int page = -1;
    double x = 0, y = 0, width = 0, height = 0;
  };
  Stamp stamp;
  // 联合行文 (Document::joint_signers): the 署名 as the layout set them, one entry per organ.
  // `row` is the grid row inside the 署名 block (0 = the first row under the text), `x` and
  // `width` the name's left edge (points from the page's left edge) and width; the 成文日期
  // goes on the row after the last name. `seal_dy`: the organ's seal centre below the top of
  // its name's row (sealed documents; 0 otherwise).
  struct JointName {
    int row = 0;
    double x = 0, width = 0;
    double seal_dy = 0;
  };
  std::vector<JointName> joint_names;
  double joint_date_x = 0;  // the 成文日期's left edge under them (points from the page edge)
};

}  // namespace gongwen
