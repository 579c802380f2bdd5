// sign_ofd and make_electronic_seal: the GB/T 38540 seal and signature added to an OFD.
#include <libxml/tree.h>

#include "docx/xml_writer.hpp"
#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/pipeline/zip_package.hpp"
#include "ofd/units.hpp"
#include "ses/ofd_package.hpp"
#include "ses/ses.hpp"
#include "seal/seal.hpp"
#include "seal/seal_picture.hpp"
#include "ses/sm2.hpp"

namespace gongwen {
namespace {

constexpr const char* kNs = "http://www.ofdspec.org/2016";

// The package's signature list, its location, and the OFD.xml that points at it.
struct SignatureList {
  std::string path;                   // entry name of Signatures.xml
  std::vector<std::string> locations; // each Signature.xml's entry name, in order
};

std::string signatures_xml(const std::vector<std::string>& locations) {
  docx::XmlWriter w;
  w.start("ofd:Signatures");
  w.attr("xmlns:ofd", kNs);
  // No MaxSignId: it is an xs:ID and would clash with the last signature's own ID.
  for (std::size_t i = 0; i < locations.size(); ++i) {
    w.start("ofd:Signature");
    w.attr("ID", "s" + std::to_string(i + 1));
    w.attr("Type", "Seal");
    w.attr("BaseLoc", "/" + locations[i]);
    w.end();
  }
  return w.finish();
}

}  // namespace

std::string seal_picture_png(const Document& doc, const RenderOptions& options, int organ) {
  std::vector<std::string> warnings;
  return seal::seal_picture(doc, organ, options, "OFD", warnings);
}

std::string seal_name_of(const Document& doc, int organ) { return seal::seal_text_of(doc, organ); }

Result<std::string> Sm2KeyFileSigner::sign(std::string_view data) const {
  std::optional<std::string> sig = ses::sm2_sign(m_key.key_pem, data);
  if (!sig)
    return make_error(Code::BadInput, msg("ofd.sign.keeper_key"), {msg("ofd.sign.keeper_key.hint")});
  return *sig;
}

Result<std::string> make_electronic_seal(const SealMaking& seal, const SigningKey& maker,
                                         const std::string& signer_cert_pem) {
  ses::SealInfo info;
  info.name = seal.name;
  info.es_id = seal.es_id.empty() ? to_hex(ses::sm3(seal.name)).substr(0, 16) : seal.es_id;
  const std::string signer_cert = ses::cert_pem_to_der(signer_cert_pem);
  const std::string maker_cert = ses::cert_pem_to_der(maker.cert_pem);
  if (signer_cert.empty() || maker_cert.empty())
    return make_error(Code::BadInput, msg("ofd.sign.seal_certificates"));
  info.cert_list = {signer_cert};
  info.create_date = ses::generalized_time(seal.created.unix_seconds);
  info.valid_start = ses::generalized_time(seal.valid_from.unix_seconds);
  info.valid_end = ses::generalized_time(seal.valid_to.unix_seconds);
  info.picture = seal.picture_png;
  info.width_mm = seal.width_mm;
  info.height_mm = seal.height_mm;
  std::optional<std::string> sig = ses::sm2_sign(maker.key_pem, ses::seal_to_sign(info, maker_cert));
  if (!sig)
    return make_error(Code::BadInput, msg("ofd.sign.maker_key"), {msg("ofd.sign.maker_key.hint")});
  return ses::seal_der(info, maker_cert, *sig);
}

Result<std::string> sign_ofd(const std::string& ofd, const std::string& seal_der,
                             const Sm2Signer& signer, const OfdStamp& stamp,
                             const Instant& signed_at) {
  try {
    if (!ses::parse_seal(seal_der))
      return make_error(Code::BadInput, msg("ofd.sign.seal_unreadable"));
    const std::string signer_cert = ses::cert_pem_to_der(signer.certificate_pem());
    if (signer_cert.empty()) return make_error(Code::BadInput, msg("ofd.sign.signer_certificate"));
    ses::Package pkg = ses::read_package(ofd, "OFD");
    const std::string* ofd_xml = pkg.find("OFD.xml");
    if (!ofd_xml) return make_error(Code::BadInput, msg("ofd.sign.no_ofd_xml"));
    ses::Xml root(*ofd_xml, "OFD.xml");
    xmlNode* body = ses::child(root.root(), "DocBody");
    const std::string doc_root = ses::resolve(ses::content(ses::child(body, "DocRoot")), "");
    const std::string* document = pkg.find(doc_root);
    if (!body || !document) return make_error(Code::BadInput, msg("ofd.sign.no_doc_root"));
    ses::Xml doc(*document, doc_root);
    const std::vector<xmlNode*> pages = ses::children(ses::child(doc.root(), "Pages"), "Page");
    if (stamp.page < 0 || stamp.page >= static_cast<int>(pages.size()))
      return make_error(Code::BadInput, msg("ofd.sign.page", {{"page", std::to_string(stamp.page + 1)}}));
    const std::string page_id = ses::attribute(pages[static_cast<std::size_t>(stamp.page)], "ID");

    // The signature list: found through OFD.xml, or made (and OFD.xml pointed at it) before
    // the first signature, so that every signature covers the final OFD.xml.
    const std::string doc_dir = ses::dir_of(doc_root);
    std::vector<std::string> locations;
    std::string list_path;
    std::vector<std::string> changed;  // the entries this signature writes; the rest are copied
    if (xmlNode* sigs = ses::child(body, "Signatures")) {
      list_path = ses::resolve(ses::content(sigs), "");
      const std::string* list = pkg.find(list_path);
      if (!list) return make_error(Code::BadInput, msg("ofd.sign.part_missing", {{"part", list_path}}));
      ses::Xml l(*list, list_path);
      for (xmlNode* s : ses::children(l.root(), "Signature"))
        locations.push_back(ses::resolve(ses::attribute(s, "BaseLoc"), ses::dir_of(list_path)));
    } else {
      list_path = doc_dir + "Signs/Signatures.xml";
      xmlNewTextChild(body, body->ns, reinterpret_cast<const xmlChar*>("Signatures"),
                      reinterpret_cast<const xmlChar*>(list_path.c_str()));
      pkg.put("OFD.xml", root.serialize());
      changed.push_back("OFD.xml");
    }

    const std::string dir = doc_dir + "Signs/Sign_" + std::to_string(locations.size()) + "/";
    const std::string sig_xml_path = dir + "Signature.xml";
    const std::string value_path = dir + "SignedValue.dat";
    const std::string when = ses::generalized_time(signed_at.unix_seconds);

    docx::XmlWriter w;
    w.start("ofd:Signature");
    w.attr("xmlns:ofd", kNs);
    w.start("ofd:SignedInfo");
    w.start("ofd:Provider");
    w.attr("ProviderName", "gongwen");
    w.attr("Version", "0.1.0");
    w.end();
    w.start("ofd:SignatureMethod");
    w.text(ses::kOidSm3WithSm2);
    w.end();
    w.start("ofd:SignatureDateTime");
    w.text(when);
    w.end();
    w.start("ofd:References");
    w.attr("CheckMethod", ses::kOidSm3);
    // Every file, the signature list as it will be with this signature in it. The list grows
    // with each signature of a joint issue, so only the last signature's reference to it
    // holds (verify_ofd checks it there only); the earlier signatures' own files are covered.
    locations.push_back(sig_xml_path);
    pkg.put(list_path, signatures_xml(locations));
    for (const auto& [name, bytes] : pkg.entries) {
      w.start("ofd:Reference");
      w.attr("FileRef", "/" + name);
      w.start("ofd:CheckValue");
      w.text(ses::base64(ses::sm3(bytes)));
      w.end();
      w.end();
    }
    w.end();  // References
    w.start("ofd:StampAnnot");
    w.attr("ID", "a" + std::to_string(locations.size() + 1));
    w.attr("PageRef", page_id);
    w.attr("Boundary", ofd::num(stamp.x) + " " + ofd::num(stamp.y) + " " + ofd::num(stamp.width) +
                           " " + ofd::num(stamp.height));
    w.end();
    w.end();  // SignedInfo
    w.start("ofd:SignedValue");
    w.text("/" + value_path);
    w.end();
    const std::string signature_xml = w.finish();

    const std::string tbs = ses::tbs_sign(seal_der, when, ses::sm3(signature_xml), "/" + sig_xml_path);
    Result<std::string> value = signer.sign(tbs);
    if (!value) return value.error();
    pkg.put(sig_xml_path, signature_xml);
    pkg.put(value_path, ses::signature_der(tbs, signer_cert, value.value()));

    changed.insert(changed.end(), {list_path, sig_xml_path, value_path});
    std::vector<PackagePart> parts;
    for (const std::string& name : changed) parts.push_back({name, *pkg.find(name)});
    return zip_update(ofd, parts, signed_at);
  } catch (const Failure& f) {
    return f.error();
  }
}

}  // namespace gongwen
