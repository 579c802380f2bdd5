// The PDF signed on a PKCS#11 token (issue 16, docs/signing.md): a SoftHSM2 token made in a
// temporary folder (SOFTHSM2_CONF), a key pair generated on it (RSA-2048 or EC P-256), a
// certificate for its public key issued by a test CA and written onto the token, the office
// configured with [signing] store = "pkcs11", a document issued, and its PDF's signature
// checked by Poppler's pdfsig and by `openssl cms -verify` against the CA. SoftHSM2 missing
// is a failure, not a skip (run.sh installs it).
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <dlfcn.h>
#include <p11-kit/pkcs11.h>
#include <sys/stat.h>

#include <array>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "gongwen/archive/pdf_signer.hpp"
#include "gongwen/services/documents.hpp"
#include "services/office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";
constexpr const char* kPin = "246810";
constexpr const char* kPinEnv = "GONGWEN_TEST_TOKEN_PIN";

std::string run(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  const int rc = ::pclose(p);
  if (status) *status = rc;
  return out;
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

// ---- a SoftHSM2 token, driven through PKCS#11 as an office's setup tool would --------------

struct Pkcs11 {
  CK_FUNCTION_LIST_PTR f = nullptr;
};

void ok(CK_RV rv, const char* call) {
  if (rv != CKR_OK) throw std::runtime_error(std::string(call) + " failed: " + std::to_string(rv));
}

CK_SLOT_ID slot_of(const Pkcs11& p, const std::string& label) {
  CK_ULONG n = 0;
  ok(p.f->C_GetSlotList(CK_TRUE, nullptr, &n), "C_GetSlotList");
  std::vector<CK_SLOT_ID> slots(n);
  ok(p.f->C_GetSlotList(CK_TRUE, slots.data(), &n), "C_GetSlotList");
  for (CK_SLOT_ID s : slots) {
    CK_TOKEN_INFO info;
    ok(p.f->C_GetTokenInfo(s, &info), "C_GetTokenInfo");
    std::string l(reinterpret_cast<char*>(info.label), sizeof info.label);
    l.erase(l.find_last_not_of(' ') + 1);
    if (l == label) return s;
  }
  throw std::runtime_error("no token " + label);
}

std::string get_attribute(const Pkcs11& p, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE t) {
  CK_ATTRIBUTE a{t, nullptr, 0};
  ok(p.f->C_GetAttributeValue(s, o, &a, 1), "C_GetAttributeValue");
  std::string v(a.ulValueLen, '\0');
  a.pValue = v.data();
  ok(p.f->C_GetAttributeValue(s, o, &a, 1), "C_GetAttributeValue");
  return v;
}

EVP_PKEY* from_params(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata_init(ctx) != 1 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
    throw std::runtime_error("EVP_PKEY_fromdata failed");
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  return key;
}

// Generates a key pair labelled `label` on the token; returns its public key.
EVP_PKEY* generate_key(const Pkcs11& p, CK_SESSION_HANDLE s, bool ec, const std::string& label) {
  CK_BBOOL yes = CK_TRUE;
  CK_ULONG bits = 2048;
  CK_BYTE exponent[] = {1, 0, 1};
  CK_BYTE p256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};  // prime256v1
  CK_BYTE id[] = {0x42};
  std::vector<CK_ATTRIBUTE> pub = {{CKA_TOKEN, &yes, sizeof yes},
                                   {CKA_VERIFY, &yes, sizeof yes},
                                   {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
                                   {CKA_ID, id, sizeof id}};
  if (ec) {
    pub.push_back({CKA_EC_PARAMS, p256, sizeof p256});
  } else {
    pub.push_back({CKA_MODULUS_BITS, &bits, sizeof bits});
    pub.push_back({CKA_PUBLIC_EXPONENT, exponent, sizeof exponent});
  }
  CK_ATTRIBUTE priv[] = {{CKA_TOKEN, &yes, sizeof yes},     {CKA_PRIVATE, &yes, sizeof yes},
                         {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_SIGN, &yes, sizeof yes},
                         {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
                         {CKA_ID, id, sizeof id}};
  CK_MECHANISM mech{ec ? CKM_EC_KEY_PAIR_GEN : CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
  CK_OBJECT_HANDLE pub_h, priv_h;
  ok(p.f->C_GenerateKeyPair(s, &mech, pub.data(), pub.size(), priv, std::size(priv), &pub_h, &priv_h),
     "C_GenerateKeyPair");
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  if (ec) {
    // CKA_EC_POINT is the point wrapped in a DER OCTET STRING (04 41 04 x y for P-256).
    const std::string wrapped = get_attribute(p, s, pub_h, CKA_EC_POINT);
    const std::string raw = wrapped.substr(2);
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, raw.data(), raw.size());
    return from_params("EC", bld);
  }
  const std::string n = get_attribute(p, s, pub_h, CKA_MODULUS);
  const std::string e = get_attribute(p, s, pub_h, CKA_PUBLIC_EXPONENT);
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  EVP_PKEY* key = from_params("RSA", bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return key;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

X509* make_cert(EVP_PKEY* subject_key, const std::string& cn, X509* issuer, EVP_PKEY* issuer_key, long serial,
                bool ca) {
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  ASN1_TIME_set(X509_getm_notBefore(cert), 1735689600);  // 2025-01-01
  ASN1_TIME_set(X509_getm_notAfter(cert), 2051222400);    // 2035-01-01
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("CN"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
  X509_set_pubkey(cert, subject_key);
  add_ext(cert, issuer ? issuer : cert, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_ext(cert, issuer ? issuer : cert, NID_key_usage,
          ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation");
  X509_sign(cert, issuer_key, EVP_sha256());
  return cert;
}

std::string pem_of(X509* cert) {
  BIO* b = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(b, cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(b, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(b);
  return out;
}

std::string der_of(X509* cert) {
  unsigned char* der = nullptr;
  const int n = i2d_X509(cert, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return out;
}

std::string der_of(X509_NAME* name) {
  unsigned char* der = nullptr;
  const int n = i2d_X509_NAME(name, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return out;
}

// Writes the certificate onto the token beside its key (same label and CKA_ID).
void store_certificate(const Pkcs11& p, CK_SESSION_HANDLE s, X509* cert, const std::string& label) {
  CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE type = CKC_X_509;
  CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
  CK_BYTE id[] = {0x42};
  std::string der = der_of(cert), subject = der_of(X509_get_subject_name(cert));
  CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                      {CKA_CERTIFICATE_TYPE, &type, sizeof type},
                      {CKA_TOKEN, &yes, sizeof yes},
                      {CKA_PRIVATE, &no, sizeof no},
                      {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
                      {CKA_ID, id, sizeof id},
                      {CKA_SUBJECT, subject.data(), subject.size()},
                      {CKA_VALUE, der.data(), der.size()}};
  CK_OBJECT_HANDLE h;
  ok(p.f->C_CreateObject(s, t, std::size(t), &h), "C_CreateObject");
}

// One SoftHSM2 store per test process, with three tokens: an RSA-2048 key and its certificate,
// an EC P-256 key and its certificate, and a token no one logs into (for the wrong PIN: a
// PKCS#11 login holds for the whole process). Set up before the module first loads, since
// SoftHSM2 reads its token folder when initialized.
struct SoftHsm {
  fs::path dir;
  std::string ca_pem, rsa_cert_pem, ec_cert_pem;
  std::string problem;  // why it could not be set up
};

const SoftHsm& softhsm() {
  static const SoftHsm hsm = [] {
    SoftHsm h;
    if (!fs::exists(kModule) || run("command -v softhsm2-util").empty()) {
      h.problem = "SoftHSM2 is missing (Debian package softhsm2, installed by run.sh)";
      return h;
    }
    h.dir = make_temp_dir();
    fs::create_directories(h.dir / "tokens");
    write(h.dir / "softhsm2.conf", "directories.tokendir = " + (h.dir / "tokens").string() +
                                        "\nobjectstore.backend = file\nlog.level = ERROR\n");
    ::setenv("SOFTHSM2_CONF", (h.dir / "softhsm2.conf").c_str(), 1);
    for (const char* label : {"gongwen-rsa", "gongwen-ec", "gongwen-spare"}) {
      int status = 0;
      const std::string out = run(std::string("softhsm2-util --init-token --free --label ") + label +
                                      " --so-pin 13572468 --pin " + kPin, &status);
      if (status != 0) {
        h.problem = "softhsm2-util --init-token failed: " + out;
        return h;
      }
    }
    void* module = dlopen(kModule, RTLD_NOW | RTLD_LOCAL);
    auto get = module ? reinterpret_cast<CK_C_GetFunctionList>(dlsym(module, "C_GetFunctionList")) : nullptr;
    Pkcs11 p;
    if (!get || get(&p.f) != CKR_OK) {
      h.problem = "cannot load " + std::string(kModule);
      return h;
    }
    try {
      const CK_RV rv = p.f->C_Initialize(nullptr);
      if (rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) ok(rv, "C_Initialize");
      EVP_PKEY* ca_key = EVP_RSA_gen(2048);
      X509* ca = make_cert(ca_key, "测试证书颁发机构", nullptr, ca_key, 1, true);
      h.ca_pem = pem_of(ca);
      long serial = 2;
      for (const char* label : {"gongwen-rsa", "gongwen-ec"}) {
        const bool ec = std::string(label) == "gongwen-ec";
        CK_SESSION_HANDLE s;
        ok(p.f->C_OpenSession(slot_of(p, label), CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s),
           "C_OpenSession");
        ok(p.f->C_Login(s, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(kPin)),
                        std::strlen(kPin)), "C_Login");
        EVP_PKEY* pub = generate_key(p, s, ec, "pdf-signing");
        X509* cert = make_cert(pub, "白路乡人民政府", ca, ca_key, serial++, false);
        store_certificate(p, s, cert, "pdf-signing");
        (ec ? h.ec_cert_pem : h.rsa_cert_pem) = pem_of(cert);
        // Logged out again: the signer under test logs in with the PIN it is configured with.
        p.f->C_Logout(s);
        p.f->C_CloseSession(s);
        X509_free(cert);
        EVP_PKEY_free(pub);
      }
      X509_free(ca);
      EVP_PKEY_free(ca_key);
    } catch (const std::exception& e) {
      h.problem = e.what();
    }
    return h;
  }();
  return hsm;
}

// ---- the PDF's signature read back --------------------------------------------------------

// The signed bytes and the CMS (DER, without the zero padding) of the PDF's last signature.
std::pair<std::string, std::string> signature_parts(const std::string& pdf) {
  const auto at = pdf.rfind("/ByteRange [");
  long long a, b, c, d;
  std::sscanf(pdf.c_str() + at + 12, "%lld %lld %lld %lld", &a, &b, &c, &d);
  const std::string data = pdf.substr(a, b) + pdf.substr(c, d);
  std::string der;
  for (long long i = b + 1; i + 1 < c - 1; i += 2) der += static_cast<char>(std::stoi(pdf.substr(i, 2), nullptr, 16));
  const auto* u = reinterpret_cast<const unsigned char*>(der.data());
  std::size_t len = u[1] < 0x80 ? 2 + u[1] : 0;
  if (u[1] == 0x82) len = 4 + (std::size_t{u[2]} << 8 | u[3]);
  if (u[1] == 0x83) len = 5 + (std::size_t{u[2]} << 16 | std::size_t{u[3]} << 8 | u[4]);
  return {data, der.substr(0, len)};
}

class TokenSigning : public OfficeTest {
 protected:
  void SetUp() override {
    const SoftHsm& h = softhsm();
    ASSERT_TRUE(h.problem.empty()) << h.problem;
    OfficeTest::SetUp();
  }

  // [signing] appended to the workspace's own gongwen.toml (replacing an earlier one).
  void configure(const std::string& token, const std::string& pin_line, const std::string& extra = "") {
    if (profile.empty()) profile = read_file(ws->config_file());
    write_file_atomic(ws->config_file(), profile + "\n[signing]\nstore = \"pkcs11\"\nmodule = \"" + kModule +
                                             "\"\ntoken = \"" + token + "\"\nkey = \"pdf-signing\"\n" + pin_line +
                                             "\n" + extra);
    ws->reload_profile();
  }

  // pdfsig and `openssl cms -verify` (against the test CA) on the issued PDF.
  void expect_verified_outside(const std::string& pdf) {
    const fs::path f = tmp / "issued.pdf";
    write(f, pdf);
    const std::string pdfsig = run("pdfsig -nocert '" + f.string() + "'");
    EXPECT_NE(pdfsig.find("Signature is Valid"), std::string::npos) << pdfsig;
    EXPECT_NE(pdfsig.find("Total document signed"), std::string::npos) << pdfsig;
    const auto [data, cms] = signature_parts(pdf);
    write(tmp / "signed.bin", data);
    write(tmp / "sig.der", cms);
    write(tmp / "ca.pem", softhsm().ca_pem);
    int status = -1;
    const std::string out = run("openssl cms -verify -binary -inform DER -in '" + (tmp / "sig.der").string() +
                                    "' -content '" + (tmp / "signed.bin").string() + "' -CAfile '" +
                                    (tmp / "ca.pem").string() + "' -purpose any -out /dev/null", &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("Verification successful"), std::string::npos) << out;
    // Changing one signed byte is caught by OpenSSL too.
    std::string changed = data;
    changed[changed.size() / 2] ^= 1;
    write(tmp / "signed.bin", changed);
    run("openssl cms -verify -binary -inform DER -in '" + (tmp / "sig.der").string() + "' -content '" +
            (tmp / "signed.bin").string() + "' -CAfile '" + (tmp / "ca.pem").string() + "' -purpose any -out /dev/null",
        &status);
    EXPECT_NE(status, 0);
  }

  std::string issued_pdf(const IssueOutcome& out) { return read_file(ws->root() / out.issued.pdf_path); }

  std::string profile;  // gongwen.toml as the workspace was made
};

TEST_F(TokenSigning, AnRsaTokenSignsTheIssuedPdfAndOpenSslVerifiesIt) {
  ::setenv(kPinEnv, kPin, 1);
  configure("gongwen-rsa", std::string("pin_env = \"") + kPinEnv + "\"");
  const IssueOutcome out = issue_new("rsa.toml", notice_toml("关于用签名设备签发文件的通知"));
  const std::string pdf = issued_pdf(out);
  const SignatureReport r = verify_pdf_signature(pdf);
  ASSERT_TRUE(r.valid()) << r.message;
  EXPECT_TRUE(r.whole_document);
  EXPECT_EQ(r.signer, "白路乡人民政府");
  EXPECT_EQ(r.cert_sha256, certificate_sha256(softhsm().rsa_cert_pem));
  // `gongwen verify` and `key show` read the token's certificate.
  EXPECT_EQ(certificate_sha256(pdf_signing_certificate(*ws)), r.cert_sha256);
  expect_verified_outside(pdf);

  // RSA PKCS#1 v1.5 on the token is deterministic: the same PDF signed twice, the same bytes.
  const auto signer = open_pdf_signer(*ws);
  SignOptions so;
  so.signed_at = clock.now();
  EXPECT_EQ(sign_pdf(pdf, *signer, so).take(), sign_pdf(pdf, *signer, so).take());
}

TEST_F(TokenSigning, AnEcP256TokenWithItsPinInAFileSignsTheIssuedPdf) {
  const fs::path pin = tmp / "token.pin";
  write(pin, std::string(kPin) + "\n");
  ::chmod(pin.c_str(), 0600);
  configure("gongwen-ec", "pin_file = \"" + pin.string() + "\"");
  const IssueOutcome out = issue_new("ec.toml", notice_toml("关于用国际算法签名设备签发文件的通知"));
  const std::string pdf = issued_pdf(out);
  const SignatureReport r = verify_pdf_signature(pdf);
  ASSERT_TRUE(r.valid()) << r.message;
  EXPECT_EQ(r.cert_sha256, certificate_sha256(softhsm().ec_cert_pem));
  expect_verified_outside(pdf);
}

TEST_F(TokenSigning, AWrongOrMissingPinIssuesNothing) {
  const DraftRecord d = signed_draft("pin.toml", notice_toml("关于PIN码错误时不印发的通知"));
  const std::string before = books();
  ::setenv(kPinEnv, "000000", 1);
  configure("gongwen-spare", std::string("pin_env = \"") + kPinEnv + "\"");
  Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Forbidden) << e.message;
  EXPECT_NE(e.message.find("PIN"), std::string::npos) << e.message;
  ::unsetenv(kPinEnv);
  e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Forbidden) << e.message;
  EXPECT_NE(e.message.find(kPinEnv), std::string::npos) << e.message;
  // A PIN file others can read is not used.
  const fs::path pin = tmp / "open.pin";
  write(pin, kPin);
  ::chmod(pin.c_str(), 0644);
  configure("gongwen-spare", "pin_file = \"" + pin.string() + "\"");
  e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::Forbidden) << e.message;
  EXPECT_EQ(books(), before);
}

TEST_F(TokenSigning, AMissingTokenKeyOrModuleIssuesNothing) {
  const DraftRecord d = signed_draft("missing.toml", notice_toml("关于签名设备缺失时不印发的通知"));
  const std::string before = books();
  ::setenv(kPinEnv, kPin, 1);
  configure("no-such-token", std::string("pin_env = \"") + kPinEnv + "\"");
  Error e = failure_of([&] { office->issue(ref(d), "sunxiuying"); });
  EXPECT_EQ(e.code, Code::NotFound) << e.message;
  EXPECT_NE(e.message.find("no-such-token"), std::string::npos) << e.message;

  const SigningSettings other_key = [&] {
    SigningSettings s = ws->profile().signing;
    s.token = "gongwen-rsa";
    s.key = "no-such-key";
    return s;
  }();
  e = failure_of([&] { open_pkcs11_signer(other_key, kPin, ws->root()); });
  EXPECT_EQ(e.code, Code::NotFound) << e.message;

  SigningSettings no_module = other_key;
  no_module.module = (tmp / "no-such-module.so").string();
  e = failure_of([&] { open_pkcs11_signer(no_module, kPin, ws->root()); });
  EXPECT_EQ(e.code, Code::BadInput) << e.message;
  EXPECT_EQ(books(), before);
}

TEST_F(TokenSigning, ThePinIsNeverWrittenInTheProfile) {
  const std::string profile = read_file(ws->config_file());
  const auto r = parse_profile(profile + "\n[signing]\nstore = \"pkcs11\"\nmodule = \"" + kModule +
                                   "\"\ntoken = \"t\"\nkey = \"k\"\npin = \"1234\"\n",
                               "gongwen.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  bool named = false;
  for (const auto& d : r.error().diagnostics) named = named || d.code == "profile.signing.pin_inline";
  EXPECT_TRUE(named) << r.error().render();
  // Neither source, or both, is refused too; a relative module path is refused.
  EXPECT_FALSE(parse_profile(profile + "\n[signing]\nstore = \"pkcs11\"\nmodule = \"" + kModule +
                                 "\"\ntoken = \"t\"\nkey = \"k\"\n", "gongwen.toml").ok());
  EXPECT_FALSE(parse_profile(profile + "\n[signing]\nstore = \"pkcs11\"\nmodule = \"libsofthsm2.so\"\n"
                                 "token = \"t\"\nkey = \"k\"\npin_env = \"P\"\n", "gongwen.toml").ok());
  EXPECT_FALSE(parse_profile(profile + "\n[signing]\nstore = \"usb\"\n", "gongwen.toml").ok());
  EXPECT_TRUE(parse_profile(profile + "\n[signing]\nstore = \"key_file\"\n", "gongwen.toml").ok());
}

}  // namespace
}  // namespace gongwen::archive::test
