// Checks the last signature of a PDF the way a reader does: the /ByteRange must start at 0
// and leave out exactly the /Contents hex string, the CMS SignedData inside must carry the
// SHA-256 of those ranges and a signature that verifies with the embedded certificate.
// Trust in the certificate is the caller's business (see sign.hpp).
#include <openssl/err.h>

#include <algorithm>
#include <cctype>

#include "gongwen/pipeline/sign.hpp"
#include "ossl.hpp"
#include "pdf_text.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen {

using namespace sign_detail;

namespace {

std::size_t count_of(const std::string& s, const std::string& what, std::size_t end) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos && at < end; at = s.find(what, at + 1)) ++n;
  return n;
}

// The string token (literal or hex) following `key` within [from, to), or "".
std::string value_after(const std::string& pdf, const std::string& key, std::size_t from, std::size_t to) {
  const auto at = pdf.find(key, from);
  if (at == std::string::npos || at >= to) return "";
  std::size_t i = at + key.size();
  while (i < to && std::isspace(static_cast<unsigned char>(pdf[i]))) ++i;
  if (i >= to) return "";
  if (pdf[i] == '<') {
    const auto end = pdf.find('>', i);
    return end == std::string::npos || end >= to ? "" : pdf.substr(i, end - i + 1);
  }
  if (pdf[i] == '(') {
    int depth = 0;
    for (std::size_t j = i; j < to; ++j) {
      if (pdf[j] == '\\') { ++j; continue; }
      if (pdf[j] == '(') ++depth;
      if (pdf[j] == ')' && --depth == 0) return pdf.substr(i, j - i + 1);
    }
  }
  return "";
}

std::string unhex(const std::string& hex, std::size_t& zeros_after_ok) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto v = [](char c) {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = v(hex[i]), lo = v(hex[i + 1]);
    if (hi < 0 || lo < 0) { zeros_after_ok = 0; return ""; }
    out += static_cast<char>(hi * 16 + lo);
  }
  zeros_after_ok = 1;
  return out;
}

SignatureReport fail_with(SignatureReport r, SignatureStatus s, std::string message) {
  r.status = s;
  r.message = std::move(message);
  return r;
}

}  // namespace

SignatureReport verify_pdf_signature(const std::string& pdf) {
  SignatureReport r;
  const std::string key = "/ByteRange";
  std::size_t at = std::string::npos;
  for (auto p = pdf.find(key); p != std::string::npos; p = pdf.find(key, p + 1)) {
    ++r.signatures;
    at = p;
  }
  if (at == std::string::npos) return fail_with(r, SignatureStatus::Unsigned, msg("verify.pdf.unsigned"));

  // /ByteRange [a b c d]
  long long br[4] = {0, 0, 0, 0};
  {
    std::size_t i = pdf.find('[', at);
    const std::size_t close = pdf.find(']', at);
    if (i == std::string::npos || close == std::string::npos || close - at > 80)
      return fail_with(r, SignatureStatus::Malformed, msg("verify.pdf.byte_range"));
    const std::string inner = pdf.substr(i + 1, close - i - 1);
    if (std::sscanf(inner.c_str(), "%lld %lld %lld %lld", &br[0], &br[1], &br[2], &br[3]) != 4)
      return fail_with(r, SignatureStatus::Malformed, msg("verify.pdf.byte_range"));
  }
  const long long size = static_cast<long long>(pdf.size());
  if (br[0] != 0 || br[1] <= 0 || br[2] <= br[1] + 1 || br[3] < 0 || br[2] + br[3] > size ||
      pdf[static_cast<std::size_t>(br[1])] != '<' || pdf[static_cast<std::size_t>(br[2] - 1)] != '>')
    return fail_with(r, SignatureStatus::Malformed,
                     msg("verify.pdf.frame"));
  const auto signed_end = static_cast<std::size_t>(br[2] + br[3]);
  r.whole_document = br[2] + br[3] == size;
  r.revision = static_cast<int>(count_of(pdf, "%%EOF", signed_end));

  // The signature dictionary around the /ByteRange, for /M and /Reason.
  const auto obj_start = pdf.rfind(" obj", at);
  const auto obj_end = pdf.find("endobj", static_cast<std::size_t>(br[2]));
  const std::size_t from = obj_start == std::string::npos ? 0 : obj_start;
  const std::size_t to = obj_end == std::string::npos ? pdf.size() : obj_end;
  auto meta = [&](const std::string& k) {
    std::string v = value_after(pdf, k, from, static_cast<std::size_t>(br[1]));
    if (v.empty()) v = value_after(pdf, k, static_cast<std::size_t>(br[2]), to);
    return v;
  };
  r.signed_at = decode_pdf_string(meta("/M"));
  r.reason = decode_pdf_string(meta("/Reason"));

  std::size_t ok = 0;
  const std::string hex = pdf.substr(static_cast<std::size_t>(br[1]) + 1,
                                     static_cast<std::size_t>(br[2] - br[1] - 2));
  const std::string der = unhex(hex, ok);
  if (!ok) return fail_with(r, SignatureStatus::Malformed, msg("verify.pdf.not_hex"));
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms) {
    ssl_error();
    return fail_with(r, SignatureStatus::Malformed, msg("verify.pdf.not_cms"));
  }
  // Bytes after the DER blob are padding and must stay zero: a changed byte there is tampering.
  const std::size_t used = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(der.data()));
  if (!std::all_of(der.begin() + static_cast<long>(used), der.end(), [](char c) { return c == 0; }))
    return fail_with(r, SignatureStatus::Tampered, msg("verify.pdf.padding"));

  std::string content = pdf.substr(0, static_cast<std::size_t>(br[1]));
  content.append(pdf, static_cast<std::size_t>(br[2]), static_cast<std::size_t>(br[3]));
  auto bio = mem_bio(content);
  const int verified = CMS_verify(cms.get(), nullptr, nullptr, bio.get(), nullptr,
                                  CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY | CMS_DETACHED);
  if (verified != 1) {
    const std::string why = ssl_error();
    if (STACK_OF(X509)* certs = CMS_get1_certs(cms.get())) {
      if (sk_X509_num(certs) > 0) r.signer = cert_cn(sk_X509_value(certs, 0));
      sk_X509_pop_free(certs, X509_free);
    }
    return fail_with(r, SignatureStatus::Tampered,
                     msg("verify.pdf.changed", {{"why", why}}));
  }
  // The signer's certificate is known once CMS_verify matched it to its SignerInfo.
  if (STACK_OF(X509)* signers = CMS_get0_signers(cms.get()); signers && sk_X509_num(signers) > 0) {
    r.signer = cert_cn(sk_X509_value(signers, 0));
    r.cert_sha256 = cert_der_sha256(sk_X509_value(signers, 0));
    sk_X509_free(signers);
  }
  ssl_error();
  r.status = SignatureStatus::Valid;
  if (!r.whole_document)
    r.message = msg("verify.pdf.appended", {{"bytes", std::to_string(size - br[2] - br[3])}});
  return r;
}

}  // namespace gongwen
