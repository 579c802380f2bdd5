// Signing identities: a fresh self-signed certificate for `gongwen init`, and an office's own
// key imported from PEM or PKCS#12. Everything leaves as PEM text.
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/sign.hpp"
#include "ossl.hpp"

namespace gongwen {

using namespace sign_detail;

namespace sign_detail {

BioPtr mem_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string bio_text(BIO* b) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(b, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string ssl_error() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out = buf;  // keep the last (innermost) reason
  }
  return out;
}

PkeyPtr read_key_pem(const std::string& pem) {
  auto bio = mem_bio(pem);
  return PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

X509Ptr read_cert_pem(const std::string& pem) {
  auto bio = mem_bio(pem);
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

std::string key_to_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return bio_text(bio.get());
}

std::string cert_to_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return bio_text(bio.get());
}

std::string cert_cn(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  const int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (i < 0) return "";
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
  if (n < 0) return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::string cert_der_sha256(X509* cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!X509_digest(cert, EVP_sha256(), md, &len)) return "";
  return to_hex(std::string_view(reinterpret_cast<char*>(md), len));
}

}  // namespace sign_detail

namespace {

Result<SigningKey> checked(PkeyPtr key, X509Ptr cert, std::vector<std::string> chain,
                           const std::string& what) {
  if (!key)
    return make_error(Code::BadInput, msg("signing.import.no_key", {{"file", what}, {"why", ssl_error()}}),
                      {msg("signing.import.no_key.hint")});
  if (!cert)
    return make_error(Code::BadInput, msg("signing.import.no_cert", {{"file", what}, {"why", ssl_error()}}),
                      {msg("signing.import.no_cert.hint")});
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ssl_error();
    return make_error(Code::BadInput, msg("signing.import.mismatch", {{"file", what}}), {msg("signing.import.mismatch.hint")});
  }
  SigningKey out;
  out.key_pem = key_to_pem(key.get());
  out.cert_pem = cert_to_pem(cert.get());
  out.chain_pem = std::move(chain);
  return out;
}

bool add_name(X509_NAME* name, const char* field, const std::string& value) {
  if (value.empty()) return true;
  return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                    0) == 1;
}

bool add_ext(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

}  // namespace

Result<SigningKey> make_self_signed_key(const std::string& common_name, const std::string& organization,
                                        const Instant& not_before, int years, KeyKind kind) {
  const bool sm2 = kind == KeyKind::Sm2;
  PkeyPtr key(sm2 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2") : EVP_RSA_gen(2048));
  X509Ptr cert(X509_new());
  if (!key || !cert) return make_error(Code::Internal, msg("signing.new.key", {{"why", ssl_error()}}));
  X509_set_version(cert.get(), 2);
  // A serial from the time keeps two keys of one office apart without a counter.
  ASN1_INTEGER_set_int64(X509_get_serialNumber(cert.get()), not_before.unix_seconds > 0 ? not_before.unix_seconds : 1);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before.unix_seconds));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()),
                static_cast<time_t>(not_before.unix_seconds + std::int64_t(years) * 365 * 86400));
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!add_name(name, "C", "CN") || !add_name(name, "O", organization) ||
      !add_name(name, "CN", common_name))
    return make_error(Code::BadInput, msg("signing.new.name", {{"name", common_name}}));
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  add_ext(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_ext(cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
  add_ext(cert.get(), NID_subject_key_identifier, "hash");
  if (sm2) {
    // SM3withSM2 with the GB/T 35276 signer ID, as every SM2 verifier expects.
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new(key.get(), nullptr);
    bool ok = md && pctx && EVP_PKEY_CTX_set1_id(pctx, "1234567812345678", 16) > 0;
    if (ok) {
      EVP_MD_CTX_set_pkey_ctx(md.get(), pctx);
      ok = EVP_DigestSignInit(md.get(), nullptr, EVP_sm3(), nullptr, key.get()) == 1 &&
           X509_sign_ctx(cert.get(), md.get()) > 0;
    }
    EVP_PKEY_CTX_free(pctx);
    if (!ok) return make_error(Code::Internal, msg("signing.new.sign_sm2", {{"why", ssl_error()}}));
  } else if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
    return make_error(Code::Internal, msg("signing.new.sign", {{"why", ssl_error()}}));
  }
  return checked(std::move(key), std::move(cert), {}, msg("signing.source.new"));
}

Result<SigningKey> load_signing_key_pem(const std::string& key_pem, const std::string& cert_pem) {
  // The certificate file may hold the chain after the signer's own certificate.
  std::vector<std::string> chain;
  auto bio = mem_bio(cert_pem);
  X509Ptr first(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  while (X509* more = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    chain.push_back(cert_to_pem(more));
    X509_free(more);
  }
  ssl_error();  // the loop ends on a "no start line" error
  return checked(read_key_pem(key_pem), std::move(first), std::move(chain), msg("signing.source.pem"));
}

Result<SigningKey> load_signing_key_pkcs12(const std::string& p12_bytes, const std::string& password) {
  auto bio = mem_bio(p12_bytes);
  PKCS12* p12 = d2i_PKCS12_bio(bio.get(), nullptr);
  if (!p12)
    return make_error(Code::BadInput, msg("signing.p12.not", {{"why", ssl_error()}}));
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  const int ok = PKCS12_parse(p12, password.c_str(), &key, &cert, &ca);
  PKCS12_free(p12);
  if (!ok)
    return make_error(Code::BadInput, msg("signing.p12.open", {{"why", ssl_error()}}), {msg("signing.p12.open.hint")});
  std::vector<std::string> chain;
  for (int i = 0; ca && i < sk_X509_num(ca); ++i) chain.push_back(cert_to_pem(sk_X509_value(ca, i)));
  sk_X509_pop_free(ca, X509_free);
  return checked(PkeyPtr(key), X509Ptr(cert), std::move(chain), msg("signing.source.pkcs12"));
}

std::string certificate_common_name(const std::string& cert_pem) {
  auto cert = read_cert_pem(cert_pem);
  return cert ? cert_cn(cert.get()) : "";
}

std::string certificate_sha256(const std::string& cert_pem) {
  auto cert = read_cert_pem(cert_pem);
  return cert ? cert_der_sha256(cert.get()) : "";
}

}  // namespace gongwen
