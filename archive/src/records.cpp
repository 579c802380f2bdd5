#include <openssl/evp.h>

#include "gongwen/pipeline/hex.hpp"
#include "gongwen/archive/records.hpp"
#include "gongwen/archive/registry.hpp"

namespace gongwen::archive {

namespace {
struct StateName { DraftState s; const char* en; const char* zh; };
constexpr StateName kStates[] = {
    {DraftState::Submitted, "submitted", "已提交"}, {DraftState::Reviewing, "reviewing", "审核中"},
    {DraftState::Returned, "returned", "已退回"},   {DraftState::Reviewed, "reviewed", "已审核"},
    {DraftState::Signed, "signed", "已签发"},       {DraftState::Issued, "issued", "已印发"},
    {DraftState::Voided, "voided", "已作废"}};
}  // namespace

const char* state_name(DraftState s) {
  for (const auto& x : kStates)
    if (x.s == s) return x.en;
  return "";
}

const char* state_chinese(DraftState s) {
  for (const auto& x : kStates)
    if (x.s == s) return x.zh;
  return "";
}

std::optional<DraftState> parse_state(const std::string& s) {
  for (const auto& x : kStates)
    if (s == x.en) return x.s;
  return std::nullopt;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  return to_hex(std::string_view(reinterpret_cast<const char*>(md), len));
}

std::string audit_entry_hash(const AuditEntry& e) {
  // Unit separators keep field boundaries unambiguous: "ab"+"c" never hashes like "a"+"bc".
  const std::string sep = "\x1f";
  // `rows` joined the hash with the keyed log; entries without rows hash as they always did.
  return sha256_hex(std::to_string(e.seq) + sep + e.at + sep + e.actor + sep + e.action + sep +
                    e.subject + sep + e.detail + sep + e.prev_hash + (e.rows.empty() ? "" : sep + e.rows));
}

std::optional<std::int64_t> verify_audit_chain(const std::vector<AuditEntry>& log) {
  std::string prev;
  for (const auto& e : log) {
    if (e.prev_hash != prev || audit_entry_hash(e) != e.hash) return e.seq;
    prev = e.hash;
  }
  return std::nullopt;
}

}  // namespace gongwen::archive
