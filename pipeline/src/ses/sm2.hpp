#pragma once
// SM2 signatures with SM3 (GB/T 32918.2, GB/T 35276) for the electronic seal. Internal to
// pipeline/src: callers see PEM and DER bytes, never an OpenSSL type.
#include <optional>
#include <string>
#include <string_view>

namespace gongwen::ses {

// The signer ID every signature here uses (GB/T 35276's default); OpenSSL's default is empty,
// and signatures made with it fail in every other SM2 implementation.
inline constexpr std::string_view kSignerId = "1234567812345678";
inline constexpr const char* kOidSm3 = "1.2.156.10197.1.401";
inline constexpr const char* kOidSm3WithSm2 = "1.2.156.10197.1.501";

std::string sm3(std::string_view data);

// An SM2 signature (DER SEQUENCE { r, s }) over `data` with the private key in `key_pem`.
// The nonce is derived from the key and the message digest (HMAC-SM3, as RFC 6979 does for
// ECDSA), so the same document signed with the same key gives the same bytes. Nullopt if the
// key is not an SM2 key.
std::optional<std::string> sm2_sign(const std::string& key_pem, std::string_view data);

// Verifies with the public key of a DER X.509 certificate (OpenSSL's own SM2 code).
bool sm2_verify(std::string_view cert_der, std::string_view data, std::string_view signature);

// The certificate's DER from PEM, and a certificate's subject CN ("" if unreadable).
std::string cert_pem_to_der(const std::string& pem);
std::string cert_der_cn(std::string_view der);
std::string cert_der_to_pem(std::string_view der);

}  // namespace gongwen::ses
