#pragma once
// Adding a person to the office: users and their roles live in the workspace's gongwen.toml
// (so the office can read and edit them), their passwords in the registry (auth.hpp).
#include <string>
#include <vector>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/profile.hpp"

namespace gongwen::archive {

struct NewUser {
  std::string id;     // lowercase pinyin, a–z 0–9 _ (the id people type after --as)
  std::string name;   // 姓名
  std::string title;  // 职务, may be empty
  std::vector<Role> roles;
  Secrecy clearance = Secrecy::None;
};

// Appends a [[users]] entry to gongwen.toml and reloads the workspace's profile. Only a
// 管理员 may add users; while no password exists at all (a fresh `gongwen init`), the owner of
// the workspace files may (`by` empty). The new file is parsed as a whole before it replaces
// the old one (atomic rename), inside a registry transaction that also writes the audit
// entry, so two administrators adding at once cannot lose each other's user. A refusal is
// audited and changes nothing.
void add_user(Workspace& ws, const NewUser& user, const std::string& by, const Clock& clock);

}  // namespace gongwen::archive
