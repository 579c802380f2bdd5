#include "ses/der.hpp"

#include <charconv>

namespace gongwen::ses::der {

std::string tlv(unsigned char tag, std::string_view content) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string len;
    for (std::size_t v = n; v > 0; v >>= 8) len.insert(len.begin(), static_cast<char>(v & 0xFF));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  out.append(content);
  return out;
}

std::string integer(std::int64_t v) {
  std::string bytes;
  for (int i = 0; i < 8; ++i) bytes.insert(bytes.begin(), static_cast<char>((v >> (8 * i)) & 0xFF));
  // Minimal two's complement: drop leading bytes that only repeat the sign.
  while (bytes.size() > 1 &&
         ((bytes[0] == 0 && !(bytes[1] & 0x80)) ||
          (static_cast<unsigned char>(bytes[0]) == 0xFF && (bytes[1] & 0x80))))
    bytes.erase(0, 1);
  return tlv(kInteger, bytes);
}

std::string bit_string(std::string_view bytes) {
  std::string c(1, '\0');
  c.append(bytes);
  return tlv(kBitString, c);
}

std::string octet_string(std::string_view bytes) { return tlv(kOctetString, bytes); }

std::string oid(std::string_view dotted) {
  std::vector<std::uint64_t> arcs;
  std::size_t i = 0;
  while (i <= dotted.size()) {
    std::size_t j = dotted.find('.', i);
    if (j == std::string_view::npos) j = dotted.size();
    std::uint64_t v = 0;
    std::from_chars(dotted.data() + i, dotted.data() + j, v);
    arcs.push_back(v);
    i = j + 1;
  }
  std::string c;
  auto base128 = [&](std::uint64_t v) {
    std::string b(1, static_cast<char>(v & 0x7F));
    for (v >>= 7; v > 0; v >>= 7) b.insert(b.begin(), static_cast<char>(0x80 | (v & 0x7F)));
    c += b;
  };
  if (arcs.size() >= 2) base128(arcs[0] * 40 + arcs[1]);
  for (std::size_t k = 2; k < arcs.size(); ++k) base128(arcs[k]);
  return tlv(kOid, c);
}

std::string ia5(std::string_view s) { return tlv(kIa5String, s); }
std::string utf8(std::string_view s) { return tlv(kUtf8String, s); }
std::string generalized_time(std::string_view t) { return tlv(kGeneralizedTime, t); }

std::string sequence(std::initializer_list<std::string_view> parts) {
  std::string c;
  for (std::string_view p : parts) c.append(p);
  return tlv(kSequence, c);
}

std::optional<Element> Reader::next(int tag) {
  const std::size_t left = m_data.size() - m_at;
  if (left < 2) return std::nullopt;
  const std::size_t start = m_at;
  const auto t = static_cast<unsigned char>(m_data[m_at]);
  if (tag >= 0 && t != tag) return std::nullopt;
  if ((t & 0x1F) == 0x1F) return std::nullopt;  // multi-byte tags: not in these structures
  std::size_t at = m_at + 1;
  std::size_t len = static_cast<unsigned char>(m_data[at++]);
  if (len & 0x80) {
    const std::size_t k = len & 0x7F;
    if (k == 0 || k > 4 || at + k > m_data.size()) return std::nullopt;  // no indefinite lengths
    len = 0;
    for (std::size_t i = 0; i < k; ++i) len = (len << 8) | static_cast<unsigned char>(m_data[at++]);
  }
  if (len > m_data.size() - at) return std::nullopt;
  m_at = at + len;
  return Element{t, m_data.substr(at, len), m_data.substr(start, m_at - start)};
}

std::optional<std::int64_t> read_integer(std::string_view c) {
  if (c.empty() || c.size() > 8) return std::nullopt;
  std::int64_t v = (c[0] & 0x80) ? -1 : 0;
  for (char ch : c) v = static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << 8) | static_cast<unsigned char>(ch);
  return v;
}

std::string read_oid(std::string_view c) {
  std::string out;
  std::uint64_t v = 0;
  bool first = true;
  for (char ch : c) {
    v = (v << 7) | (static_cast<unsigned char>(ch) & 0x7F);
    if (static_cast<unsigned char>(ch) & 0x80) {
      if (v > (1ull << 56)) return {};
      continue;
    }
    if (first) {
      const std::uint64_t a = v < 80 ? v / 40 : 2;
      out = std::to_string(a) + "." + std::to_string(v - a * 40);
      first = false;
    } else {
      out += "." + std::to_string(v);
    }
    v = 0;
  }
  return out;
}

std::optional<std::string_view> read_bits(std::string_view c) {
  if (c.empty() || c[0] != 0) return std::nullopt;
  return c.substr(1);
}

}  // namespace gongwen::ses::der
