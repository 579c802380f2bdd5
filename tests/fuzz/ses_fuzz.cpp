// Fuzz target: the SES_Signature parser (GB/T 38540 DER) through verify_ofd, with the input as
// SignedValue.dat of an otherwise well-formed package: any bytes give a report that says the
// signature is not good, never a crash, a hang or a throw. Corpus: tests/fuzz/corpus/ses_fuzz
// (a real SignedValue.dat, truncated ones, a forged length).
#include <cstddef>
#include <cstdint>
#include <string>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/pipeline/zip_package.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
  std::vector<gongwen::PackagePart> parts = {
      {"OFD.xml", "<ofd:OFD " + ns + " DocType=\"OFD\" Version=\"1.0\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID>"
                  "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                  "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>"},
      {"Doc_0/Signs/Signatures.xml", "<ofd:Signatures " + ns + "><ofd:Signature ID=\"s1\" BaseLoc=\"/Doc_0/Signs/Sign_0/Signature.xml\"/></ofd:Signatures>"},
      {"Doc_0/Signs/Sign_0/Signature.xml", "<ofd:Signature " + ns + "><ofd:SignedInfo><ofd:Provider ProviderName=\"x\"/>"
                                           "<ofd:References/></ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>"},
      {"Doc_0/Signs/Sign_0/SignedValue.dat", std::string(reinterpret_cast<const char*>(data), size)},
  };
  const std::string ofd = gongwen::zip_package(parts, gongwen::Instant{});
  const gongwen::OfdVerifyReport r = gongwen::verify_ofd(ofd);
  // Signature.xml's hash cannot match whatever the input says: never good.
  if (r.ok()) __builtin_trap();
  return 0;
}
