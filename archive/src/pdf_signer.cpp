// Choosing the PDF's signer from [signing] in gongwen.toml, and the token's PIN.
#include "gongwen/archive/pdf_signer.hpp"

#include <sys/stat.h>

#include <cstdlib>

#include "gongwen/archive/keys.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "pkcs11_signer.hpp"

namespace gongwen::archive {

std::string read_token_pin(const SigningSettings& s, const std::filesystem::path& base) {
  if (!s.pin_env.empty()) {
    const char* pin = std::getenv(s.pin_env.c_str());
    if (!pin || !*pin)
      fail(Code::Forbidden, msg("signing.pin.missing", {{"where", msg("signing.pin.missing.env", {{"name", s.pin_env}})}}));
    return pin;
  }
  const std::filesystem::path file = base / s.pin_file;
  struct stat st {};
  if (s.pin_file.empty() || ::stat(file.c_str(), &st) != 0)
    fail(Code::Forbidden, msg("signing.pin.missing", {{"where", msg("signing.pin.missing.file", {{"file", file.string()}})}}));
  // Like ssh with a private key: a PIN others can read is refused, not used.
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    fail(Code::Forbidden, msg("signing.pin.file_mode", {{"file", file.string()}}), {msg("signing.pin.file_mode.hint", {{"file", file.string()}})});
  std::string pin = read_file(file);
  if (const auto nl = pin.find_first_of("\r\n"); nl != std::string::npos) pin.resize(nl);
  if (pin.empty())
    fail(Code::Forbidden, msg("signing.pin.missing", {{"where", msg("signing.pin.missing.file", {{"file", file.string()}})}}));
  return pin;
}

std::shared_ptr<const PdfSigner> open_pdf_signer(const Workspace& ws) {
  const SigningSettings& s = ws.profile().signing;
  if (s.store == SigningSettings::Store::KeyFile) return std::make_shared<PdfKeyFileSigner>(load_signing_key(ws));
  return open_pkcs11_signer(s, read_token_pin(s, ws.root()), ws.root());
}

std::string pdf_signing_certificate(const Workspace& ws) {
  const SigningSettings& s = ws.profile().signing;
  if (s.store == SigningSettings::Store::KeyFile) return load_signing_key(ws).cert_pem;
  return token_certificate_pem(s, ws.root());
}

}  // namespace gongwen::archive
