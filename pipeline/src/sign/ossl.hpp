#pragma once
// RAII handles and small helpers over OpenSSL for the signing code. Internal to
// pipeline/src/sign: no OpenSSL type leaves this folder.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace gongwen::sign_detail {

struct BioFree { void operator()(BIO* b) const { BIO_free_all(b); } };
struct PkeyFree { void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); } };
struct X509Free { void operator()(X509* x) const { X509_free(x); } };
struct CmsFree { void operator()(CMS_ContentInfo* c) const { CMS_ContentInfo_free(c); } };

using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;

// A read-only memory BIO over `bytes` (which must outlive it).
BioPtr mem_bio(std::string_view bytes);
// Everything written to a memory BIO so far.
std::string bio_text(BIO* b);
// The last OpenSSL error as text ("" if none), clearing the queue.
std::string ssl_error();

PkeyPtr read_key_pem(const std::string& pem);
X509Ptr read_cert_pem(const std::string& pem);
std::string key_to_pem(EVP_PKEY* key);   // PKCS#8, unencrypted
std::string cert_to_pem(X509* cert);
std::string cert_cn(X509* cert);         // subject CN (UTF-8), "" if none
std::string cert_der_sha256(X509* cert); // hex


}  // namespace gongwen::sign_detail
