#pragma once
// Inside the archive library: the token's certificate without its PIN (pdf_signer.cpp).
#include <filesystem>
#include <string>

#include "gongwen/pipeline/profile.hpp"

namespace gongwen::archive {

// The open signer's certificate, else the settings' certificate file, else the token's
// certificate object labelled like the key (a public object: no login). Throws Failure.
std::string token_certificate_pem(const SigningSettings& settings, const std::filesystem::path& base);

}  // namespace gongwen::archive
