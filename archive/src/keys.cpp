#include "gongwen/archive/keys.hpp"

#include <map>
#include <mutex>
#include <utility>

#include <sys/stat.h>

namespace gongwen::archive {

namespace fs = std::filesystem;

fs::path signing_key_file(const fs::path& keys_dir) { return keys_dir / "signing-key.pem"; }
fs::path signing_cert_file(const fs::path& keys_dir) { return keys_dir / "signing-cert.pem"; }

namespace {

void write_key_files(const fs::path& keys_dir, const SigningKey& key) {
  fs::create_directories(keys_dir);
  ::chmod(keys_dir.c_str(), 0700);
  std::string cert = key.cert_pem;
  for (const auto& c : key.chain_pem) cert += c;
  write_file_atomic(signing_cert_file(keys_dir), cert);
  write_file_atomic(signing_key_file(keys_dir), key.key_pem, FileAccess::Private);
}

}  // namespace

void create_signing_key(const fs::path& keys_dir, const std::string& common_name,
                        const std::string& organization, const Instant& now) {
  std::error_code ec;
  if (fs::exists(signing_key_file(keys_dir), ec)) return;
  write_key_files(keys_dir, make_self_signed_key(common_name, organization, now, 10).take());
}

void install_signing_key(Workspace& ws, const SigningKey& key, const std::string& actor,
                         const std::string& at) {
  write_key_files(ws.keys_dir(), key);
  ws.registry().transaction([&] {
    ws.registry().audit(at, actor, "key", certificate_common_name(key.cert_pem),
                        "signing certificate sha256 " + certificate_sha256(key.cert_pem));
  });
}

SigningKey load_signing_key(const Workspace& ws) {
  std::error_code ec;
  if (!fs::exists(signing_key_file(ws.keys_dir()), ec) || !fs::exists(signing_cert_file(ws.keys_dir()), ec))
    fail(Code::NotFound, msg("keys.none", {{"dir", ws.keys_dir().string()}}),
         {msg("keys.none.hint.import"), msg("keys.none.hint.new")});
  return checked_key_pair(read_file(signing_key_file(ws.keys_dir())), read_file(signing_cert_file(ws.keys_dir())));
}

SigningKey checked_key_pair(std::string key_pem, std::string cert_pem) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, SigningKey> checked;
  std::lock_guard<std::mutex> lock(mutex);
  auto pair = std::make_pair(std::move(key_pem), std::move(cert_pem));
  if (auto it = checked.find(pair); it != checked.end()) return it->second;
  SigningKey key = load_signing_key_pem(pair.first, pair.second).take();
  if (checked.size() > 8) checked.clear();
  checked.emplace(std::move(pair), key);
  return key;
}

}  // namespace gongwen::archive
