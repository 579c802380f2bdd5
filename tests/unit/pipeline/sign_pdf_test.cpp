// sign_pdf / verify_pdf_signature: a signed PDF verifies here and in Poppler's pdfsig
// ("Signature is Valid", "Total document signed"); any changed byte is caught; keys import.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

// A one-page PDF with a classic xref table, offsets computed.
std::string tiny_pdf() {
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      "<< /Length 0 >>\nstream\n\nendstream"};
  std::string out = "%PDF-1.5\n";
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    at.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 5\n0000000000 65535 f \n";
  for (auto a : at) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", a);
    out += line;
  }
  out += "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

const SigningKey& test_key() {
  static const SigningKey key =
      make_self_signed_key("白路乡人民政府", "白路乡党政办公室", Instant{1767225600, 480}, 10).take();
  return key;
}

SignOptions options() {
  SignOptions o;
  o.signed_at = Instant{1772674200, 480};  // 2026-03-05 09:30 +08:00
  o.reason = "签发 白政发〔2026〕3号";
  o.location = "白路乡人民政府";
  return o;
}

std::string run(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen((cmd + " 2>&1").c_str(), "r")) {
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    ::pclose(p);
  }
  return out;
}

fs::path temp_file(const std::string& name, const std::string& bytes) {
  const fs::path dir = fs::temp_directory_path() / ("gongwen-sign-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
  return dir / name;
}

TEST(SignPdf, SignedTinyPdfVerifiesWithSignerReasonAndRevision) {
  const std::string pdf = tiny_pdf();
  const std::string signed_pdf = sign_pdf(pdf, test_key(), options()).take();
  ASSERT_EQ(signed_pdf.compare(0, pdf.size(), pdf), 0) << "the original bytes must stay untouched";
  const auto r = verify_pdf_signature(signed_pdf);
  EXPECT_EQ(r.status, SignatureStatus::Valid) << r.message;
  EXPECT_TRUE(r.whole_document);
  EXPECT_EQ(r.signer, "白路乡人民政府");
  EXPECT_EQ(r.reason, "签发 白政发〔2026〕3号");
  EXPECT_EQ(r.signed_at, "D:20260305093000+08'00'");
  EXPECT_EQ(r.revision, 2);
  EXPECT_EQ(r.signatures, 1);
  EXPECT_EQ(r.cert_sha256, certificate_sha256(test_key().cert_pem));
  EXPECT_EQ(r.cert_sha256.size(), 64u);
}

TEST(SignPdf, PopplerPdfsigReportsValidAndTotalDocumentSigned) {
  const fs::path f = temp_file("tiny.pdf", sign_pdf(tiny_pdf(), test_key(), options()).take());
  const std::string out = run("pdfsig -nocert '" + f.string() + "'");
  EXPECT_NE(out.find("Signature Validation: Signature is Valid."), std::string::npos) << out;
  EXPECT_NE(out.find("Total document signed"), std::string::npos) << out;
  EXPECT_NE(out.find("adbe.pkcs7.detached"), std::string::npos) << out;
}

TEST(SignPdf, RenderedNoticeSignsAndPdfsigAcceptsIt) {
  Document d;
  d.template_id = "notice";
  d.kind = "通知";
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府文件";
  d.number = "白政发〔2026〕3号";
  d.title = "白路乡人民政府关于做好森林防火工作的通知";
  d.main_recipients = "各村民委员会";
  d.body = {{BlockKind::Paragraph, "各村要切实做好森林防火工作。", 0}};
  d.date = Date{2026, 3, 5};
  d.print_date = d.date;
  d.printer = "白路乡党政办公室";
  d.signature = "白路乡人民政府";
  d.seal = SealMode::Sealed;
  d.seal_text = "白路乡人民政府";
  RenderOptions ro;
  ro.created = options().signed_at;
  const auto pdf = render_pdf(d, ro).take();
  const std::string signed_pdf = sign_pdf(pdf.bytes, test_key(), options()).take();
  EXPECT_TRUE(verify_pdf_signature(signed_pdf).valid());
  const fs::path f = temp_file("notice.pdf", signed_pdf);
  const std::string out = run("pdfsig -nocert '" + f.string() + "'");
  EXPECT_NE(out.find("Signature is Valid"), std::string::npos) << out;
  EXPECT_NE(out.find("Total document signed"), std::string::npos) << out;
  // The page still renders: pdfinfo sees the same page count.
  const std::string info = run("pdfinfo '" + f.string() + "'");
  const auto at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << info;
  EXPECT_EQ(std::stoi(info.substr(at + 6)), pdf.pages) << info;
}

TEST(SignPdf, SameInputsGiveTheSameBytes) {
  EXPECT_EQ(sign_pdf(tiny_pdf(), test_key(), options()).take(),
            sign_pdf(tiny_pdf(), test_key(), options()).take());
}

TEST(SignPdf, EveryKindOfSingleChangedByteIsCaught) {
  const std::string good = sign_pdf(tiny_pdf(), test_key(), options()).take();
  const auto contents = good.rfind("/Contents <") + 11;
  const std::vector<std::size_t> positions = {
      20,                      // inside the original page content
      good.size() - 30,        // inside the trailer of the update
      contents + 40,           // inside the CMS blob
      good.rfind("000000>") + 2,  // in the zero padding of /Contents
      good.find("/ByteRange [0 ") + 15,  // the byte range itself
  };
  for (auto pos : positions) {
    std::string bad = good;
    bad[pos] = bad[pos] == '1' ? '2' : '1';
    const auto r = verify_pdf_signature(bad);
    EXPECT_FALSE(r.valid()) << "changed byte at " << pos << " went unnoticed";
    EXPECT_FALSE(r.message.empty());
  }
}

TEST(SignPdf, AppendedBytesAreNotTheWholeDocument) {
  const std::string appended = sign_pdf(tiny_pdf(), test_key(), options()).take() + "% more\n";
  const auto r = verify_pdf_signature(appended);
  EXPECT_TRUE(r.valid());
  EXPECT_FALSE(r.whole_document);
  EXPECT_NE(r.message.find("appended"), std::string::npos);
}

TEST(SignPdf, SecondSignatureCoversTheFirstRevisionToo) {
  const std::string once = sign_pdf(tiny_pdf(), test_key(), options()).take();
  const std::string twice = sign_pdf(once, test_key(), options()).take();
  const auto r = verify_pdf_signature(twice);
  EXPECT_TRUE(r.valid()) << r.message;
  EXPECT_TRUE(r.whole_document);
  EXPECT_EQ(r.signatures, 2);
  EXPECT_EQ(r.revision, 3);
}

TEST(SignPdf, UnsignedAndGarbageInputs) {
  EXPECT_EQ(verify_pdf_signature(tiny_pdf()).status, SignatureStatus::Unsigned);
  EXPECT_EQ(verify_pdf_signature("").status, SignatureStatus::Unsigned);
  EXPECT_EQ(verify_pdf_signature("/ByteRange [0 5 x]").status, SignatureStatus::Malformed);
  const auto r = sign_pdf("not a pdf", test_key(), options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
}

TEST(SignPdf, KeyThatDoesNotMatchItsCertificateIsRefused) {
  const SigningKey other = make_self_signed_key("其他", "其他", Instant{1767225600, 480}, 1).take();
  SigningKey mixed = test_key();
  mixed.key_pem = other.key_pem;
  const auto r = sign_pdf(tiny_pdf(), mixed, options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, msg("signing.key.mismatch"));
  EXPECT_FALSE(load_signing_key_pem(other.key_pem, test_key().cert_pem).ok());
  EXPECT_FALSE(load_signing_key_pem("garbage", test_key().cert_pem).ok());
}

TEST(SignKeys, PemAndPkcs12ImportGiveTheSameIdentity) {
  const auto pem = load_signing_key_pem(test_key().key_pem, test_key().cert_pem).take();
  EXPECT_EQ(certificate_sha256(pem.cert_pem), certificate_sha256(test_key().cert_pem));
  const fs::path key = temp_file("k.pem", test_key().key_pem);
  const fs::path cert = temp_file("c.pem", test_key().cert_pem);
  const fs::path p12 = key.parent_path() / "id.p12";
  run("openssl pkcs12 -export -inkey '" + key.string() + "' -in '" + cert.string() + "' -out '" +
      p12.string() + "' -passout pass:s3cret");
  std::ifstream in(p12, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  ASSERT_GT(bytes.str().size(), 100u);
  const auto imported = load_signing_key_pkcs12(bytes.str(), "s3cret").take();
  EXPECT_EQ(certificate_sha256(imported.cert_pem), certificate_sha256(test_key().cert_pem));
  EXPECT_EQ(certificate_common_name(imported.cert_pem), "白路乡人民政府");
  const auto wrong = load_signing_key_pkcs12(bytes.str(), "wrong");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("PKCS#12"), std::string::npos);
  const auto signed_pdf = sign_pdf(tiny_pdf(), imported, options()).take();
  EXPECT_TRUE(verify_pdf_signature(signed_pdf).valid());
}

}  // namespace
}  // namespace gongwen
