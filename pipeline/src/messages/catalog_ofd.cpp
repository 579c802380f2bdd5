// Messages of one area (issue 16); the core table and the rules for codes are in catalog.cpp.
// Add entries as: const CatalogEntry kPart[] = {{"code", "中文", "English"}, …}; return kPart;
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {

const CatalogEntry kOfd[] = {
    // ---- a received OFD's electronic seals, as the register keeps them (services/seal_check)
    {"ofd.seal_check.verified", "电子印章验证通过", "electronic seals verified"},
    {"ofd.seal_check.failed", "电子印章验证未通过", "electronic seal check failed"},
    {"ofd.seal_check.unsealed", "没有电子印章", "no electronic seal"},
    {"ofd.seal_check.valid", "有效：{seal}（签章者 {signer}，{time}）",
     "valid: {seal} (signer {signer}, {time})"},
    {"ofd.seal_check.invalid", "无效：{seal}（签章者 {signer}，{time}）：{problem}",
     "invalid: {seal} (signer {signer}, {time}): {problem}"},
    {"ofd.seal_check.unknown", "原因不明", "reason unknown"},
    // ---- the archive's checks of a filed OFD (archive/filing_verify.cpp)
    {"archive.ofd.unreadable", "OFD 无法打开：{why}", "the OFD cannot be opened: {why}"},
    {"archive.ofd.seal", "OFD 的电子印章 {seal} 验证未通过：{why}",
     "the OFD's electronic seal {seal} does not verify: {why}"},
    {"archive.ofd.package", "OFD 的文件与签章时不同：{why}",
     "the OFD's files differ from when it was sealed: {why}"},
    {"archive.ofd.seal_at_receipt",
     "{number}：来文 OFD 的电子印章在收文登记时即未通过验证（{why}）",
     "{number}: the received OFD's electronic seal did not verify when it was registered ({why})"},
    {"archive.ofd.missing", "{code} 的 OFD 不在归档包中",
     "the OFD of {code} is not in the package"},
    {"archive.ofd.differs", "{code} 的 OFD 与发文登记的 SHA-256 不同",
     "the OFD of {code} differs from the SHA-256 registered at issue"},
    {"archive.ofd.blocker.missing", "{number}：OFD 文件 {file} 缺失",
     "{number}: file {file} is missing"},
    {"archive.ofd.blocker.differs", "{number}：OFD 文件 {file} 与印发时不同",
     "{number}: file {file} differs from the issued original"},
    // ---- the web desk
    {"web.receive.kind", "只接受 PDF、DOCX 或 OFD 文件（按内容判断，不看文件名）",
     "only PDF, DOCX or OFD files are accepted (judged by content, not by name)"},
    {"web.ofd.none", "这份文件印发时没有登记 OFD",
     "no OFD was registered when this document was issued"},
    {"web.copy.none", "这份文件没有登记份号 {copy} 的这个文件",
     "no such file is registered for numbered copy {copy} of this document"},
    // ---- sealing an OFD (pipeline/src/ses/ofd_sign.cpp)
    {"ofd.sign.keeper_key", "监印人的密钥不是 SM2 密钥", "the seal keeper's key is not an SM2 key"},
    {"ofd.sign.keeper_key.hint", "新建一个：gongwen key new --sm2，或导入本机关的 SM2 密钥",
     "make one: gongwen key new --sm2, or import the office's SM2 key"},
    {"ofd.sign.seal_certificates", "印章的证书无法读取（应为 PEM 格式）",
     "the seal's certificates cannot be read (PEM expected)"},
    {"ofd.sign.maker_key", "制章者的密钥不是 SM2 密钥", "the 制章者's key is not an SM2 key"},
    {"ofd.sign.maker_key.hint", "电子印章须用 SM2 密钥制作（GB/T 38540）", "a seal is made with SM2 keys (GB/T 38540)"},
    {"ofd.sign.seal_unreadable", "电子印章（SESeal）无法读取", "the electronic seal (SESeal) cannot be read"},
    {"ofd.sign.signer_certificate", "签章者的证书无法读取", "the signer's certificate cannot be read"},
    {"ofd.sign.no_ofd_xml", "OFD：文件包中没有 OFD.xml", "OFD: the package has no OFD.xml"},
    {"ofd.sign.no_doc_root", "OFD：缺少 DocRoot", "OFD: DocRoot is missing"},
    {"ofd.sign.page", "OFD：印章所在的第 {page} 页不在文档中", "OFD: the seal's page {page} is not in the document"},
    {"ofd.sign.part_missing", "OFD：{part} 不见了", "OFD: {part} is missing"},
};

}  // namespace

std::span<const CatalogEntry> entries_ofd() {
  return kOfd;
}

}  // namespace gongwen::messages
