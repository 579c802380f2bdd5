// Signs a PDF by appending an incremental update (ISO 32000-1 §7.5.6): a new version of the
// catalog (with /AcroForm) and of page 1 (with /Annots), a signature field + widget, the
// signature dictionary, an xref section and a trailer with /Prev. The original bytes stay
// untouched, so /ByteRange can cover everything but the /Contents hex string.
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <utility>

#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/pdf_update.hpp"
#include "gongwen/pipeline/sign.hpp"
#include "ossl.hpp"
#include "pdf_text.hpp"

namespace gongwen {

using namespace sign_detail;

namespace {

// The original file's structure as far as the update needs it.
struct Original {
  int size = 0;                 // trailer /Size: the first free object number
  int sig_obj = 0, widget_obj = 0;
  long long prev_xref = 0;      // offset of the last xref section
  std::string root_ref, info_ref, id_text;
  int catalog_obj = 0, catalog_gen = 0;
  std::string catalog_text;     // the catalog dictionary rewritten with the new /AcroForm
  int acroform_obj = 0, acroform_gen = 0;  // when /AcroForm is an indirect object
  std::string acroform_text;
  int page_obj = 0, page_gen = 0;
  std::string page_text;        // page 1 rewritten with the widget in /Annots
  std::string page_ref;
  std::string field_name;
};

// "<< … >>" with `extra` inserted before the closing ">>".
std::string with_keys(const std::string& dict, const std::string& extra) {
  const auto end = dict.rfind(">>");
  if (end == std::string::npos) throw std::runtime_error("not a dictionary");
  return dict.substr(0, end) + extra + " >>";
}

std::string array_with(QPDFObjectHandle arr, const std::string& item) {
  std::string out = "[";
  if (arr.isArray())
    for (auto& x : arr.getArrayAsVector()) out += x.unparse() + " ";
  return out + item + "]";
}

std::string ref(int obj, int gen) { return std::to_string(obj) + " " + std::to_string(gen) + " R"; }


Original inspect(const std::string& pdf) {
  QPDF q;
  q.setSuppressWarnings(true);
  q.processMemoryFile("document.pdf", pdf.data(), pdf.size());
  Original o;
  auto trailer = q.getTrailer();
  o.size = trailer.getKey("/Size").getIntValueAsInt();
  o.sig_obj = o.size;  // the two new objects take the first free numbers
  o.widget_obj = o.size + 1;
  const int widget_obj = o.widget_obj;
  if (pdf.rfind("startxref") == std::string::npos) throw std::runtime_error("no startxref");
  o.prev_xref = last_startxref(pdf);
  auto root = trailer.getKey("/Root");
  if (!root.isIndirect() || !root.isDictionary()) throw std::runtime_error("no catalog");
  o.root_ref = ref(root.getObjectID(), root.getGeneration());
  if (trailer.hasKey("/Info") && trailer.getKey("/Info").isIndirect())
    o.info_ref = trailer.getKey("/Info").unparse();
  if (trailer.hasKey("/ID")) o.id_text = trailer.getKey("/ID").unparse();
  const auto& pages = q.getAllPages();
  if (pages.empty()) throw std::runtime_error("no pages");
  auto page = pages.front();
  o.page_obj = page.getObjectID();
  o.page_gen = page.getGeneration();
  o.page_ref = ref(o.page_obj, o.page_gen);
  const std::string widget = ref(widget_obj, 0);

  auto annots = page.getKey("/Annots");
  const std::string annots_text = array_with(annots, widget);
  page.removeKey("/Annots");
  o.page_text = with_keys(page.unparseResolved(), " /Annots " + annots_text);

  o.catalog_obj = root.getObjectID();
  o.catalog_gen = root.getGeneration();
  auto form = root.getKey("/AcroForm");
  int fields = 0;
  if (form.isDictionary()) {
    auto f = form.getKey("/Fields");
    fields = f.isArray() ? f.getArrayNItems() : 0;
    const std::string fields_text = array_with(f, widget);
    form.removeKey("/Fields");
    form.removeKey("/SigFlags");
    const std::string form_text =
        with_keys(form.unparseResolved(), " /Fields " + fields_text + " /SigFlags 3");
    if (form.isIndirect()) {
      o.acroform_obj = form.getObjectID();
      o.acroform_gen = form.getGeneration();
      o.acroform_text = form_text;
    } else {
      root.removeKey("/AcroForm");
      o.catalog_text = with_keys(root.unparseResolved(), " /AcroForm " + form_text);
    }
  } else {
    root.removeKey("/AcroForm");
    o.catalog_text =
        with_keys(root.unparseResolved(), " /AcroForm << /Fields [" + widget + "] /SigFlags 3 >>");
  }
  o.field_name = "Signature" + std::to_string(fields + 1);
  return o;
}

// DER of the signed attributes as they are signed (RFC 5652 §5.4): a SET OF, its members in
// the order of their encodings, the order OpenSSL writes them in the SignerInfo.
std::string signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<std::string> members;
  std::size_t length = 0;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char* der = nullptr;
    const int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
    if (n <= 0) return "";
    members.emplace_back(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    length += static_cast<std::size_t>(n);
  }
  std::sort(members.begin(), members.end());  // byte order; no member is a prefix of another
  std::string out(1, '\x31');
  if (length < 0x80) {
    out += static_cast<char>(length);
  } else {
    std::string digits;
    for (std::size_t l = length; l > 0; l >>= 8) digits.insert(digits.begin(), static_cast<char>(l & 0xff));
    out += static_cast<char>(0x80 | digits.size());
    out += digits;
  }
  for (const auto& m : members) out += m;
  return out;
}

// The detached CMS SignedData over `data`: OpenSSL lays out the SignerInfo (issuer and
// serial, SHA-256, the key's signature algorithm, content type, signing time and message
// digest) with the certificate's public key only; the signer signs the attributes, and its
// signature is checked against the certificate before it goes in.
Result<std::string> cms_sign(const std::string& data, const PdfSigner& signer, X509* cert,
                             const Instant& at) {
  auto fail_ssl = [](const std::string& what) {
    return make_error(Code::Internal, "cannot make the CMS signature (" + what + "): " + ssl_error());
  };
  EVP_PKEY* public_key = X509_get0_pubkey(cert);
  if (!public_key) return make_error(Code::BadInput, "the signer's certificate has no usable public key");
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_PARTIAL | CMS_DETACHED | CMS_BINARY));
  if (!cms) return fail_ssl("new");
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), cert, public_key, EVP_sha256(),
                                       CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP);
  if (!si) return fail_ssl("signer");
  // The signing time comes from the injected clock, not the system's: same inputs, same bytes.
  ASN1_TIME* t = ASN1_TIME_set(nullptr, static_cast<time_t>(at.unix_seconds));
  CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1);
  ASN1_TIME_free(t);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &md_len, EVP_sha256(), nullptr) != 1 ||
      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, md,
                                  static_cast<int>(md_len)) != 1 ||
      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                  OBJ_nid2obj(NID_pkcs7_data), -1) != 1)
    return fail_ssl("attributes");
  const std::string attributes = signed_attributes_der(si);
  if (attributes.empty()) return fail_ssl("attributes");
  Result<std::string> signature = signer.sign(attributes);
  if (!signature) return signature.error();
  const std::string& sig = signature.value();
  {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> check(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool ok =
        check && EVP_DigestVerifyInit(check.get(), nullptr, EVP_sha256(), nullptr, public_key) == 1 &&
        EVP_DigestVerify(check.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                         reinterpret_cast<const unsigned char*>(attributes.data()), attributes.size()) == 1;
    if (!ok) {
      ssl_error();
      return make_error(Code::BadInput, "the signing key does not belong to its certificate",
                        {"the signature made with the key does not verify with the certificate"});
    }
  }
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig.data(), static_cast<int>(sig.size())) != 1)
    return fail_ssl("signature");
  for (const auto& pem : signer.chain_pem())
    if (auto c = read_cert_pem(pem)) CMS_add1_cert(cms.get(), c.get());
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) return fail_ssl("encode");
  return bio_text(out.get());
}

// A /ByteRange number padded to a fixed width, so filling it in moves no byte.
std::string padded(long long v, std::size_t width) {
  std::string s = std::to_string(v);
  s.resize(width, ' ');
  return s;
}

// Parsing the PEM key and checking it against the certificate costs as much as the signature
// itself; a process that issues many documents does it once per key pair. OpenSSL 3 keys and
// certificates may be used by several threads at once for signing.
struct ParsedKey {
  PkeyPtr pkey;
  X509Ptr cert;
};

Result<ParsedKey> parse_key(const SigningKey& key) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, ParsedKey> parsed;
  std::lock_guard<std::mutex> lock(mutex);
  auto copy = [](const ParsedKey& k) {
    EVP_PKEY_up_ref(k.pkey.get());
    X509_up_ref(k.cert.get());
    return ParsedKey{PkeyPtr(k.pkey.get()), X509Ptr(k.cert.get())};
  };
  const auto id = std::make_pair(key.key_pem, key.cert_pem);
  if (auto it = parsed.find(id); it != parsed.end()) return copy(it->second);
  ParsedKey k{read_key_pem(key.key_pem), read_cert_pem(key.cert_pem)};
  if (!k.pkey || !k.cert)
    return make_error(Code::BadInput, "the signing key or certificate cannot be read",
                      {"check keys/ in the workspace, or import the office's key again"});
  if (X509_check_private_key(k.cert.get(), k.pkey.get()) != 1) {
    ssl_error();
    return make_error(Code::BadInput, "the signing key does not belong to its certificate");
  }
  if (parsed.size() > 8) parsed.clear();
  auto& kept = parsed.emplace(id, std::move(k)).first->second;
  return copy(kept);
}

}  // namespace

Result<std::string> PdfKeyFileSigner::sign(std::string_view data) const {
  Result<ParsedKey> parsed = parse_key(m_key);
  if (!parsed) return parsed.error();
  EVP_PKEY* pkey = parsed.value().pkey.get();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t len = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1)
    return make_error(Code::Internal, "cannot sign with the key file: " + ssl_error());
  std::string out(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
    return make_error(Code::Internal, "cannot sign with the key file: " + ssl_error());
  out.resize(len);
  return out;
}

Result<std::string> sign_pdf(const std::string& pdf, const SigningKey& key, const SignOptions& options) {
  // The key is read and checked against its certificate first: a mismatch is the clearer
  // refusal, before the PDF is looked at.
  if (Result<ParsedKey> parsed = parse_key(key); !parsed) return parsed.error();
  return sign_pdf(pdf, PdfKeyFileSigner(key), options);
}

Result<std::string> sign_pdf(const std::string& pdf, const PdfSigner& signer, const SignOptions& options) {
  X509Ptr cert = read_cert_pem(signer.certificate_pem());
  if (!cert)
    return make_error(Code::BadInput, "the signer's certificate cannot be read (" + ssl_error() + ")",
                      {"check keys/ in the workspace, or the certificate on the token"});
  Original o;
  try {
    o = inspect(pdf);
  } catch (const std::exception& e) {
    return make_error(Code::BadInput, std::string("the PDF cannot be read for signing: ") + e.what());
  }

  const int sig_obj = o.sig_obj, widget_obj = o.widget_obj;
  const std::string name = options.signer_name.empty() ? cert_cn(cert.get()) : options.signer_name;
  const std::string hex_zeros(static_cast<std::size_t>(options.contents_capacity) * 2, '0');
  const std::string placeholder = "[0 " + padded(0, 10) + " " + padded(0, 10) + " " + padded(0, 10) + "]";

  PdfUpdate update(pdf);
  auto add_object = [&](int num, int gen, const std::string& body) { update.add_object(num, gen, body); };
  if (!o.catalog_text.empty()) add_object(o.catalog_obj, o.catalog_gen, o.catalog_text);
  if (!o.acroform_text.empty()) add_object(o.acroform_obj, o.acroform_gen, o.acroform_text);
  add_object(o.page_obj, o.page_gen, o.page_text);
  add_object(widget_obj, 0,
             "<< /Type /Annot /Subtype /Widget /FT /Sig /T " + pdf_text_string(o.field_name) +
                 " /V " + ref(sig_obj, 0) + " /P " + o.page_ref + " /Rect [0 0 0 0] /F 132 >>");
  std::string sig = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange " +
                    placeholder + " /Contents <" + hex_zeros + "> /M " +
                    pdf_text_string(pdf_date(options.signed_at));
  if (!name.empty()) sig += " /Name " + pdf_text_string(name);
  if (!options.reason.empty()) sig += " /Reason " + pdf_text_string(options.reason);
  if (!options.location.empty()) sig += " /Location " + pdf_text_string(options.location);
  sig += " >>";
  add_object(sig_obj, 0, sig);

  update.write_xref();
  std::string trailer = "/Size " + std::to_string(std::max(o.size, widget_obj + 1)) + " /Root " + o.root_ref;
  if (!o.info_ref.empty()) trailer += " /Info " + o.info_ref;
  if (!o.id_text.empty()) trailer += " /ID " + o.id_text;
  trailer += " /Prev " + std::to_string(o.prev_xref);
  update.write_trailer(trailer);

  std::string out = update.take();
  const std::string contents_key = "/Contents <" + hex_zeros + ">";
  const auto contents_at = out.rfind(contents_key);
  const long long gap_start = static_cast<long long>(contents_at + 10);  // at '<'
  const long long gap_end = gap_start + static_cast<long long>(hex_zeros.size()) + 2;
  const long long total = static_cast<long long>(out.size());
  const std::string range = "[0 " + padded(gap_start, 10) + " " + padded(gap_end, 10) + " " +
                            padded(total - gap_end, 10) + "]";
  const auto range_at = out.rfind(placeholder, contents_at);
  out.replace(range_at, placeholder.size(), range);

  std::string signed_bytes = out.substr(0, static_cast<std::size_t>(gap_start));
  signed_bytes.append(out, static_cast<std::size_t>(gap_end), std::string::npos);
  Result<std::string> cms = cms_sign(signed_bytes, signer, cert.get(), options.signed_at);
  if (!cms) return cms.error();
  const std::string& der = cms.value();
  const std::string hex = to_hex(der);
  if (hex.size() > hex_zeros.size())
    return make_error(Code::Internal, "the signature (" + std::to_string(der.size()) +
                                          " bytes) does not fit the space reserved for it (" +
                                          std::to_string(options.contents_capacity) + ")");
  out.replace(static_cast<std::size_t>(gap_start) + 1, hex.size(), hex);
  return out;
}

}  // namespace gongwen
