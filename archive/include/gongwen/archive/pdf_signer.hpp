#pragma once
// The signer of the issued PDFs, as [signing] in gongwen.toml says (docs/signing.md): the key
// file in keys/ (the default) or a PKCS#11 token (a UKey or an HSM; SoftHSM2 in the tests),
// with an RSA or EC P-256 key. The PIN comes from an environment variable or a file named in
// the settings, never from the command line or the profile itself.
#include <filesystem>
#include <memory>
#include <string>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen::archive {

// The workspace's signer, checked before it is returned (the key belongs to the certificate).
// Throws Failure: NotFound without a key file, token, key or certificate; Forbidden for a
// missing, wrong or locked PIN; BadInput for a module that does not load or a key of another
// kind; Io when the token fails. A token, once opened and logged in, stays open for the
// process (one session per module, token and key) and is opened again after it failed.
std::shared_ptr<const PdfSigner> open_pdf_signer(const Workspace& ws);

// The certificate the PDFs are signed with (PEM): keys/signing-cert.pem, or the token's,
// read without the PIN. For `gongwen verify` and `gongwen key show`. Throws Failure.
std::string pdf_signing_certificate(const Workspace& ws);

// A token's signer from explicit settings and PIN; relative paths in `settings` (pin_file,
// certificate) are taken from `base`. Throws Failure as open_pdf_signer.
std::shared_ptr<const PdfSigner> open_pkcs11_signer(const SigningSettings& settings,
                                                    const std::string& pin,
                                                    const std::filesystem::path& base);

// The PIN as the settings say: the environment variable, or the first line of the file
// (which must not be readable by group or others). Throws Failure(Forbidden) when missing.
std::string read_token_pin(const SigningSettings& settings, const std::filesystem::path& base);

}  // namespace gongwen::archive
