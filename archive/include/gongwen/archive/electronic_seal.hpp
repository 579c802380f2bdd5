#pragma once
// The workspace's electronic seal for the OFD (GB/T 38540), in keys/ beside the PDF's key:
//   sm2-signer-key.pem (0600), sm2-signer-cert.pem   the 签章者: the seal keeper's SM2 identity
//   seal-maker-key.pem (0600), seal-maker-cert.pem   the 制章者 (self-issued by default)
//   seals/<organ>.esl                                one SESeal (DER) per organ, for the signer
// Missing files are made on first use; an office imports the seal and identities issued to it
// by putting its files there (docs/ofd.md).
#include <filesystem>
#include <string>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen::archive {

class ElectronicSeals {
 public:
  // Loads the identities, making the missing ones (self-issued, 10 years from `now`).
  ElectronicSeals(std::filesystem::path keys_dir, const std::string& office, const Instant& now);
  const SigningKey& signer() const { return m_signer; }
  const SigningKey& maker() const { return m_maker; }
  // Puts the office's own (or the demo's) identities in place of the self-issued ones.
  static void install(const std::filesystem::path& keys_dir, const SigningKey& signer,
                      const SigningKey& maker);
  // The workspace's 制章者 certificate (PEM), "" if it has none yet; nothing is made.
  static std::string maker_certificate(const std::filesystem::path& keys_dir);
  // The SESeal of `organ`, made with `picture_png` (diameter in mm) when it has none yet.
  std::string seal_for(const std::string& organ, const std::string& picture_png, int diameter_mm);

 private:
  std::filesystem::path m_dir;
  Instant m_now;
  SigningKey m_signer, m_maker;
};

}  // namespace gongwen::archive
