#pragma once
// The document model: the parts of a 公文 as GB/T 9704-2012 names them (版头 / 主体 / 版记).
// It knows no fonts and no coordinates; layout and the writers decide those. Every writer
// (PDF, DOCX, search index) reads this model; none re-parses another writer's output.
#include <string>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/secrecy.hpp"

namespace gongwen {

// 行文方向: 上行文 carry 签发人; the template decides.
enum class Direction { Downward, Upward, Parallel };  // 下行文, 上行文, 平行文

// GB/T 9704 formats: the ordinary 文件格式 and the three special ones.
enum class Format { Ordinary, Letter, Order, Minutes };  // 文件, 信函, 命令（令）, 纪要

enum class Urgency { None, Urgent, VeryUrgent };                // —, 加急, 特急

// Heading levels of 正文 recognised from the text: 一、 / （一） / 1. / （1）; a table or a
// picture is a block of its own (docs/drafts.md, "Tables and pictures").
enum class BlockKind { Paragraph, Heading1, Heading2, Heading3, Heading4, Table, Image };

// A ruled table: rows × cells of plain text. The header rows repeat on every page the table
// runs onto; column widths are relative weights (empty: equal columns).
struct Table {
  std::vector<std::vector<std::string>> rows;  // every row has the same number of cells
  int header_rows = 0;                         // 0 or 1
  std::vector<double> column_weights;          // one per column, > 0; empty = equal
  std::size_t columns() const { return rows.empty() ? 0 : rows.front().size(); }
};

enum class ImageFormat { Png, Jpeg };

// A picture kept as its file's bytes (never re-encoded), shown as one block scaled to fit
// the 版心 and never split across pages.
struct Image {
  std::string file;            // name of the file beside the draft (for messages and the DOCX)
  std::string alt;             // description (the draft's ![…])
  ImageFormat format = ImageFormat::Png;
  std::string bytes;
  int pixel_width = 0, pixel_height = 0;
  double width_mm = 0;         // requested width; 0: natural size at 96 dpi, capped to the 版心
};

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  // The full text of the paragraph including its marker ("（一）加强领导。全乡各村……").
  // A table: its cells in reading order, "　" between cells and "\n" between rows (for the
  // index and the document's fingerprint; writers use `table`). A picture: its description.
  std::string text;
  // Bytes at the start of `text` set in the heading's typeface: the whole text for a
  // standalone heading, the marker plus the first sentence for a run-in heading, 0 for a
  // plain paragraph.
  std::size_t heading_bytes = 0;
  Table table{};  // kind == Table only
  Image image{};  // kind == Image only
};

struct Attachment {
  std::string title;          // shown centred on the attachment's first page
  std::vector<Block> body;    // its text, same block rules as 正文
};

// 署名 and seal: GB/T 9704 lays out sealed and unsealed documents differently.
enum class SealMode { Sealed, Unsealed };

struct Document {
  // Which template (文种) it was drafted from, e.g. "notice"; and the 文种 word, e.g. "通知".
  std::string template_id;
  std::string kind;
  Direction direction = Direction::Downward;
  Format format = Format::Ordinary;

  // 版头
  std::string copy_number;                 // 份号, 6 digits; only on numbered copies
  Secrecy secrecy = Secrecy::None;
  std::string secrecy_term;                // 保密期限, e.g. "1年" → 秘密★1年
  Urgency urgency = Urgency::None;
  std::vector<std::string> issuers;        // 发文机关 full names; several = joint issue, lead first
  std::string issuer_mark;                 // 发文机关标志, e.g. "白路乡人民政府文件"
  std::string number;                      // 发文字号, empty until issued: 白政发〔2026〕7号
  std::vector<std::string> signers;        // 签发人 names (上行文 only)

  // 主体
  std::string title;                       // 标题 (not printed in 命令格式: a 令 shows its 令号)
  // 题注: one line under the title, e.g. "（2026年1月8日白路乡第十八届人民代表大会第六次会议
  // 通过）" for 决议 and 公报. A document with one carries its date there, so no 署名 and no
  // 成文日期 are printed at its end.
  std::string title_note;
  std::string main_recipients;             // 主送机关, without the closing "："
  std::vector<Block> body;                 // 正文
  std::vector<std::string> attachment_notes;  // 附件说明: one name per attachment
  std::string signature;                   // 发文机关署名
  // 签名章 (GB/T 9704 7.3.5.3; 命令格式 10.3): the 签发人's registered signature image, pressed
  // at issue like a seal (services/stamps.hpp). With it the 署名 row prints `stamp_post` (the
  // 签发人's 职务) two 字 left of the image; `signature` keeps post and name for the text.
  // Empty bytes: no 签名章.
  Image signature_stamp;
  std::string stamp_post;
  Date date;                               // 成文日期
  SealMode seal = SealMode::Sealed;
  std::string seal_text;                   // the organ name on the seal
  std::string seal_subtext;                // optional text below the star
  // 联合行文 (GB/T 9704 §7.3.5.1): each organ's 署名 and the text of its own seal, in the
  // order of the 标志. Filled for two or more organs (then `signature` is their names
  // joined, for the plain text); empty for one organ, whose seal is `seal_text`.
  struct JointSigner {
    std::string name;
    std::string seal_text;
  };
  std::vector<JointSigner> joint_signers;
  std::string note;                        // 附注, without the （ ）
  std::vector<Attachment> attachments;     // 附件

  // 纪要格式
  std::vector<std::string> present, absent, attending;  // 出席, 请假, 列席

  // 版记
  std::string copies_to;                   // 抄送 list, without "抄送：" and the final "。"
  std::string printer;                     // 印发机关
  Date print_date;                         // 印发日期

  // Plain text of the whole document in reading order, for indexing and hashing.
  std::string plain_text() const;
};

const char* to_chinese(Urgency u);    // "" / 加急 / 特急
const char* to_chinese(Direction d);  // 下行文 / 上行文 / 平行文
const char* to_chinese(Format f);     // 文件格式 / 信函格式 / 命令格式 / 纪要格式

}  // namespace gongwen
