#pragma once
// The organ profile: who the office is (organs, 机关代字, 全宗号, seal text) and who works in
// it (users, roles, clearance). Read from the workspace's gongwen.toml; pure data here.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/pipeline/diagnostics.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/model.hpp"
#include "gongwen/pipeline/render.hpp"

namespace gongwen {

struct Organ {
  std::string id;           // "government"
  std::string name;         // 白路乡人民政府 (发文机关, 署名)
  std::string mark;         // 白路乡人民政府文件 (发文机关标志)
  std::string short_name;   // 白路乡政府
  std::string code_prefix;  // 白政: + template code 发 → 白政发
  std::string seal_text;    // 白路乡人民政府
  std::string signer;       // user id of the default 签发人
  std::string unit_code;    // 机构(问题)代码 in the 档号, e.g. ZF
};

enum class Role { Drafter, Reviewer, Signer, SealKeeper, Archivist, Admin };
const char* role_name(Role r);        // drafter, reviewer, …
const char* role_chinese(Role r);     // 拟稿人, 审核人, …
std::optional<Role> parse_role(std::string_view name);

struct User {
  std::string id;
  std::string name;
  std::string title;  // 职务: 乡长, 党政办主任 …
  std::vector<Role> roles;
  Secrecy clearance = Secrecy::None;
  bool has(Role r) const;
};

// [signing] in gongwen.toml: where the key that signs the PDF lives (docs/signing.md). The
// key file in keys/ by default; a PKCS#11 token (UKey, HSM) when `store = "pkcs11"`. The PIN
// is never written here nor given on the command line: it comes from an environment variable
// or a file (mode 0600) named here.
struct SigningSettings {
  enum class Store { KeyFile, Pkcs11 };
  Store store = Store::KeyFile;
  std::string module;       // the token's PKCS#11 module (.so), an absolute path
  std::string token;        // the token's label
  std::string key;          // CKA_LABEL of the private key (and of its certificate on the token)
  std::string pin_env;      // the environment variable holding the user PIN, or …
  std::string pin_file;     // … a file holding it (first line; relative to the workspace)
  std::string certificate;  // optional: the certificate (PEM file) when the token holds none
};

struct Profile {
  std::string office_name;
  std::string fonds;                  // 全宗号
  int filing_deadline_month = 9;      // the year is filed by this day of the next year
  int filing_deadline_day = 30;
  std::vector<Organ> organs;
  std::vector<User> users;
  FontChoices fonts;
  double seal_diameter_mm = 42.0;
  SigningSettings signing;
  // 审核链: user ids who review in order before sign-off; a document class (一类 …) may
  // have its own chain, else the default one applies.
  std::vector<std::string> review_chain;
  std::map<std::string, std::vector<std::string>> class_chains;
  const std::vector<std::string>& chain_for(const std::string& doc_class) const;

  const Organ* organ(std::string_view id) const;
  // The organ names (full, short, seal text) a title never splits (RenderOptions::names).
  std::vector<std::string> names() const;
  const User* user(std::string_view id) const;
};

// Parses gongwen.toml. Problems name the file, line and key; every one goes to `diags`
// (reading goes on after each but a TOML syntax error), the Profile when none is an error.
std::optional<Profile> parse_profile(std::string_view text, const std::string& source_name, Diagnostics& diags);
Result<Profile> parse_profile(std::string_view text, const std::string& source_name);

}  // namespace gongwen
