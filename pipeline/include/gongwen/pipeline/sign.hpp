#pragma once
// PDF digital signatures (ISO 32000-1 §12.8, SubFilter adbe.pkcs7.detached) as pure
// functions: bytes in, bytes out. Signing appends an incremental update (new objects, an
// xref section and a trailer) to the unchanged original, so earlier revisions stay intact
// and Poppler's `pdfsig` reports the signature valid and "Total document signed". The CMS
// (PKCS#7) SignedData is detached and covers the two /ByteRange spans around /Contents.
// Keys and certificates travel as PEM text so that no OpenSSL type leaks out of this header.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/error.hpp"

namespace gongwen {

// A signing identity: the private key and its certificate chain, PEM-encoded.
struct SigningKey {
  std::string key_pem;                  // "-----BEGIN PRIVATE KEY-----" (PKCS#8) or RSA/EC
  std::string cert_pem;                 // the signer's certificate
  std::vector<std::string> chain_pem;   // intermediate/CA certificates, may be empty
};

struct SignOptions {
  Instant signed_at;         // /M in the signature dictionary and the CMS signingTime
  std::string reason;        // /Reason, e.g. "签发 白政发〔2026〕3号"
  std::string location;      // /Location, e.g. the issuing organ
  std::string signer_name;   // /Name; empty = the certificate's common name
  int contents_capacity = 16384;  // bytes reserved for the CMS blob (hex doubles it)
};

// Who makes the PDF's signature (docs/signing.md). sign_pdf builds the CMS SignedData itself
// (signed attributes: content type, signing time, message digest); a signer only signs those
// attributes' DER with its private key, wherever the key lives: a key file (the default,
// PdfKeyFileSigner) or a PKCS#11 token (archive/pdf_signer.hpp). RSA or EC P-256 keys.
class PdfSigner {
 public:
  virtual ~PdfSigner() = default;
  // The signer's certificate, PEM; its public key must be the one that signs.
  virtual std::string certificate_pem() const = 0;
  // Intermediate/CA certificates the CMS carries beside it (may be empty).
  virtual std::vector<std::string> chain_pem() const { return {}; }
  // The signature over `data` with SHA-256: PKCS#1 v1.5 for an RSA key, a DER ECDSA-Sig-Value
  // for an EC key. A refusal (locked token, wrong PIN …) is returned, never thrown.
  virtual Result<std::string> sign(std::string_view data) const = 0;
};

// The key file (keys/signing-key.pem): the parsed key is kept per process (parsing and
// checking it against the certificate costs as much as a signature).
class PdfKeyFileSigner : public PdfSigner {
 public:
  explicit PdfKeyFileSigner(SigningKey key) : m_key(std::move(key)) {}
  std::string certificate_pem() const override { return m_key.cert_pem; }
  std::vector<std::string> chain_pem() const override { return m_key.chain_pem; }
  Result<std::string> sign(std::string_view data) const override;

 private:
  SigningKey m_key;
};

// Returns `pdf` followed by an incremental update carrying one signature field on page 1
// (invisible widget). Fails with Code::BadInput if `pdf` cannot be parsed or the certificate
// cannot be read, the signer's own error if it refuses, Code::Internal if the CMS blob does
// not fit `contents_capacity`. Deterministic for the same inputs with RSA keys (PKCS#1 v1.5);
// an ECDSA signature differs on every run, the rest of the bytes do not.
Result<std::string> sign_pdf(const std::string& pdf, const PdfSigner& signer,
                             const SignOptions& options);
// The same with the key file's signer; BadInput if key and certificate do not match.
Result<std::string> sign_pdf(const std::string& pdf, const SigningKey& key,
                             const SignOptions& options);

enum class SignatureStatus {
  Valid,        // the digest matches and the CMS signature verifies with the embedded cert
  Tampered,     // the signed bytes were changed (digest mismatch) or the CMS does not verify
  Malformed,    // a signature dictionary exists but cannot be parsed (bad /ByteRange, hex …)
  Unsigned,     // the file carries no signature at all
};

struct SignatureReport {
  SignatureStatus status = SignatureStatus::Unsigned;
  bool whole_document = false;  // the last signature's /ByteRange ends at the end of file
  std::string signer;           // subject common name of the signing certificate
  std::string cert_sha256;      // hex SHA-256 of the signer's DER certificate
  std::string signed_at;        // /M as written, e.g. "D:20260305093000+08'00'"
  std::string reason;           // /Reason as written (UTF-8)
  int revision = 0;             // 1-based index of the revision the signature covers
  int signatures = 0;           // how many signature dictionaries the file holds
  std::string message;          // a user-facing explanation when status != Valid
  bool valid() const { return status == SignatureStatus::Valid; }
};

// Checks the LAST signature of the file (the one an issued PDF carries). Never throws for
// bad input: an unreadable file yields Malformed or Unsigned with a message. Does not check
// the certificate's trust chain (self-signed workspace keys are the default); callers that
// care compare `cert_sha256` with the workspace's certificate.
SignatureReport verify_pdf_signature(const std::string& pdf);

// A fresh self-signed identity, valid `years` from `not_before`, used by `gongwen init`:
// RSA-2048 with SHA-256 for the PDF signature, or SM2 with SM3 (signer ID 1234567812345678)
// for the OFD's electronic seal. common_name is e.g. "白路乡人民政府".
enum class KeyKind { Rsa, Sm2 };
Result<SigningKey> make_self_signed_key(const std::string& common_name,
                                        const std::string& organization,
                                        const Instant& not_before, int years,
                                        KeyKind kind = KeyKind::Rsa);

// Reads an office's own identity: PEM (key + certificate, in one or two texts) or PKCS#12
// (binary, with its password). Checks that the key matches the certificate.
Result<SigningKey> load_signing_key_pem(const std::string& key_pem,
                                        const std::string& cert_pem);
Result<SigningKey> load_signing_key_pkcs12(const std::string& p12_bytes,
                                           const std::string& password);

// Subject common name and hex SHA-256 fingerprint of a PEM certificate ("" on failure).
std::string certificate_common_name(const std::string& cert_pem);
std::string certificate_sha256(const std::string& cert_pem);

}  // namespace gongwen
