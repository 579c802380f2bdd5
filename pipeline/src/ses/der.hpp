#pragma once
// A small DER writer and reader for the GB/T 38540 structures (SESeal, SES_Signature): the
// few universal types they use, definite lengths only. The reader never trusts a length: every
// read checks it against what is left, so a truncated or forged SignedValue.dat is refused.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::ses::der {

enum Tag : unsigned char {
  kInteger = 0x02,
  kBitString = 0x03,
  kOctetString = 0x04,
  kOid = 0x06,
  kUtf8String = 0x0C,
  kIa5String = 0x16,
  kGeneralizedTime = 0x18,
  kSequence = 0x30,
};

std::string tlv(unsigned char tag, std::string_view content);
std::string integer(std::int64_t v);
std::string bit_string(std::string_view bytes);  // no unused bits
std::string octet_string(std::string_view bytes);
std::string oid(std::string_view dotted);         // "1.2.156.10197.1.501"
std::string ia5(std::string_view s);
std::string utf8(std::string_view s);
std::string generalized_time(std::string_view yyyymmddhhmmssz);  // "20261120010000Z"
std::string sequence(std::initializer_list<std::string_view> parts);

// One element read: its tag, content, and the whole encoding (for hashing what was signed).
struct Element {
  unsigned char tag = 0;
  std::string_view content;
  std::string_view whole;
};

// Reads elements one after another from a buffer.
class Reader {
 public:
  explicit Reader(std::string_view data) : m_data(data) {}
  bool done() const { return m_at >= m_data.size(); }
  // The next element, if it is complete and (when given) has `tag`.
  std::optional<Element> next(int tag = -1);

 private:
  std::string_view m_data;
  std::size_t m_at = 0;
};

std::optional<std::int64_t> read_integer(std::string_view content);
std::string read_oid(std::string_view content);
// A BIT STRING's bytes (first octet, the unused-bit count, must be 0).
std::optional<std::string_view> read_bits(std::string_view content);

}  // namespace gongwen::ses::der
