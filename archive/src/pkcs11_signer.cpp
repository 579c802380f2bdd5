// The PDF's signer on a PKCS#11 token (docs/signing.md): the module is loaded with dlopen (the
// standard's header from p11-kit; nothing of p11-kit is linked), the token found by its label,
// the user logged in with the PIN, the private key and its certificate found by their label.
// The token signs SHA-256 digests computed here with the two mechanisms every token has:
// CKM_RSA_PKCS over a DigestInfo, CKM_ECDSA over the bare digest (r ‖ s, made DER here).
#include <dlfcn.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <p11-kit/pkcs11.h>

#include <atomic>
#include <cstring>
#include <cstdio>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>

#include "gongwen/archive/pdf_signer.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "pkcs11_signer.hpp"

namespace gongwen::archive {

namespace {

std::string rv_text(CK_RV rv) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "CKR 0x%08lX", static_cast<unsigned long>(rv));
  return buf;
}

struct Token {
  CK_FUNCTION_LIST_PTR f = nullptr;
  std::string label;
};

[[noreturn]] void refused(const Token& t, const char* call, CK_RV rv) {
  fail(Code::Io, msg("signing.token.call", {{"token", t.label}, {"call", call}, {"rv", rv_text(rv)}}));
}

void check(const Token& t, CK_RV rv, const char* call) {
  if (rv != CKR_OK) refused(t, call, rv);
}

// Loaded once per process and never unloaded or finalized: logins belong to the process, and
// another signer of the same module may still hold a session.
CK_FUNCTION_LIST_PTR load_module(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, CK_FUNCTION_LIST_PTR> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(path); it != loaded.end()) return it->second;
  auto refuse = [&](const std::string& why) {
    fail(Code::BadInput, msg("signing.module.open", {{"module", path}, {"why", why}}),
         {msg("signing.module.open.hint")});
  };
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) refuse(dlerror());
  auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList"));
  CK_FUNCTION_LIST_PTR f = nullptr;
  if (!get || get(&f) != CKR_OK || !f) refuse("C_GetFunctionList");
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  const CK_RV rv = f->C_Initialize(&args);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) refuse("C_Initialize: " + rv_text(rv));
  loaded.emplace(path, f);
  return f;
}

// The slot holding the token labelled `label` (CK_TOKEN_INFO's label is blank-padded).
CK_SLOT_ID find_token(const Token& t, CK_TOKEN_INFO& info) {
  CK_ULONG n = 0;
  check(t, t.f->C_GetSlotList(CK_TRUE, nullptr, &n), "C_GetSlotList");
  std::vector<CK_SLOT_ID> slots(n);
  if (n > 0) check(t, t.f->C_GetSlotList(CK_TRUE, slots.data(), &n), "C_GetSlotList");
  slots.resize(n);
  for (CK_SLOT_ID slot : slots) {
    if (t.f->C_GetTokenInfo(slot, &info) != CKR_OK) continue;
    std::string label(reinterpret_cast<const char*>(info.label), sizeof info.label);
    while (!label.empty() && (label.back() == ' ' || label.back() == '\0')) label.pop_back();
    if (label == t.label) return slot;
  }
  fail(Code::NotFound, msg("signing.token.not_found", {{"token", t.label}}), {msg("signing.token.not_found.hint")});
}

class Session {
 public:
  Session(const Token& t, CK_SLOT_ID slot) : m_f(t.f) {
    check(t, m_f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &m_h), "C_OpenSession");
  }
  ~Session() {
    if (m_h != CK_INVALID_HANDLE) m_f->C_CloseSession(m_h);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  CK_SESSION_HANDLE handle() const { return m_h; }
  // Hands the open session over to its new owner.
  CK_SESSION_HANDLE release() { return std::exchange(m_h, CK_INVALID_HANDLE); }

 private:
  CK_FUNCTION_LIST_PTR m_f;
  CK_SESSION_HANDLE m_h = CK_INVALID_HANDLE;
};

std::vector<CK_OBJECT_HANDLE> find_objects(const Token& t, CK_SESSION_HANDLE s, CK_OBJECT_CLASS cls,
                                           CK_ATTRIBUTE_TYPE by, const std::string& value) {
  CK_ATTRIBUTE query[] = {{CKA_CLASS, &cls, sizeof cls},
                          {by, const_cast<char*>(value.data()), value.size()}};
  check(t, t.f->C_FindObjectsInit(s, query, 2), "C_FindObjectsInit");
  std::vector<CK_OBJECT_HANDLE> out(16);
  CK_ULONG n = 0;
  const CK_RV rv = t.f->C_FindObjects(s, out.data(), out.size(), &n);
  t.f->C_FindObjectsFinal(s);
  check(t, rv, "C_FindObjects");
  out.resize(n);
  return out;
}

std::string attribute(const Token& t, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type) {
  CK_ATTRIBUTE a{type, nullptr, 0};
  if (t.f->C_GetAttributeValue(s, o, &a, 1) != CKR_OK || a.ulValueLen == CK_UNAVAILABLE_INFORMATION) return {};
  std::string out(a.ulValueLen, '\0');
  a.pValue = out.data();
  if (t.f->C_GetAttributeValue(s, o, &a, 1) != CKR_OK) return {};
  out.resize(a.ulValueLen);
  return out;
}

std::string der_to_pem(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (!cert) return {};
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n > 0 ? n : 0));
  BIO_free(bio);
  X509_free(cert);
  return out;
}

// The certificate on the token: labelled like the key, or with the key's CKA_ID.
std::string token_certificate(const Token& t, CK_SESSION_HANDLE s, const std::string& key_label,
                              const std::string& key_id) {
  for (auto [by, value] : {std::pair{CKA_LABEL, key_label}, std::pair{CKA_ID, key_id}}) {
    if (value.empty()) continue;
    for (CK_OBJECT_HANDLE c : find_objects(t, s, CKO_CERTIFICATE, by, value))
      if (std::string pem = der_to_pem(attribute(t, s, c, CKA_VALUE)); !pem.empty()) return pem;
  }
  return {};
}

// The certificate file named in the settings: the signer's certificate, then its chain.
std::vector<std::string> certificate_file(const SigningSettings& s, const std::filesystem::path& base) {
  std::vector<std::string> out;
  if (s.certificate.empty()) return out;
  const std::string text = read_file(base / s.certificate);
  BIO* bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    BIO* pem = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(pem, cert);
    char* data = nullptr;
    const long n = BIO_get_mem_data(pem, &data);
    out.emplace_back(data, static_cast<std::size_t>(n > 0 ? n : 0));
    BIO_free(pem);
    X509_free(cert);
  }
  BIO_free(bio);
  ERR_clear_error();  // the loop ends on "no start line"
  if (out.empty())
    fail(Code::BadInput, "[signing] certificate = \"" + s.certificate + "\": no PEM certificate in the file");
  return out;
}

enum class KeyKind { Rsa, Ec };

// The DER DigestInfo prefix of SHA-256 (RFC 8017 §9.2, note 1).
constexpr unsigned char kSha256DigestInfo[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                               0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

class Pkcs11Signer final : public PdfSigner {
 public:
  Pkcs11Signer(Token token, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE key, KeyKind kind,
               std::string cert_pem, std::vector<std::string> chain)
      : m_token(std::move(token)), m_session(session), m_key(key), m_kind(kind),
        m_cert(std::move(cert_pem)), m_chain(std::move(chain)) {}
  ~Pkcs11Signer() override { m_token.f->C_CloseSession(m_session); }

  std::string certificate_pem() const override { return m_cert; }
  std::vector<std::string> chain_pem() const override { return m_chain; }
  bool broken() const { return m_broken; }

  Result<std::string> sign(std::string_view data) const override {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &md_len, EVP_sha256(), nullptr) != 1)
      return make_error(Code::Internal, "SHA-256 failed");
    std::string input;
    if (m_kind == KeyKind::Rsa) input.assign(reinterpret_cast<const char*>(kSha256DigestInfo), sizeof kSha256DigestInfo);
    input.append(reinterpret_cast<const char*>(md), md_len);
    CK_MECHANISM mechanism{m_kind == KeyKind::Rsa ? CKM_RSA_PKCS : CKM_ECDSA, nullptr, 0};
    std::string out(1024, '\0');  // RSA-8192 at most; an ECDSA r ‖ s is far shorter
    CK_ULONG len = out.size();
    CK_RV rv;
    {
      // One operation at a time on a session (PKCS#11 §5.1): issues on several threads wait.
      std::lock_guard<std::mutex> lock(m_mutex);
      rv = m_token.f->C_SignInit(m_session, &mechanism, m_key);
      if (rv == CKR_OK)
        rv = m_token.f->C_Sign(m_session, reinterpret_cast<CK_BYTE_PTR>(input.data()), input.size(),
                               reinterpret_cast<CK_BYTE_PTR>(out.data()), &len);
    }
    if (rv != CKR_OK) {
      m_broken = true;  // the next open_pdf_signer opens the token again
      return make_error(Code::Io, msg("signing.token.call", {{"token", m_token.label}, {"call", "C_Sign"},
                                                             {"rv", rv_text(rv)}}));
    }
    out.resize(len);
    return m_kind == KeyKind::Rsa ? out : ecdsa_der(out);
  }

 private:
  // PKCS#11 returns r ‖ s, each half the length; CMS wants ECDSA-Sig-Value (DER).
  static std::string ecdsa_der(const std::string& raw) {
    const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
    const int half = static_cast<int>(raw.size() / 2);
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(p, half, nullptr), BN_bin2bn(p + half, half, nullptr));
    unsigned char* der = nullptr;
    const int n = i2d_ECDSA_SIG(sig, &der);
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n > 0 ? n : 0));
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    return out;
  }

  Token m_token;
  CK_SESSION_HANDLE m_session;
  CK_OBJECT_HANDLE m_key;
  KeyKind m_kind;
  std::string m_cert;
  std::vector<std::string> m_chain;
  mutable std::mutex m_mutex;
  mutable std::atomic<bool> m_broken{false};
};

// Signs a fixed text and checks it with the certificate's public key.
bool belongs(const PdfSigner& signer) {
  Result<std::string> sig = signer.sign("gongwen: does the key on the token belong to its certificate?");
  if (!sig) throw Failure(sig.error());
  const std::string cert_pem = signer.certificate_pem();
  BIO* bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  bool ok = false;
  if (EVP_PKEY* key = cert ? X509_get0_pubkey(cert) : nullptr) {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    const std::string text = "gongwen: does the key on the token belong to its certificate?";
    ok = EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(sig.value().data()), sig.value().size(),
                          reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
    EVP_MD_CTX_free(md);
  }
  X509_free(cert);
  ERR_clear_error();
  return ok;
}

using CacheKey = std::tuple<std::string, std::string, std::string, std::string>;

// Never destroyed: at exit the module's own statics may already be gone, and closing a session
// then would crash; the process's end closes everything anyway.
std::mutex g_cache_mutex;
auto& g_cache = *new std::map<CacheKey, std::shared_ptr<const Pkcs11Signer>>;

CacheKey cache_key(const SigningSettings& s, const std::filesystem::path& base) {
  return {s.module, s.token, s.key, s.certificate.empty() ? "" : (base / s.certificate).string()};
}

}  // namespace

std::shared_ptr<const PdfSigner> open_pkcs11_signer(const SigningSettings& s, const std::string& pin,
                                                    const std::filesystem::path& base) {
  const CacheKey id = cache_key(s, base);
  std::lock_guard<std::mutex> lock(g_cache_mutex);
  if (auto it = g_cache.find(id); it != g_cache.end()) {
    if (!it->second->broken()) return it->second;
    g_cache.erase(it);
  }
  Token t{load_module(s.module), s.token};
  CK_TOKEN_INFO info{};
  const CK_SLOT_ID slot = find_token(t, info);
  if (info.flags & CKF_USER_PIN_LOCKED) fail(Code::Forbidden, msg("signing.pin.locked", {{"token", s.token}}));
  Session session(t, slot);
  const CK_SESSION_HANDLE h = session.handle();
  std::string pin_bytes = pin;
  const CK_RV rv = t.f->C_Login(h, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pin_bytes.data()), pin_bytes.size());
  OPENSSL_cleanse(pin_bytes.data(), pin_bytes.size());
  if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LEN_RANGE)
    fail(Code::Forbidden, msg("signing.pin.wrong", {{"token", s.token}}), {msg("signing.pin.wrong.hint")});
  if (rv == CKR_PIN_LOCKED) fail(Code::Forbidden, msg("signing.pin.locked", {{"token", s.token}}));
  if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) refused(t, "C_Login", rv);

  const auto keys = find_objects(t, h, CKO_PRIVATE_KEY, CKA_LABEL, s.key);
  if (keys.empty()) fail(Code::NotFound, msg("signing.key.not_found", {{"token", s.token}, {"key", s.key}}));
  const std::string type = attribute(t, h, keys.front(), CKA_KEY_TYPE);
  CK_KEY_TYPE key_type = CKK_VENDOR_DEFINED;
  if (type.size() == sizeof key_type) std::memcpy(&key_type, type.data(), sizeof key_type);
  if (key_type != CKK_RSA && key_type != CKK_EC)
    fail(Code::BadInput, msg("signing.key.kind", {{"token", s.token}, {"key", s.key}}));

  std::vector<std::string> certs = certificate_file(s, base);
  if (certs.empty())
    if (std::string pem = token_certificate(t, h, s.key, attribute(t, h, keys.front(), CKA_ID)); !pem.empty())
      certs.push_back(std::move(pem));
  if (certs.empty())
    fail(Code::NotFound, msg("signing.cert.not_found", {{"token", s.token}, {"key", s.key}}),
         {msg("signing.cert.not_found.hint")});
  const std::string cert = certs.front();
  certs.erase(certs.begin());

  // The signer owns the session from here on (and closes it).
  auto signer = std::make_shared<Pkcs11Signer>(t, session.release(), keys.front(),
                                               key_type == CKK_RSA ? KeyKind::Rsa : KeyKind::Ec, cert,
                                               std::move(certs));
  if (!belongs(*signer))
    fail(Code::BadInput, msg("signing.cert.mismatch", {{"token", s.token}, {"key", s.key}}));
  g_cache[id] = signer;
  return signer;
}

std::string token_certificate_pem(const SigningSettings& s, const std::filesystem::path& base) {
  {
    std::lock_guard<std::mutex> lock(g_cache_mutex);
    if (auto it = g_cache.find(cache_key(s, base)); it != g_cache.end() && !it->second->broken())
      return it->second->certificate_pem();
  }
  if (std::vector<std::string> certs = certificate_file(s, base); !certs.empty()) return certs.front();
  Token t{load_module(s.module), s.token};
  CK_TOKEN_INFO info{};
  Session session(t, find_token(t, info));
  std::string pem = token_certificate(t, session.handle(), s.key, "");
  if (pem.empty())
    fail(Code::NotFound, msg("signing.cert.not_found", {{"token", s.token}, {"key", s.key}}),
         {msg("signing.cert.not_found.hint")});
  return pem;
}

}  // namespace gongwen::archive
