#pragma once
// What a filed year's package holds besides the archival copies: the 归档文件目录 (CSV, DOCX,
// PDF A4 landscape), the 备考表, per-件 metadata XML (GB/T 18894 minimum set + handling
// history, DA/T 48 EEP structure) and the BagIt tag files.
#include <string>
#include <vector>

#include "gongwen/pipeline/date.hpp"

namespace gongwen::archive {

struct CatalogueRow {
  int seq = 0;
  std::string code, number, author, title, date8, secrecy, pages, note;
  std::string box;  // 盒号 (CSV only: the printed catalogue keeps DA/T 22's nine columns)
};

struct HandlingStep {
  std::string step, actor, at, detail;  // 拟稿 / 审核 / 签发 / 用印 / 登记 / 收文 / 传阅 / 归档
};

struct ItemMetadata {
  std::string code, number, title, author, date, unit, retention, secrecy, origin;  // 发文 / 收文
  std::string file_name, format = "PDF/A-2b", software = "gongwen", sha256, original_sha256;
  std::size_t size = 0;
  int item_no = 0, pages = 0;
  std::string box;  // 盒号
  std::string created_at, created_by;
  std::vector<HandlingStep> history;
  // Further files of the 件 beside the main one (an issued document's OFD), each its own
  // 文件数据 after the main file's.
  struct File {
    std::string format, file_name, sha256;
    std::size_t size = 0;
  };
  std::vector<File> also;
};

// One box (盒, DA/T 22 §8): 件 of one class in 件号 order.
struct BoxInfo {
  std::string fonds, year, retention, unit, class_code;
  int box_no = 0, first_item = 0, last_item = 0, items = 0, pages = 0;
  std::string box_code() const;  // class code + 盒 + four digits, e.g. Z109-WS·2025-Y-BGS-盒0001
};

struct NotesSheet {  // 备考表, one per box
  std::string year, fonds;
  BoxInfo box;
  std::vector<std::string> notes;
  std::string arranger, arranged_on, checker, checked_on;
};

std::string catalogue_csv(const std::vector<CatalogueRow>& rows);
std::string catalogue_docx(const std::vector<CatalogueRow>& rows, const std::string& heading,
                           const Instant& stamp);
std::string catalogue_pdf(const std::vector<CatalogueRow>& rows, const std::string& heading);
// One page (text: one section) per box, in box order.
std::string notes_pdf(const std::vector<NotesSheet>& sheets);
std::string notes_text(const std::vector<NotesSheet>& sheets);
// 盒脊: one page per box (50 × 310 mm): 全宗号, 年度, 保管期限, 机构, 起止件号, 盒号.
std::string box_spines_pdf(const std::vector<BoxInfo>& boxes);
// 盒号,全宗号,年度,保管期限,机构,起件号,止件号,件数,页数 — the box list of the year.
std::string boxes_csv(const std::vector<BoxInfo>& boxes);
std::string metadata_xml(const ItemMetadata& m);

inline constexpr const char* kEepNamespace = "http://www.saac.gov.cn/standards/ERM/encapsulation";

// A DA/T 48 EEP being written: the constructor writes the head every package shares (root,
// 封装包格式描述, 版本, 被签名对象 with its eep版本, 封装包类型 and its 描述, 创建时间, 创建单位),
// the caller adds its content and closes what it opened, finish() returns the XML.
class EepWriter {
 public:
  EepWriter(const char* package_type, const char* type_description, const std::string& created_at,
            const std::string& created_by);
  ~EepWriter();
  EepWriter(const EepWriter&) = delete;
  EepWriter& operator=(const EepWriter&) = delete;
  void el(const char* name, const std::string& text);
  void open(const char* name);
  void close();
  std::string finish();

 private:
  struct Impl;
  Impl* m_impl;
};

}  // namespace gongwen::archive

#include "gongwen/archive/receiving.hpp"
namespace gongwen::archive {
// The 文件处理签 of a received document: registration data, 拟办 and 批示 boxes, circulation.
std::string processing_slip_pdf(const ReceivedRecord& r, const std::string& office_name,
                                const std::vector<CirculationRecord>& circulation);
}  // namespace gongwen::archive
