#pragma once
// The OFD's electronic seal (GB/T 38540-2020, "V4"): the seal itself (SESeal: picture, name,
// validity, signed by the 制章者) and the document's signature with it (SES_Signature by the
// 签章者: Signatures.xml, Signature.xml with an SM3 CheckValue for every file, the StampAnnot,
// SignedValue.dat). SM2 with SM3 and the signer ID 1234567812345678 throughout. Pure: bytes
// in, bytes out; keys travel as PEM (sign.hpp's SigningKey), no OpenSSL type leaks.
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen {

// What a 制章者 puts into a seal.
struct SealMaking {
  std::string name;         // 印章名称, e.g. 白路乡人民政府
  std::string es_id;        // 印章编码 (the workspace's: derived from the name if empty)
  std::string picture_png;  // the seal's picture, transparent PNG
  int width_mm = 42, height_mm = 42;
  Instant created, valid_from, valid_to;
};

// The seal of `organ` (index into Document::joint_signers; -1: the one organ's) as the PNG the
// OFD shows (transparent, 300 dpi): the SESeal's picture. Empty for an unsealed document or
// one whose seal cannot be drawn.
std::string seal_picture_png(const Document& doc, const RenderOptions& options, int organ = -1);
// The name on the seal of `organ` (as above): what the PDF draws and the SESeal is called.
std::string seal_name_of(const Document& doc, int organ = -1);

// The SESeal (DER) made and signed by `maker` (an SM2 identity) for the 签章者 whose
// certificate is `signer_cert_pem` (the seal's certList: who may use it).
Result<std::string> make_electronic_seal(const SealMaking& seal, const SigningKey& maker,
                                         const std::string& signer_cert_pem);

// Who signs with the seal. Legally effective seals live on certified devices (UKey, 签章服务器):
// a device is another implementation of this interface (docs/signing.md); the key file is
// the default.
class Sm2Signer {
 public:
  virtual ~Sm2Signer() = default;
  virtual std::string certificate_pem() const = 0;
  // A DER SM2 signature (SEQUENCE { r, s }) over `data` with SM3 and signer ID 1234567812345678.
  virtual Result<std::string> sign(std::string_view data) const = 0;
};

class Sm2KeyFileSigner : public Sm2Signer {
 public:
  explicit Sm2KeyFileSigner(SigningKey key) : m_key(std::move(key)) {}
  std::string certificate_pem() const override { return m_key.cert_pem; }
  Result<std::string> sign(std::string_view data) const override;

 private:
  SigningKey m_key;
};

// Where the seal is shown: the page (0-based) and its box in millimetres from the page's
// top-left corner (the same place as the PDF's seal).
struct OfdStamp {
  int page = 0;
  double x = 0, y = 0, width = 42, height = 42;
};

// Adds one SES signature to the package; earlier signatures stay valid (joint issue: one per
// organ, in turn). Refuses (BadInput) a package that is not an OFD or a seal that cannot be read.
Result<std::string> sign_ofd(const std::string& ofd, const std::string& seal_der,
                             const Sm2Signer& signer, const OfdStamp& stamp,
                             const Instant& signed_at);

struct OfdSealCheck {
  std::string signer;     // the 签章者's certificate CN
  std::string seal_name;  // 印章名称
  std::string maker;      // the 制章者's certificate CN
  std::string signed_at;  // timeInfo, as written (GeneralizedTime)
  bool references_ok = false;  // every referenced file is there with its SM3
  bool signature_ok = false;   // SES_Signature verifies with the signer's certificate
  bool seal_ok = false;        // SESeal verifies with the maker's certificate
  bool signer_in_seal = false; // the signer's certificate is in the seal's certList
  bool maker_trusted = true;   // the maker's certificate is one of the trusted ones (if given)
  std::vector<std::string> problems;  // one line each, Chinese
  bool ok() const {
    return references_ok && signature_ok && seal_ok && signer_in_seal && maker_trusted;
  }
};

struct OfdVerifyReport {
  std::vector<OfdSealCheck> seals;
  std::vector<std::string> problems;  // files changed, added or removed; unreadable parts
  bool ok() const {
    if (seals.empty() || !problems.empty()) return false;
    for (const auto& s : seals)
      if (!s.ok()) return false;
    return true;
  }
};

// Checks every signature of the package, its seal, and the package's files against the
// References. `trusted_makers_pem`: the 制章者 certificates to accept (empty: any whose own
// signature verifies; the report still names the maker). Never throws for bad input: an
// unreadable package is a report with problems.
OfdVerifyReport verify_ofd(const std::string& ofd, const std::vector<std::string>& trusted_makers_pem = {});

}  // namespace gongwen
