#pragma once
// The document's parts as the layout sees them: the 版头 on page 1 (absolute positions),
// the 主体 as flow items, and the 版记 pinned to the bottom of the last page.
#include <optional>
#include <vector>

#include "flow.hpp"

namespace gongwen::layout {

struct Header {
  std::vector<TextRun> runs;  // absolute page positions
  std::vector<Rule> rules;
  int next_row = 0;           // first grid row free for the flow
  LayoutDecisions::Mark mark;  // what the DOCX needs of the 标志 (size 0: none)
  int number_row = -1;         // the 发文字号's row
};

Header layout_header(const Document& doc);

// 标题 … 附件: everything between the 版头 and the 版记.
// Records in `decided` the lines the 标题 and the attachments' titles were balanced into.
std::vector<FlowItem> layout_main(const Document& doc, const LayoutOptions& options,
                                  int title_gap, LayoutDecisions& decided);

// 署名, seals and 成文日期 of a joint issue (Document::joint_signers, two or more organs);
// records where each name and seal went in `decided.joint_names` (joint_signature.cpp).
void add_joint_signature(std::vector<FlowItem>& out, const Document& doc, const LayoutOptions& opt,
                         LayoutDecisions& decided);

// 署名 of a document with the 签发人's 签名章 (Document::signature_stamp): the 职务 and the
// image on one row, the 成文日期 under them (stamp_signature.cpp).
void add_stamped_signature(std::vector<FlowItem>& out, const Document& doc);

// 版记: `rows` grid rows ending on the last row of the 版心; positions relative to the top
// of its first row.
struct Colophon {
  int rows = 0;
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
};

std::optional<Colophon> layout_colophon(const Document& doc);

}  // namespace gongwen::layout
