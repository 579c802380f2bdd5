#pragma once
// The office's printed forms: the 归档文件目录 (PDF and DOCX), the 备考表 and the 盒脊 (DA/T 22) and the
// 文件处理签 of a received document and the 归档章, drawn by
// the pipeline from plain data so that the archive library draws no PDF itself. Every
// output is a pure function of its input (fixed PDF dates).
#include <array>
#include <utility>
#include <string>
#include <vector>

#include "gongwen/pipeline/date.hpp"

namespace gongwen::forms {

// One row of the 归档文件目录: 序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注.
using CatalogueCells = std::array<std::string, 9>;
inline constexpr const char* kCatalogueHeads[9] = {"序号", "档号", "文号", "责任者", "题名",
                                                   "日期", "密级", "页数", "备注"};
// Column widths in mm on A4 landscape (297 − 2 × 20 mm margins = 257 mm), for 9 pt text: a
// 档号 or 文号 on one line, the 日期 on one line in either spelling (2026-11-20), room for a 备注.
inline constexpr double kCatalogueWidths[9] = {10, 46, 38, 30, 66, 20, 10, 10, 27};

// A4 landscape; the heading and the column heads repeat on each page.
std::string catalogue_pdf(const std::vector<CatalogueCells>& rows, const std::string& heading);
// The same table as a DOCX (A4 landscape, column heads repeated); `stamp` is every zip
// entry's time, so the same rows give the same bytes.
std::string catalogue_docx(const std::vector<CatalogueCells>& rows, const std::string& heading,
                           const Instant& stamp);

// 备考表 of one box; item numbers already as printed (four digits).
struct NotesForm {
  std::string fonds, year, box_code, first_item, last_item;
  int items = 0;
  std::vector<std::string> notes;  // empty: 无缺损、修改、补充、移出、销毁等情况。
  std::string arranger, arranged_on, checker, checked_on;
};
// One A4 page per box, in order.
std::string notes_pdf(const std::vector<NotesForm>& sheets);

// Label and value, top to bottom.
using LabelledRows = std::vector<std::pair<std::string, std::string>>;

// 盒脊: one 50 × 310 mm page per box (an empty value prints "—").
std::string box_spines_pdf(const std::vector<LabelledRows>& boxes);

// 文件处理签 of a received document: its registration rows (拟办意见 and 领导批示 get tall
// boxes), then the 传阅记录 lines.
std::string processing_slip_pdf(const std::string& office_name, const LabelledRows& rows,
                                const std::vector<std::string>& circulation);

// 归档章 (DA/T 22 §7.2): 全宗号, 年度, 件号 over 机构, 保管期限, 页数; an empty cell stays blank.
struct ArchiveStampForm {
  std::string fonds, year, item_no, unit, retention, pages;
};
inline constexpr double kArchiveStampWidthMm = 45.0, kArchiveStampHeightMm = 16.0;
// A 45 × 16 mm page carrying the stamp: a red frame, 2 × 3 equal cells, text centred.
std::string archive_stamp_pdf(const ArchiveStampForm& stamp);

}  // namespace gongwen::forms
