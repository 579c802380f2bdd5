#include "gongwen/archive/electronic_seal.hpp"

#include <sys/stat.h>

#include "gongwen/archive/keys.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/hex.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

namespace {

void write_pair(const fs::path& dir, const std::string& stem, const SigningKey& k) {
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0700);
  write_file_atomic(dir / (stem + "-cert.pem"), k.cert_pem);
  write_file_atomic(dir / (stem + "-key.pem"), k.key_pem, FileAccess::Private);
}

// Loads key + certificate, or makes a self-signed SM2 pair and writes it (key 0600).
SigningKey load_or_make(const fs::path& dir, const std::string& stem, const std::string& cn,
                        const std::string& org, const Instant& now) {
  const fs::path key = dir / (stem + "-key.pem"), cert = dir / (stem + "-cert.pem");
  std::error_code ec;
  if (fs::exists(key, ec) && fs::exists(cert, ec))
    return checked_key_pair(read_file(key), read_file(cert));
  SigningKey made = make_self_signed_key(cn, org, now, 10, KeyKind::Sm2).take();
  write_pair(dir, stem, made);
  return made;
}

// A file name for an organ's seal: its name, unless that could leave the folder.
std::string seal_file_name(const std::string& organ) {
  const bool plain = !organ.empty() && organ.find_first_of("/\\") == std::string::npos &&
                     organ.front() != '.';
  return (plain ? organ : to_hex(organ)) + ".esl";
}

}  // namespace

ElectronicSeals::ElectronicSeals(fs::path keys_dir, const std::string& office, const Instant& now)
    : m_dir(std::move(keys_dir)), m_now(now) {
  m_signer = load_or_make(m_dir, "sm2-signer", office, office, now);
  m_maker = load_or_make(m_dir, "seal-maker", office + " 制章", office, now);
}

std::string ElectronicSeals::maker_certificate(const fs::path& keys_dir) {
  std::error_code ec;
  const fs::path cert = keys_dir / "seal-maker-cert.pem";
  return fs::exists(cert, ec) ? read_file(cert) : std::string();
}

void ElectronicSeals::install(const fs::path& keys_dir, const SigningKey& signer, const SigningKey& maker) {
  write_pair(keys_dir, "sm2-signer", signer);
  write_pair(keys_dir, "seal-maker", maker);
}

std::string ElectronicSeals::seal_for(const std::string& organ, const std::string& picture_png,
                                      int diameter_mm) {
  const fs::path file = m_dir / "seals" / seal_file_name(organ);
  std::error_code ec;
  if (fs::exists(file, ec)) return read_file(file);
  SealMaking s;
  s.name = organ;
  s.picture_png = picture_png;
  s.width_mm = s.height_mm = diameter_mm;
  s.created = s.valid_from = m_now;
  s.valid_to = Instant{m_now.unix_seconds + 10ll * 365 * 86400, m_now.utc_offset_minutes};
  std::string der = make_electronic_seal(s, m_maker, m_signer.cert_pem).take();
  fs::create_directories(file.parent_path());
  write_file_atomic(file, der);
  return der;
}

}  // namespace gongwen::archive
