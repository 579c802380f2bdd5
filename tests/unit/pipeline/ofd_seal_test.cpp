// The OFD's electronic seal (GB/T 38540) checked with OpenSSL's command line (pkeyutl with
// SM2, SM3 and the signer ID), with xmllint against the schemas, and against tampering: a
// changed byte in any file, a removed file and an added file are each caught; a seal made by
// another 制章者 is reported; a joint issue's first signature stays valid after the second.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/template.hpp"
#include "gongwen/pipeline/zip_package.hpp"
#include "zip_entries.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::pair<std::string, std::string>> unzip(const std::string& bytes) {
  return test::zip_entries(bytes);
}

std::string rezip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<PackagePart> parts;
  for (const auto& [n, b] : entries) parts.push_back({n, b});
  return zip_package(parts, parse_instant("2026-11-20T09:00:00+08:00").value());
}

std::string get(const std::vector<std::pair<std::string, std::string>>& e, const std::string& name) {
  for (const auto& [n, b] : e)
    if (n == name) return b;
  return {};
}

int run(const std::string& cmd, std::string* out = nullptr) { return test::run_command(cmd, out); }

// A DER element at `at`: where its content starts and how long it is (test-side reader, so
// the test does not trust the code under test to find what OpenSSL should check).
struct Tlv {
  std::size_t start, header, length;
  std::size_t end() const { return start + header + length; }
};
Tlv tlv_at(const std::string& d, std::size_t at) {
  std::size_t len = static_cast<unsigned char>(d[at + 1]);
  std::size_t h = 2;
  if (len & 0x80) {
    const std::size_t k = len & 0x7F;
    len = 0;
    for (std::size_t i = 0; i < k; ++i) len = (len << 8) | static_cast<unsigned char>(d[at + 2 + i]);
    h += k;
  }
  return {at, h, len};
}

class OfdSeal : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const Instant t = parse_instant("2026-01-01T09:00:00+08:00").value();
    maker = new SigningKey(make_self_signed_key("白路乡制章中心", "白路乡", t, 10, KeyKind::Sm2).take());
    other_maker = new SigningKey(make_self_signed_key("别处制章中心", "别处", t, 10, KeyKind::Sm2).take());
    keeper = new SigningKey(make_self_signed_key("白路乡人民政府", "白路乡人民政府", t, 10, KeyKind::Sm2).take());
    keeper2 = new SigningKey(make_self_signed_key("白路乡党委", "中共白路乡委员会", t, 10, KeyKind::Sm2).take());
    const fs::path root = GONGWEN_SOURCE_DIR;
    auto templates = load_templates(root / "templates").take();
    auto profile = parse_profile(slurp(root / "templates" / "profile.example.toml"), "gongwen.toml").take();
    const fs::path dir = root / "samples";
    Document d = read_draft(slurp(dir / "01-rules-notice.toml"), "01", dir, templates, profile).take().doc;
    d.number = "白政发〔2026〕7号";
    RenderOptions o;
    o.created = parse_instant("2026-11-20T09:00:00+08:00").value();
    unsigned_ofd = new std::string(render_ofd(d, o).take().bytes);
  }
  static std::string seal_by(const SigningKey& m, const SigningKey& signer, const std::string& name) {
    SealMaking s;
    s.name = name;
    s.picture_png = "\x89PNG\r\n\x1a\n";
    s.created = s.valid_from = parse_instant("2026-01-01T09:00:00+08:00").value();
    s.valid_to = parse_instant("2030-12-31T00:00:00+08:00").value();
    return make_electronic_seal(s, m, signer.cert_pem).take();
  }
  static std::string signed_ofd(const std::string& ofd, const SigningKey& m, const SigningKey& k,
                                const std::string& name) {
    OfdStamp stamp{0, 120, 200, 42, 42};
    return sign_ofd(ofd, seal_by(m, k, name), Sm2KeyFileSigner(k), stamp,
                    parse_instant("2026-11-20T09:30:00+08:00").value())
        .take();
  }
  static SigningKey *maker, *other_maker, *keeper, *keeper2;
  static std::string* unsigned_ofd;
};
SigningKey *OfdSeal::maker, *OfdSeal::other_maker, *OfdSeal::keeper, *OfdSeal::keeper2;
std::string* OfdSeal::unsigned_ofd;

TEST_F(OfdSeal, SignatureVerifiesWithOpensslCommandLine) {
  const std::string ofd = signed_ofd(*unsigned_ofd, *maker, *keeper, "白路乡人民政府");
  const auto entries = unzip(ofd);
  const std::string value = get(entries, "Doc_0/Signs/Sign_0/SignedValue.dat");
  ASSERT_FALSE(value.empty());
  // SES_Signature ::= SEQUENCE { toSign, cert OCTET STRING, signatureAlgID, signature BIT STRING }
  const Tlv outer = tlv_at(value, 0);
  const Tlv tbs = tlv_at(value, outer.header);
  const Tlv cert = tlv_at(value, tbs.end());
  const Tlv alg = tlv_at(value, cert.end());
  const Tlv sig = tlv_at(value, alg.end());
  const fs::path tmp = fs::temp_directory_path() / "gongwen-ses-test";
  fs::create_directories(tmp);
  std::ofstream(tmp / "tbs.der", std::ios::binary) << value.substr(tbs.start, tbs.end() - tbs.start);
  std::ofstream(tmp / "cert.der", std::ios::binary) << value.substr(cert.start + cert.header, cert.length);
  // The BIT STRING's first content byte counts unused bits.
  std::ofstream(tmp / "sig.der", std::ios::binary) << value.substr(sig.start + sig.header + 1, sig.length - 1);
  const std::string t = tmp.string();
  std::string out;
  ASSERT_EQ(run("openssl x509 -inform DER -in " + t + "/cert.der -noout -pubkey > " + t + "/pub.pem"), 0);
  const std::string verify = "openssl pkeyutl -verify -pubin -inkey " + t + "/pub.pem -rawin -digest sm3 -in " + t +
                             "/tbs.der -sigfile " + t + "/sig.der -pkeyopt distid:1234567812345678";
  EXPECT_EQ(run(verify, &out), 0) << out;
  EXPECT_NE(out.find("Signature Verified Successfully"), std::string::npos) << out;
  // The wrong signer ID must fail: the check is not vacuous.
  EXPECT_NE(run("openssl pkeyutl -verify -pubin -inkey " + t + "/pub.pem -rawin -digest sm3 -in " + t +
                "/tbs.der -sigfile " + t + "/sig.der -pkeyopt distid:1234567812345679", &out), 0);
  ASSERT_EQ(run("openssl x509 -inform DER -in " + t + "/cert.der -noout -subject -nameopt utf8", &out), 0);
  EXPECT_NE(out.find("白路乡人民政府"), std::string::npos) << out;
  fs::remove_all(tmp);

  const OfdVerifyReport r = verify_ofd(ofd, {maker->cert_pem});
  ASSERT_TRUE(r.ok()) << (r.problems.empty() ? (r.seals.empty() ? "" : r.seals[0].problems.front()) : r.problems.front());
  ASSERT_EQ(r.seals.size(), 1u);
  EXPECT_EQ(r.seals[0].signer, "白路乡人民政府");
  EXPECT_EQ(r.seals[0].seal_name, "白路乡人民政府");
  EXPECT_EQ(r.seals[0].signed_at, "20261120013000Z");
}

TEST_F(OfdSeal, SignedPartsValidateAgainstTheSchemas) {
  const auto entries = unzip(signed_ofd(*unsigned_ofd, *maker, *keeper, "白路乡人民政府"));
  const fs::path schema = fs::path(GONGWEN_SOURCE_DIR) / "tests" / "ofd" / "schema";
  const fs::path tmp = fs::temp_directory_path() / "gongwen-ses-schema.xml";
  for (const auto& [part, xsd] : std::map<std::string, std::string>{
           {"OFD.xml", "OFD.xsd"},
           {"Doc_0/Signs/Signatures.xml", "Signatures.xsd"},
           {"Doc_0/Signs/Sign_0/Signature.xml", "Signature-sm3.xsd"}}) {
    std::ofstream(tmp, std::ios::binary) << get(entries, part);
    std::string out;
    EXPECT_EQ(run("xmllint --noout --nonet --schema " + (schema / xsd).string() + " " + tmp.string(), &out), 0)
        << part << "\n" << out;
  }
  fs::remove(tmp);
}

TEST_F(OfdSeal, EveryChangedRemovedOrAddedFileIsCaught) {
  const std::string ofd = signed_ofd(*unsigned_ofd, *maker, *keeper, "白路乡人民政府");
  const auto entries = unzip(ofd);
  ASSERT_GE(entries.size(), 8u);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    SCOPED_TRACE(entries[i].first);
    auto changed = entries;
    std::string& b = changed[i].second;
    b[b.size() / 2] = static_cast<char>(b[b.size() / 2] ^ 0x01);
    EXPECT_FALSE(verify_ofd(rezip(changed)).ok());
    auto removed = entries;
    removed.erase(removed.begin() + static_cast<long>(i));
    EXPECT_FALSE(verify_ofd(rezip(removed)).ok());
  }
  auto added = entries;
  added.emplace_back("Doc_0/Res/extra.png", "x");
  const OfdVerifyReport r = verify_ofd(rezip(added));
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems.front().find("Doc_0/Res/extra.png"), std::string::npos);
  // Unchanged, re-zipped: still valid (the check is on the files, not the zip's bytes).
  EXPECT_TRUE(verify_ofd(rezip(entries)).ok());
}

TEST_F(OfdSeal, SealMadeByAnotherMakerIsReported) {
  const std::string ofd = signed_ofd(*unsigned_ofd, *other_maker, *keeper, "白路乡人民政府");
  const OfdVerifyReport r = verify_ofd(ofd, {maker->cert_pem});
  ASSERT_EQ(r.seals.size(), 1u);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.seals[0].seal_ok);
  EXPECT_FALSE(r.seals[0].maker_trusted);
  EXPECT_EQ(r.seals[0].maker, "别处制章中心");
}

TEST_F(OfdSeal, JointIssueKeepsTheFirstSignatureValid) {
  const std::string first = signed_ofd(*unsigned_ofd, *maker, *keeper, "白路乡人民政府");
  const std::string both = signed_ofd(first, *maker, *keeper2, "中共白路乡委员会");
  const OfdVerifyReport r = verify_ofd(both, {maker->cert_pem});
  ASSERT_EQ(r.seals.size(), 2u);
  EXPECT_TRUE(r.ok()) << (r.seals[0].problems.empty() ? "" : r.seals[0].problems.front());
  EXPECT_EQ(r.seals[0].signer, "白路乡人民政府");
  EXPECT_EQ(r.seals[1].signer, "白路乡党委");
}

TEST_F(OfdSeal, SameInputsSameBytes) {
  EXPECT_EQ(signed_ofd(*unsigned_ofd, *maker, *keeper, "白路乡人民政府"),
            signed_ofd(*unsigned_ofd, *maker, *keeper, "白路乡人民政府"));
}

TEST_F(OfdSeal, ForgedOrTruncatedSignedValueIsRefusedClearly) {
  const auto entries = unzip(signed_ofd(*unsigned_ofd, *maker, *keeper, "白路乡人民政府"));
  for (std::size_t cut : {0ul, 10ul, 200ul}) {
    auto e = entries;
    for (auto& [n, b] : e)
      if (n == "Doc_0/Signs/Sign_0/SignedValue.dat") b = b.substr(0, cut);
    const OfdVerifyReport r = verify_ofd(rezip(e));
    EXPECT_FALSE(r.ok());
  }
  EXPECT_FALSE(verify_ofd("not a zip").ok());
  EXPECT_FALSE(verify_ofd(*unsigned_ofd).ok());
}

// Sealing's refusals come from the catalogue (issue 12): Chinese for the clerk, English on request.
TEST_F(OfdSeal, RefusalsAreInTheClerksLanguage) {
  const Instant t = parse_instant("2026-01-01T09:00:00+08:00").value();
  const SigningKey rsa = make_self_signed_key("白路乡制章中心", "白路乡", t, 10, KeyKind::Rsa).take();
  SealMaking s;
  s.name = "白路乡人民政府";
  s.picture_png = "\x89PNG\r\n\x1a\n";
  s.created = s.valid_from = t;
  s.valid_to = parse_instant("2030-12-31T00:00:00+08:00").value();
  const OfdStamp beyond{99, 120, 200, 42, 42};
  set_message_language(Language::Chinese);
  const auto zh = make_electronic_seal(s, rsa, keeper->cert_pem);
  const auto zh_page = sign_ofd(*unsigned_ofd, seal_by(*maker, *keeper, "白路乡人民政府"), Sm2KeyFileSigner(*keeper),
                                beyond, parse_instant("2026-11-20T09:30:00+08:00").value());
  set_message_language(Language::English);
  ASSERT_FALSE(zh.ok());
  EXPECT_EQ(zh.error().message, "制章者的密钥不是 SM2 密钥");
  ASSERT_EQ(zh.error().hints.size(), 1u);
  EXPECT_EQ(zh.error().hints[0], "电子印章须用 SM2 密钥制作（GB/T 38540）");
  ASSERT_FALSE(zh_page.ok());
  EXPECT_EQ(zh_page.error().message, "OFD：印章所在的第 100 页不在文档中");
  const auto en = make_electronic_seal(s, rsa, keeper->cert_pem);
  ASSERT_FALSE(en.ok());
  EXPECT_EQ(en.error().message, "the 制章者's key is not an SM2 key");
}

}  // namespace
}  // namespace gongwen
