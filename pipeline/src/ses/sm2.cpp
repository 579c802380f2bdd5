#include "ses/sm2.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "sign/ossl.hpp"

namespace gongwen::ses {
namespace {

using sign_detail::mem_bio;
using sign_detail::PkeyPtr;
using sign_detail::X509Ptr;

struct BnFree { void operator()(BIGNUM* b) const { BN_clear_free(b); } };
struct BnCtxFree { void operator()(BN_CTX* c) const { BN_CTX_free(c); } };
struct GroupFree { void operator()(EC_GROUP* g) const { EC_GROUP_free(g); } };
struct PointFree { void operator()(EC_POINT* p) const { EC_POINT_free(p); } };
using Bn = std::unique_ptr<BIGNUM, BnFree>;

Bn bn() { return Bn(BN_new()); }

std::string bytes32(const BIGNUM* v) {
  std::string out(32, '\0');
  BN_bn2binpad(v, reinterpret_cast<unsigned char*>(out.data()), 32);
  return out;
}

std::string hmac_sm3(std::string_view key, std::string_view msg) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sm3(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), md, &len);
  return std::string(reinterpret_cast<char*>(md), len);
}

std::string der_int(const BIGNUM* v) {
  std::string b(static_cast<std::size_t>(BN_num_bytes(v)), '\0');
  BN_bn2bin(v, reinterpret_cast<unsigned char*>(b.data()));
  if (b.empty() || (static_cast<unsigned char>(b[0]) & 0x80)) b.insert(b.begin(), '\0');
  std::string out = "\x02";
  out += static_cast<char>(b.size());
  return out + b;
}

}  // namespace

std::string sm3(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sm3(), nullptr);
  return std::string(reinterpret_cast<char*>(md), len);
}

namespace {

// The SM2 curve, made once: EC_POINT_mul only reads it, from any thread.
const EC_GROUP* sm2_group() {
  static EC_GROUP* group = EC_GROUP_new_by_curve_name(NID_sm2);
  return group;
}

// What signing needs of a key: d, and Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA).
// Parsing the PEM and hashing Z cost as much as the signature's own arithmetic; a process
// signs with one or two keys, so both are kept per key (like the PDF's parsed key).
struct Sm2Key {
  std::string d;  // 32 bytes, big-endian
  std::string z;
};

std::optional<Sm2Key> sm2_key(const std::string& key_pem) {
  static std::mutex mutex;
  static std::map<std::string, Sm2Key> keys;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = keys.find(key_pem); it != keys.end()) return it->second;
  PkeyPtr key = sign_detail::read_key_pem(key_pem);
  if (!key || !EVP_PKEY_is_a(key.get(), "SM2")) return std::nullopt;
  BIGNUM* d_raw = nullptr;
  if (!EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d_raw)) return std::nullopt;
  Bn d(d_raw);
  unsigned char pub[65];
  std::size_t pub_len = 0;
  if (!EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &pub_len) ||
      pub_len != 65)
    return std::nullopt;
  const EC_GROUP* group = sm2_group();
  std::unique_ptr<BN_CTX, BnCtxFree> ctx(BN_CTX_new());
  Bn p = bn(), a = bn(), b = bn(), gx = bn(), gy = bn();
  EC_GROUP_get_curve(group, p.get(), a.get(), b.get(), ctx.get());
  EC_POINT_get_affine_coordinates(group, EC_GROUP_get0_generator(group), gx.get(), gy.get(), ctx.get());
  std::string z;
  const unsigned entl = static_cast<unsigned>(kSignerId.size() * 8);
  z += static_cast<char>(entl >> 8);
  z += static_cast<char>(entl & 0xFF);
  z.append(kSignerId);
  z += bytes32(a.get()) + bytes32(b.get()) + bytes32(gx.get()) + bytes32(gy.get());
  z.append(reinterpret_cast<const char*>(pub + 1), 64);
  Sm2Key k{bytes32(d.get()), sm3(z)};
  if (keys.size() > 8) keys.clear();
  keys.emplace(key_pem, k);
  return k;
}

}  // namespace

std::optional<std::string> sm2_sign(const std::string& key_pem, std::string_view data) {
  const std::optional<Sm2Key> key = sm2_key(key_pem);
  if (!key) return std::nullopt;
  const EC_GROUP* group = sm2_group();
  std::unique_ptr<BN_CTX, BnCtxFree> ctx(BN_CTX_new());
  Bn d(BN_bin2bn(reinterpret_cast<const unsigned char*>(key->d.data()), 32, nullptr));
  Bn n = bn();
  BN_copy(n.get(), EC_GROUP_get0_order(group));

  // e = SM3(Z || M).
  std::string msg = key->z;
  msg.append(data);
  const std::string e_bytes = sm3(msg);
  Bn e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e_bytes.data()), 32, nullptr));

  const std::string& d_bytes = key->d;
  Bn k = bn(), r = bn(), s = bn(), x1 = bn(), t = bn(), n1 = bn(), dinv = bn();
  BN_sub(n1.get(), n.get(), BN_value_one());
  std::unique_ptr<EC_POINT, PointFree> kg(EC_POINT_new(group));
  for (unsigned counter = 0; counter < 64; ++counter) {
    // k in [1, n-1] from HMAC-SM3(d, e || counter), widened to 64 bytes before the reduction.
    std::string seed = e_bytes;
    seed += static_cast<char>(counter);
    const std::string h = hmac_sm3(d_bytes, seed + "\x01") + hmac_sm3(d_bytes, seed + "\x02");
    BN_bin2bn(reinterpret_cast<const unsigned char*>(h.data()), static_cast<int>(h.size()), k.get());
    BN_mod(k.get(), k.get(), n1.get(), ctx.get());
    BN_add(k.get(), k.get(), BN_value_one());
    EC_POINT_mul(group, kg.get(), k.get(), nullptr, nullptr, ctx.get());
    EC_POINT_get_affine_coordinates(group, kg.get(), x1.get(), nullptr, ctx.get());
    BN_mod_add(r.get(), e.get(), x1.get(), n.get(), ctx.get());
    BN_add(t.get(), r.get(), k.get());
    if (BN_is_zero(r.get()) || BN_cmp(t.get(), n.get()) == 0) continue;
    // s = (1 + d)^-1 · (k − r·d) mod n
    BN_add(dinv.get(), d.get(), BN_value_one());
    if (!BN_mod_inverse(dinv.get(), dinv.get(), n.get(), ctx.get())) return std::nullopt;
    BN_mod_mul(t.get(), r.get(), d.get(), n.get(), ctx.get());
    BN_mod_sub(t.get(), k.get(), t.get(), n.get(), ctx.get());
    BN_mod_mul(s.get(), dinv.get(), t.get(), n.get(), ctx.get());
    if (BN_is_zero(s.get())) continue;
    const std::string body = der_int(r.get()) + der_int(s.get());
    std::string out = "\x30";
    out += static_cast<char>(body.size());
    return out + body;
  }
  return std::nullopt;
}

bool sm2_verify(std::string_view cert_der, std::string_view data, std::string_view signature) {
  const auto* p = reinterpret_cast<const unsigned char*>(cert_der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(cert_der.size())));
  if (!cert) return false;
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  if (!key || !EVP_PKEY_is_a(key, "SM2")) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new(key, nullptr);
  if (!md || !pctx) {
    EVP_PKEY_CTX_free(pctx);
    return false;
  }
  EVP_PKEY_CTX_set1_id(pctx, kSignerId.data(), kSignerId.size());
  EVP_MD_CTX_set_pkey_ctx(md.get(), pctx);  // still ours to free
  bool ok = EVP_DigestVerifyInit(md.get(), nullptr, EVP_sm3(), nullptr, key) == 1 &&
            EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                             data.size()) == 1;
  EVP_PKEY_CTX_free(pctx);
  sign_detail::ssl_error();
  return ok;
}

std::string cert_pem_to_der(const std::string& pem) {
  X509Ptr cert = sign_detail::read_cert_pem(pem);
  if (!cert) return {};
  unsigned char* buf = nullptr;
  const int len = i2d_X509(cert.get(), &buf);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
  OPENSSL_free(buf);
  return out;
}

std::string cert_der_cn(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  return cert ? sign_detail::cert_cn(cert.get()) : "";
}

std::string cert_der_to_pem(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  return cert ? sign_detail::cert_to_pem(cert.get()) : "";
}

}  // namespace gongwen::ses
