#pragma once
// The GB/T 38540-2020 (V4) structures as DER: SESeal and SES_Signature, written and read.
// What each one signs is the DER of its own "to be signed" part, kept byte-exact when read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::ses {

struct SealInfo {
  std::string vid = "gongwen";  // SES_Header.Vid: the maker's software
  std::string es_id;
  int type = 1;                 // 1: 单位印章
  std::string name;
  std::vector<std::string> cert_list;  // DER certificates of who may sign with it
  std::string create_date, valid_start, valid_end;  // GeneralizedTime text
  std::string picture_type = "PNG";
  std::string picture;
  int width_mm = 0, height_mm = 0;
};

struct Seal {
  SealInfo info;
  std::string maker_cert;     // DER
  std::string sign_alg;       // OID, dotted
  std::string signed_value;   // DER SM2 signature
  std::string to_sign;        // DER SEQUENCE { eSealInfo, cert, signAlgID }
  std::string whole;          // the SESeal's own DER
};

// The SESeal's to-be-signed DER (SEQUENCE { eSealInfo, cert, signAlgID }) and the whole
// SESeal once its signature is known.
std::string seal_to_sign(const SealInfo& info, std::string_view maker_cert);
std::string seal_der(const SealInfo& info, std::string_view maker_cert, std::string_view signature);
std::optional<Seal> parse_seal(std::string_view der);

struct Signature {
  Seal seal;
  std::string time_info;     // GeneralizedTime text
  std::string data_hash;     // SM3 of Signature.xml
  std::string property_info; // the path of Signature.xml
  std::string signer_cert;   // DER
  std::string sign_alg;
  std::string signature;     // DER SM2 signature over to_sign
  std::string to_sign;       // TBS_Sign's DER
};

std::string tbs_sign(std::string_view seal_der, std::string_view time, std::string_view data_hash,
                     std::string_view property);
std::string signature_der(std::string_view tbs, std::string_view signer_cert, std::string_view signature);
std::optional<Signature> parse_signature(std::string_view der);

// "YYYYMMDDHHMMSSZ" for a Unix time.
std::string generalized_time(long long unix_seconds);

}  // namespace gongwen::ses
