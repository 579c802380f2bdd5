#include "ses/ses.hpp"

#include <ctime>

#include "ses/der.hpp"
#include "ses/sm2.hpp"

namespace gongwen::ses {
namespace {

std::string seal_info_der(const SealInfo& s) {
  std::string certs;
  for (const std::string& c : s.cert_list) certs += der::octet_string(c);
  const std::string header = der::sequence({der::ia5("ES"), der::integer(4), der::ia5(s.vid)});
  const std::string property = der::sequence(
      {der::integer(s.type), der::utf8(s.name), der::integer(1), der::tlv(der::kSequence, certs),
       der::generalized_time(s.create_date), der::generalized_time(s.valid_start),
       der::generalized_time(s.valid_end)});
  const std::string picture = der::sequence({der::ia5(s.picture_type), der::octet_string(s.picture),
                                             der::integer(s.width_mm), der::integer(s.height_mm)});
  return der::sequence({header, der::ia5(s.es_id), property, picture});
}

std::optional<std::string> text(der::Reader& r, unsigned char tag) {
  auto e = r.next(tag);
  if (!e) return std::nullopt;
  return std::string(e->content);
}

std::optional<long long> integer(der::Reader& r) {
  auto e = r.next(der::kInteger);
  if (!e) return std::nullopt;
  auto v = der::read_integer(e->content);
  if (!v) return std::nullopt;
  return *v;
}

std::optional<SealInfo> parse_seal_info(std::string_view content) {
  SealInfo s;
  der::Reader r(content);
  auto header = r.next(der::kSequence);
  if (!header) return std::nullopt;
  der::Reader h(header->content);
  auto id = text(h, der::kIa5String);
  auto version = integer(h);
  auto vid = text(h, der::kIa5String);
  if (!id || *id != "ES" || !version || *version != 4 || !vid) return std::nullopt;
  s.vid = *vid;
  auto es_id = text(r, der::kIa5String);
  auto property = r.next(der::kSequence);
  auto picture = r.next(der::kSequence);
  if (!es_id || !property || !picture) return std::nullopt;
  s.es_id = *es_id;
  der::Reader p(property->content);
  auto type = integer(p);
  auto name = text(p, der::kUtf8String);
  auto list_type = integer(p);
  auto list = p.next(der::kSequence);
  auto created = text(p, der::kGeneralizedTime);
  auto start = text(p, der::kGeneralizedTime);
  auto end = text(p, der::kGeneralizedTime);
  if (!type || !name || !list_type || !list || !created || !start || !end) return std::nullopt;
  s.type = static_cast<int>(*type);
  s.name = *name;
  der::Reader certs(list->content);
  while (!certs.done()) {
    auto c = certs.next(der::kOctetString);
    if (!c) return std::nullopt;
    s.cert_list.emplace_back(c->content);
  }
  s.create_date = *created;
  s.valid_start = *start;
  s.valid_end = *end;
  der::Reader pic(picture->content);
  auto ptype = text(pic, der::kIa5String);
  auto data = text(pic, der::kOctetString);
  auto w = integer(pic);
  auto hgt = integer(pic);
  if (!ptype || !data || !w || !hgt) return std::nullopt;
  s.picture_type = *ptype;
  s.picture = *data;
  s.width_mm = static_cast<int>(*w);
  s.height_mm = static_cast<int>(*hgt);
  return s;
}

}  // namespace

std::string seal_to_sign(const SealInfo& info, std::string_view maker_cert) {
  return der::sequence({seal_info_der(info), der::octet_string(maker_cert), der::oid(kOidSm3WithSm2)});
}

std::string seal_der(const SealInfo& info, std::string_view maker_cert, std::string_view signature) {
  return der::sequence({seal_info_der(info), der::octet_string(maker_cert), der::oid(kOidSm3WithSm2),
                        der::bit_string(signature)});
}

namespace {

// The shape SESeal and SES_Signature share: SEQUENCE { body SEQUENCE, cert OCTET STRING,
// algorithm OID, signature BIT STRING }, and nothing after it.
struct SignedStructure {
  der::Element whole, body, cert, alg, value;
};

std::optional<SignedStructure> read_signed_structure(std::string_view bytes) {
  der::Reader outer(bytes);
  auto whole = outer.next(der::kSequence);
  if (!whole || !outer.done()) return std::nullopt;
  der::Reader r(whole->content);
  auto body = r.next(der::kSequence);
  auto cert = r.next(der::kOctetString);
  auto alg = r.next(der::kOid);
  auto value = r.next(der::kBitString);
  if (!body || !cert || !alg || !value) return std::nullopt;
  return SignedStructure{*whole, *body, *cert, *alg, *value};
}

}  // namespace

std::optional<Seal> parse_seal(std::string_view bytes) {
  const auto outer = read_signed_structure(bytes);
  if (!outer) return std::nullopt;
  const auto& [whole, info, cert, alg, value] = *outer;
  auto parsed = parse_seal_info(info.content);
  auto bits = der::read_bits(value.content);
  if (!parsed || !bits) return std::nullopt;
  Seal s;
  s.info = std::move(*parsed);
  s.maker_cert = std::string(cert.content);
  s.sign_alg = der::read_oid(alg.content);
  s.signed_value = std::string(*bits);
  s.to_sign = der::sequence({info.whole, cert.whole, alg.whole});
  s.whole = std::string(whole.whole);
  return s;
}

std::string tbs_sign(std::string_view seal, std::string_view time, std::string_view data_hash,
                     std::string_view property) {
  return der::sequence({der::integer(4), seal, der::generalized_time(time), der::bit_string(data_hash),
                        der::ia5(property)});
}

std::string signature_der(std::string_view tbs, std::string_view signer_cert, std::string_view signature) {
  return der::sequence({tbs, der::octet_string(signer_cert), der::oid(kOidSm3WithSm2),
                        der::bit_string(signature)});
}

std::optional<Signature> parse_signature(std::string_view bytes) {
  const auto outer = read_signed_structure(bytes);
  if (!outer) return std::nullopt;
  const auto& [whole, tbs, cert, alg, value] = *outer;
  der::Reader t(tbs.content);
  auto version = integer(t);
  auto seal = t.next(der::kSequence);
  auto time = text(t, der::kGeneralizedTime);
  auto hash = t.next(der::kBitString);
  auto property = text(t, der::kIa5String);
  if (!version || *version != 4 || !seal || !time || !hash || !property) return std::nullopt;
  auto parsed_seal = parse_seal(seal->whole);
  auto hash_bits = der::read_bits(hash->content);
  auto bits = der::read_bits(value.content);
  if (!parsed_seal || !hash_bits || !bits) return std::nullopt;
  Signature s;
  s.seal = std::move(*parsed_seal);
  s.time_info = *time;
  s.data_hash = std::string(*hash_bits);
  s.property_info = *property;
  s.signer_cert = std::string(cert.content);
  s.sign_alg = der::read_oid(alg.content);
  s.signature = std::string(*bits);
  s.to_sign = std::string(tbs.whole);
  return s;
}

std::string generalized_time(long long unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%SZ", &tm);
  return buf;
}

}  // namespace gongwen::ses
