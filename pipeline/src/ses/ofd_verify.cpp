// verify_ofd: every SES signature of an OFD, its seal, and the package against the References.
#include <libxml/tree.h>

#include <set>

#include "gongwen/pipeline/ofd_seal.hpp"
#include "ses/ofd_package.hpp"
#include "ses/ses.hpp"
#include "ses/sm2.hpp"

namespace gongwen {
namespace {

// `list_path`: the signature list, which only the last signature (`last`) still covers.
OfdSealCheck check_one(const ses::Package& pkg, const std::string& sig_path,
                       const std::string& list_path, bool last,
                       const std::vector<std::string>& trusted_makers,
                       std::set<std::string>& covered) {
  OfdSealCheck c;
  const std::string* sig_xml = pkg.find(sig_path);
  if (!sig_xml) {
    c.problems.push_back("签章文件 " + sig_path + " 不在包中（被删除）");
    return c;
  }
  covered.insert(sig_path);
  ses::Xml x(*sig_xml, sig_path);
  xmlNode* info = ses::child(x.root(), "SignedInfo");
  const std::string base = ses::dir_of(sig_path);
  c.references_ok = true;
  for (xmlNode* ref : ses::children(ses::child(info, "References"), "Reference")) {
    const std::string file = ses::resolve(ses::attribute(ref, "FileRef"), base);
    covered.insert(file);
    const std::string* bytes = pkg.find(file);
    if (!bytes) {
      c.references_ok = false;
      c.problems.push_back("文件 " + file + " 在签章后被删除");
    } else if (ses::base64(ses::sm3(*bytes)) != ses::content(ses::child(ref, "CheckValue")) &&
               (last || file != list_path)) {
      c.references_ok = false;
      c.problems.push_back("文件 " + file + " 在签章后被改动");
    }
  }
  const std::string value_path = ses::resolve(ses::content(ses::child(x.root(), "SignedValue")), base);
  covered.insert(value_path);
  const std::string* value = pkg.find(value_path);
  if (!value) {
    c.problems.push_back("签章值 " + value_path + " 不在包中");
    return c;
  }
  std::optional<ses::Signature> sig = ses::parse_signature(*value);
  if (!sig) {
    c.problems.push_back("签章值 " + value_path + " 不是 GB/T 38540 的 SES_Signature（损坏或伪造）");
    return c;
  }
  c.signer = ses::cert_der_cn(sig->signer_cert);
  c.seal_name = sig->seal.info.name;
  c.maker = ses::cert_der_cn(sig->seal.maker_cert);
  c.signed_at = sig->time_info;
  if (sig->data_hash != ses::sm3(*sig_xml)) c.problems.push_back(sig_path + " 在签章后被改动");
  c.signature_ok = sig->data_hash == ses::sm3(*sig_xml) &&
                   ses::sm2_verify(sig->signer_cert, sig->to_sign, sig->signature);
  if (!c.signature_ok) c.problems.push_back("签章者 " + c.signer + " 的签名验证不通过");
  c.seal_ok = ses::sm2_verify(sig->seal.maker_cert, sig->seal.to_sign, sig->seal.signed_value);
  if (!c.seal_ok) c.problems.push_back("印章“" + c.seal_name + "”的制章签名验证不通过");
  for (const std::string& cert : sig->seal.info.cert_list)
    c.signer_in_seal = c.signer_in_seal || cert == sig->signer_cert;
  if (!c.signer_in_seal) c.problems.push_back("签章者 " + c.signer + " 不是印章“" + c.seal_name + "”授权的使用者");
  if (!trusted_makers.empty()) {
    c.maker_trusted = false;
    for (const std::string& pem : trusted_makers)
      c.maker_trusted = c.maker_trusted || ses::cert_pem_to_der(pem) == sig->seal.maker_cert;
    if (!c.maker_trusted)
      c.problems.push_back("印章“" + c.seal_name + "”由另一个制章者（" + c.maker + "）签发，不是本单位信任的制章者");
  }
  return c;
}

}  // namespace

OfdVerifyReport verify_ofd(const std::string& ofd, const std::vector<std::string>& trusted_makers) {
  OfdVerifyReport report;
  try {
    const ses::Package pkg = ses::read_package(ofd, "OFD");
    const std::string* root_xml = pkg.find("OFD.xml");
    if (!root_xml) {
      report.problems.push_back("包中没有 OFD.xml：不是 OFD 文件");
      return report;
    }
    ses::Xml root(*root_xml, "OFD.xml");
    xmlNode* sigs = ses::child(ses::child(root.root(), "DocBody"), "Signatures");
    if (!sigs) {
      report.problems.push_back("文件没有电子签章");
      return report;
    }
    const std::string list_path = ses::resolve(ses::content(sigs), "");
    const std::string* list = pkg.find(list_path);
    if (!list) {
      report.problems.push_back("签章列表 " + list_path + " 不在包中（被删除）");
      return report;
    }
    ses::Xml l(*list, list_path);
    std::set<std::string> covered;
    const std::vector<xmlNode*> signatures = ses::children(l.root(), "Signature");
    for (std::size_t i = 0; i < signatures.size(); ++i) {
      std::set<std::string> mine;
      const std::string path = ses::resolve(ses::attribute(signatures[i], "BaseLoc"), ses::dir_of(list_path));
      report.seals.push_back(check_one(pkg, path, list_path, i + 1 == signatures.size(), trusted_makers, mine));
      covered = std::move(mine);  // the last signature covers the whole package
    }
    if (report.seals.empty()) report.problems.push_back("签章列表中没有签章");
    for (const auto& [name, bytes] : pkg.entries)
      if (!covered.count(name)) report.problems.push_back("文件 " + name + " 是签章后加入的");
  } catch (const Failure& f) {
    report.problems.push_back(f.error().message);
  }
  return report;
}

}  // namespace gongwen
