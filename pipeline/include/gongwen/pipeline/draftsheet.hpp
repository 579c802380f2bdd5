#pragma once
// 发文稿纸 (the draft sheet): the one-page A4 record filed with every issued document — who
// drafted it, who reviewed and signed it off with which opinion and when, where it goes and
// how many copies were printed. Pure: the sheet's fields in, PDF bytes out.
#include <string>
#include <vector>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/render.hpp"

namespace gongwen {

// One handling step: a review (审核) or the sign-off (签发).
struct DraftSheetStep {
  std::string name;     // 姓名, e.g. 赵丽
  std::string post;     // 职务, e.g. 副主任 (may be empty)
  std::string opinion;  // 意见, e.g. 同意 / 同意印发
  std::string date;     // e.g. 2026年1月5日 10:00
};

struct DraftSheet {
  std::string organ;            // heading: "<organ>发文稿纸"
  std::string title;            // 标题
  std::string number;           // 文号
  std::string kind;             // 文种
  std::string secrecy;          // 密级 ("" = 无)
  std::string urgency;          // 紧急程度 ("" = 无)
  std::string drafter;          // 拟稿人 (name)
  std::string drafter_unit;     // 拟稿单位
  std::string drafted_on;       // 拟稿日期
  std::vector<DraftSheetStep> reviews;  // 审核, in chain order
  DraftSheetStep signoff;       // 签发
  std::string main_recipients;  // 主送
  std::string copies_to;        // 抄送
  int copies = 0;               // 印数
  std::string issued_on;        // 印发日期
};

// Renders the sheet on exactly one A4 page (long text is set smaller until it fits). Only
// `options.fonts` and `options.created` are used. Same inputs → same bytes.
Result<RenderedFile> render_draft_sheet(const DraftSheet& sheet, const RenderOptions& options);

}  // namespace gongwen
