// Fuzz target: verify_ofd (the OFD package reader: zip limits, unsafe names, XML without DTDs,
// References, SES signatures) must return a report for any bytes; never crash, hang or throw,
// and never call a damaged package good. Corpus: tests/fuzz/corpus/ofd_verify_fuzz (a sealed
// OFD, not a zip, a ../ entry, a DOCTYPE, a missing DocRoot).
#include <cstddef>
#include <cstdint>
#include <string>

#include "gongwen/pipeline/ofd_seal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const gongwen::OfdVerifyReport r = gongwen::verify_ofd(bytes);
  // A report that is not good must say why.
  if (!r.ok() && r.problems.empty()) {
    bool said = false;
    for (const auto& s : r.seals) said = said || !s.problems.empty();
    if (!said) __builtin_trap();
  }
  return 0;
}
