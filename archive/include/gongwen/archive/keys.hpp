#pragma once
// The workspace's signing identity in keys/: signing-key.pem (mode 0600) and
// signing-cert.pem. `gongwen init` makes a self-signed one; an office imports its own
// (PEM or PKCS#12) with `gongwen key import`. Every issued PDF is signed with it.
#include <filesystem>
#include <string>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/sign.hpp"

namespace gongwen::archive {

std::filesystem::path signing_key_file(const std::filesystem::path& keys_dir);
std::filesystem::path signing_cert_file(const std::filesystem::path& keys_dir);

// Writes a fresh self-signed identity into keys_dir unless one is there already.
void create_signing_key(const std::filesystem::path& keys_dir, const std::string& common_name,
                        const std::string& organization, const Instant& now);
// Replaces the identity (key file written 0600 through a temp file), audited by `actor`.
void install_signing_key(Workspace& ws, const SigningKey& key, const std::string& actor,
                         const std::string& at);
// NotFound with a hint when keys/ holds no identity.
SigningKey load_signing_key(const Workspace& ws);

// A key and its certificate (PEM) read and checked to belong together, once per process for
// given contents: the check costs more than a signature, and a batch of issues (or the web
// server) would otherwise repeat it for every document. An imported key has other contents,
// so it is checked again. Throws Failure as load_signing_key_pem.
SigningKey checked_key_pair(std::string key_pem, std::string cert_pem);

}  // namespace gongwen::archive
