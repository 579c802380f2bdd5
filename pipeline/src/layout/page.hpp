#pragma once
// What the layout hands to the writers: pages of positioned text runs, rules and the seal.
// Pure data in points (origin top-left of A4); no cairo, no fonts, only font roles.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/pipeline/layout_decisions.hpp"
#include "gongwen/pipeline/model.hpp"

namespace gongwen::layout {

// The typefaces GB/T 9704 names; the writer maps each to a real font.
enum class FontRole { FangSong, KaiTi, HeiTi, XiaoBiaoSong, SongTi };
constexpr int kFontRoleCount = 5;

struct Color {
  double r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};
inline constexpr Color kBlack{0, 0, 0};
inline constexpr Color kRed{0xE6 / 255.0, 0x00 / 255.0, 0x12 / 255.0};  // #E60012

// Which element of the 公文 (GB/T 9704 names, GB/T 33476.1 structure) a run shows. The
// writers ignore it except the OFD's CustomTags, which point an exchange system at the
// objects of each element instead of letting it guess from positions.
enum class Element {
  CopyNumber,       // 份号
  Secrecy,          // 密级和保密期限
  Urgency,          // 紧急程度
  Mark,             // 发文机关标志
  Number,           // 发文字号
  Signer,           // 签发人
  Title,            // 标题
  Recipients,       // 主送机关
  Body,             // 正文 (also 出席/列席 of 纪要)
  AttachmentNotes,  // 附件说明
  Signature,        // 发文机关署名
  Date,             // 成文日期
  Note,             // 附注
  Attachment,       // 附件
  CopiesTo,         // 抄送机关
  Printer,          // 印发机关
  PrintDate,        // 印发日期
  PageNumber,       // 页码
  Seal,             // 印章: the seal's picture (no run carries it; the OFD tags its object)
};

// One line's worth of characters in one font: `x[i]` is the left edge of the em box of the
// i-th code point of `text`, `baseline` the shared baseline.
struct TextRun {
  FontRole role = FontRole::FangSong;
  double size = 16.0;
  Color color = kBlack;
  double baseline = 0;
  std::string text;        // UTF-8
  std::vector<double> x;   // one entry per code point
  Element element = Element::Body;
};

// A horizontal line; `y` is its centre, `width` its thickness.
struct Rule {
  double x0 = 0, x1 = 0, y = 0, width = 1.0;
  Color color = kBlack;
};

// A vertical line (table rulings); `x` is its centre.
struct VRule {
  double x = 0, y0 = 0, y1 = 0, width = 0.5;
  Color color = kBlack;
};

// A picture block: `x`, `y` its top-left corner, scaled to `width` × `height` points. The
// pointer is into the Document the layout was made from.
struct ImagePlacement {
  const Image* image = nullptr;
  double x = 0, y = 0, width = 0, height = 0;
};

struct SealPlacement {
  double cx = 0, cy = 0, diameter = 0;
  int organ = -1;  // index into Document::joint_signers; -1: the one organ's seal_text
};

struct Page {
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
  std::vector<VRule> vrules;             // table rulings
  std::vector<ImagePlacement> images;
  std::vector<SealPlacement> seals;     // one per organ (联合行文), in organ order
  std::optional<TextRun> page_number;  // absent on the 版记-only page and letter page 1
  // The page that keeps the seal with the text by setting the last 正文 paragraphs tighter
  // (layout.cpp): their line pitch in twips and the first of them (index into
  // Document::body); 0 / -1 on every other page. The DOCX sets the same exact spacing.
  int tight_pitch_twips = 0;
  int tight_from_block = -1;
};

// Advance width in em of a code point in a role's font. The layout asks only for half-width
// (Latin) characters, to give Latin words and numbers the room a word processor gives them.
using AdvanceFn = std::function<double(FontRole, char32_t)>;

struct LayoutOptions {
  double seal_diameter = 42.0 / 25.4 * 72.0;  // points
  AdvanceFn advance;  // empty: half a cell per Latin character (no fonts known)
  std::vector<std::string> names;  // organ and place names titles never split (words.hpp)
};

// The pages and what was decided on the way (layout_decisions.hpp): the writers of both
// formats work from this one result.
struct LaidOut {
  std::vector<Page> pages;
  LayoutDecisions decisions;
};

LaidOut lay_out(const Document& doc, const LayoutOptions& options);

// The pages alone.
std::vector<Page> layout_document(const Document& doc, const LayoutOptions& options);

}  // namespace gongwen::layout
