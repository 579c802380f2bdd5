// The 归档文件目录 in three formats, the 备考表 and the per-件 metadata XML. Every output is a
// pure function of its inputs (fixed PDF dates, fixed ZIP times), so refiling the same year
// gives the same bytes.
#include "filing_package.hpp"

#include <libxml/xmlwriter.h>

#include <memory>

#include "gongwen/pipeline/forms.hpp"
#include "gongwen/archive/filing_scheme.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/libxml_ready.hpp"

namespace gongwen::archive {

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

forms::CatalogueCells cells(const CatalogueRow& r) {
  return {std::to_string(r.seq), r.code, r.number, r.author, r.title, r.date8, r.secrecy, r.pages, r.note};
}

std::vector<forms::CatalogueCells> cells(const std::vector<CatalogueRow>& rows) {
  std::vector<forms::CatalogueCells> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(cells(r));
  return out;
}

}  // namespace

std::string catalogue_csv(const std::vector<CatalogueRow>& rows) {
  // With a UTF-8 BOM: Excel reads a CSV without one in the local code page and garbles the Chinese.
  std::string csv = "\xEF\xBB\xBF序号,档号,文号,责任者,题名,日期,密级,页数,备注,盒号\n";
  for (const auto& r : rows) {
    const auto c = cells(r);
    for (std::size_t i = 0; i < c.size(); ++i) csv += (i ? "," : "") + csv_field(c[i]);
    csv += "," + csv_field(r.box) + "\n";
  }
  return csv;
}

std::string catalogue_pdf(const std::vector<CatalogueRow>& rows, const std::string& heading) {
  return forms::catalogue_pdf(cells(rows), heading);
}

std::string BoxInfo::box_code() const { return class_code + "-盒" + four_digits(box_no); }

std::string notes_text(const std::vector<NotesSheet>& sheets) {
  std::string s;
  for (const auto& n : sheets) {
    s += "备考表\n全宗号：" + n.fonds + "  年度：" + n.year + "  盒号：" + n.box.box_code() + "（" +
         four_digits(n.box.first_item) + "—" + four_digits(n.box.last_item) + "）\n本盒文件情况说明：\n";
    if (n.notes.empty()) s += "  无缺损、修改、补充、移出、销毁等情况。\n";
    for (const auto& x : n.notes) s += "  " + x + "\n";
    s += "整理人：" + n.arranger + "  日期：" + n.arranged_on + "\n";
    s += "检查人：" + n.checker + "  日期：" + n.checked_on + "\n\n";
  }
  return s;
}

std::string notes_pdf(const std::vector<NotesSheet>& sheets) {
  std::vector<forms::NotesForm> out;
  for (const auto& n : sheets)
    out.push_back({n.fonds, n.year, n.box.box_code(), four_digits(n.box.first_item),
                   four_digits(n.box.last_item), n.box.items, n.notes, n.arranger, n.arranged_on,
                   n.checker, n.checked_on});
  return forms::notes_pdf(out);
}

std::string box_spines_pdf(const std::vector<BoxInfo>& boxes) {
  std::vector<forms::LabelledRows> out;
  for (const auto& b : boxes)
    out.push_back(forms::LabelledRows{{"全宗号", b.fonds}, {"年度", b.year}, {"保管期限", b.retention}, {"机构", b.unit},
                   {"起止件号", four_digits(b.first_item) + "—" + four_digits(b.last_item)},
                   {"盒号", four_digits(b.box_no)}});
  return forms::box_spines_pdf(out);
}

std::string boxes_csv(const std::vector<BoxInfo>& boxes) {
  std::string csv = "盒号,全宗号,年度,保管期限,机构,起件号,止件号,件数,页数\n";
  for (const auto& b : boxes)
    csv += csv_field(b.box_code()) + "," + csv_field(b.fonds) + "," + b.year + "," + b.retention + "," +
           csv_field(b.unit) + "," + four_digits(b.first_item) + "," + four_digits(b.last_item) + "," +
           std::to_string(b.items) + "," + std::to_string(b.pages) + "\n";
  return csv;
}

std::string catalogue_docx(const std::vector<CatalogueRow>& rows, const std::string& heading,
                           const Instant& stamp) {
  return forms::catalogue_docx(cells(rows), heading, stamp);
}

// GB/T 18894 minimum set inside a DA/T 48 EEP shape: 封装包格式描述, 版本, 被签名对象 (封装包类型,
// 创建时间, 创建单位, 封装内容 → 文件实体块), 电子签名块 (the issued PDF carries its own CMS
// signature; the block records where it is and the original's hash), 锁定签名 (the sha256).
struct EepWriter::Impl {
  xmlBufferPtr buf = nullptr;
  xmlTextWriterPtr w = nullptr;
};

EepWriter::EepWriter(const char* package_type, const char* type_description, const std::string& created_at,
                     const std::string& created_by)
    : m_impl(new Impl) {
  libxml_ready();
  m_impl->buf = xmlBufferCreate();
  m_impl->w = xmlNewTextWriterMemory(m_impl->buf, 0);
  if (!m_impl->w) {
    xmlBufferFree(m_impl->buf);
    delete m_impl;
    fail(Code::Internal, msg("write.xml.writer"));
  }
  xmlTextWriterSetIndent(m_impl->w, 1);
  xmlTextWriterStartDocument(m_impl->w, "1.0", "UTF-8", nullptr);
  xmlTextWriterStartElementNS(m_impl->w, nullptr, BAD_CAST "电子文件封装包", BAD_CAST kEepNamespace);
  el("封装包格式描述", "本EEP根据中华人民共和国档案行业标准DA/T 48-2009《基于XML的电子文件封装规范》生成");
  el("版本", "2009");
  open("被签名对象");
  xmlTextWriterWriteAttribute(m_impl->w, BAD_CAST "eep版本", BAD_CAST "2009");
  el("封装包类型", package_type);
  el("封装包类型描述", type_description);
  el("封装包创建时间", created_at);
  el("封装包创建单位", created_by);
}

EepWriter::~EepWriter() {
  if (m_impl->w) xmlFreeTextWriter(m_impl->w);
  xmlBufferFree(m_impl->buf);
  delete m_impl;
}

void EepWriter::el(const char* name, const std::string& text) {
  xmlTextWriterWriteElement(m_impl->w, BAD_CAST name, BAD_CAST text.c_str());
}
void EepWriter::open(const char* name) { xmlTextWriterStartElement(m_impl->w, BAD_CAST name); }
void EepWriter::close() { xmlTextWriterEndElement(m_impl->w); }

std::string EepWriter::finish() {
  xmlTextWriterEndDocument(m_impl->w);
  xmlFreeTextWriter(m_impl->w);  // flushes into the buffer
  m_impl->w = nullptr;
  return std::string(reinterpret_cast<const char*>(m_impl->buf->content), m_impl->buf->use);
}

std::string metadata_xml(const ItemMetadata& m) {
  EepWriter x("原始型", "本封装包包含电子文件数据及其元数据，原始封装，未经修改", m.created_at, m.created_by);
  x.open("封装内容");
  x.open("文件实体块");
  x.open("文件实体");
  x.el("档号", m.code);
  x.el("件号", std::to_string(m.item_no));
  x.el("题名", m.title);
  x.el("文件编号", m.number);
  x.el("责任者", m.author);
  x.el("日期", m.date);
  x.el("机构或问题", m.unit);
  x.el("保管期限", m.retention);
  x.el("密级", m.secrecy.empty() ? "非密" : m.secrecy);
  x.el("来源", m.origin);
  x.el("页数", std::to_string(m.pages));
  if (!m.box.empty()) x.el("盒号", m.box);
  // One 文件数据 per file of the 件: the archival copy, then any beside it (the OFD).
  auto file_data = [&](const std::string& format, const std::string& name, std::size_t size,
                       const std::string& sha256) {
    x.open("文件数据");
    x.el("格式信息", format);
    x.el("计算机文件名", name);
    x.el("计算机文件大小", std::to_string(size));
    x.el("生成软件", m.software);
    x.el("数字摘要算法", "SHA-256");
    x.el("数字摘要", sha256);
    x.close();
  };
  file_data(m.format, m.file_name, m.size, m.sha256);
  for (const auto& f : m.also) file_data(f.format, f.file_name, f.size, f.sha256);
  x.open("处理历史");
  for (const auto& h : m.history) {
    x.open("处理步骤");
    x.el("业务行为", h.step);
    x.el("行为主体", h.actor);
    x.el("行为时间", h.at);
    if (!h.detail.empty()) x.el("行为依据", h.detail);
    x.close();
  }
  x.close();
  x.close();  // 文件实体
  x.close();  // 文件实体块
  x.close();  // 封装内容
  x.close();  // 被签名对象
  x.open("电子签名块");
  x.el("签名格式描述", "PDF内嵌签名（adbe.pkcs7.detached），位于归档副本的发文修订版内");
  x.el("原件数字摘要", m.original_sha256);
  x.close();
  x.open("锁定签名");
  x.el("锁定方式", "BagIt manifest-sha256.txt 与登记簿 filed 表中的 SHA-256");
  x.close();
  x.close();
  return x.finish();
}

}  // namespace gongwen::archive

namespace gongwen::archive {

std::string processing_slip_pdf(const ReceivedRecord& r, const std::string& office_name,
                                const std::vector<CirculationRecord>& circulation) {
  const forms::LabelledRows rows{
      {"收文号", r.registration()},
      {"来文单位", r.sender},
      {"来文字号", r.their_number},
      {"成文日期", r.date.iso()},
      {"密级", r.secrecy == Secrecy::None ? "非密" : to_chinese(r.secrecy)},
      {"份数/份号", std::to_string(r.copies) + (r.copy_numbers.empty() ? "" : " / " + r.copy_numbers)},
      {"签收人", r.signed_by},
      {"标题", r.title},
      {"拟办意见", r.proposal},
      {"领导批示", r.instruction}};
  std::vector<std::string> lines;
  for (const auto& c : circulation)
    lines.push_back(c.person + "　送阅 " + c.sent_at.substr(0, 10) + "　阅毕 " +
                    (c.read_at.empty() ? "—" : c.read_at.substr(0, 10)) + "　退回 " +
                    (c.returned_at.empty() ? "—" : c.returned_at.substr(0, 10)));
  return forms::processing_slip_pdf(office_name, rows, lines);
}

}  // namespace gongwen::archive
