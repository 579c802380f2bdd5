// `user add`: a [[users]] block appended to gongwen.toml. The office's file keeps its comments
// and order (no re-serialising of the whole TOML); the result is parsed before it is written.
#include "gongwen/archive/users.hpp"

#include <algorithm>

#include "gongwen/archive/auth.hpp"

namespace gongwen::archive {
namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 32 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// A TOML basic string. Control characters are refused by the caller's check, so escaping the
// quote and the backslash is enough.
std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void check_text(const std::string& field, const std::string& value, bool required) {
  if (required && value.empty()) fail(Code::BadInput, msg("users.field.empty", {{"field", field}}), {msg("users.field.empty.hint", {{"field", field}})});
  if (value.size() > 100) fail(Code::BadInput, msg("users.field.long", {{"field", field}}));
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f)
      fail(Code::BadInput, msg("users.field.control", {{"field", field}}), {msg("users.field.control.hint")});
}

std::string users_block(const NewUser& u) {
  std::string roles;
  for (Role r : u.roles) roles += std::string(roles.empty() ? "" : ", ") + toml_string(role_name(r));
  return "\n[[users]]\nid = " + toml_string(u.id) + "\nname = " + toml_string(u.name) +
         "\ntitle = " + toml_string(u.title) + "\nroles = [" + roles + "]\nclearance = " +
         toml_string(to_chinese(u.clearance)) + "\n";
}

}  // namespace

void add_user(Workspace& ws, const NewUser& user, const std::string& by, const Clock& clock) {
  const std::string now = clock.now().iso8601();
  const User* actor = by.empty() ? nullptr : ws.profile().user(by);
  const bool allowed = by.empty() ? Auth(ws, clock).no_passwords_yet() : actor && actor->has(Role::Admin);
  if (!allowed) {
    ws.registry().transaction(
        [&] { ws.registry().audit(now, by.empty() ? "-" : by, "refused", user.id, "add user: not allowed"); });
    fail(Code::Forbidden,
         by.empty() ? msg("users.add.login_first")
                    : msg("users.add.forbidden", {{"by", by}, {"role", role_chinese(Role::Admin)}}));
  }
  if (!valid_id(user.id))
    fail(Code::BadInput, msg("users.id.invalid", {{"id", user.id}}), {msg("users.id.invalid.hint")});
  check_text("name", user.name, true);
  check_text("title", user.title, false);
  if (user.roles.empty())
    fail(Code::BadInput, msg("users.role.none", {{"id", user.id}}), {msg("users.role.none.hint")});

  ws.registry().transaction([&] {
    // Read inside the transaction: another `user add` holding the write lock has finished.
    const std::string old_text = read_file(ws.config_file());
    auto current = parse_profile(old_text, ws.config_file().string());
    if (!current) throw Failure(current.error());
    if (current.value().user(user.id))
      fail(Code::Conflict, msg("users.exists", {{"id", user.id}}), {msg("users.exists.hint")});
    std::string text = old_text;
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += users_block(user);
    auto checked = parse_profile(text, ws.config_file().string());
    if (!checked) throw Failure(checked.error());
    ws.registry().audit(now, by.empty() ? "-" : by, "user-add", user.id,
                        user.name + " (" + std::to_string(user.roles.size()) + " role(s), clearance " +
                            (user.clearance == Secrecy::None ? std::string("none") : to_chinese(user.clearance)) + ")");
    // Last step of the transaction: if the rename fails the audit row is rolled back too.
    write_file_atomic(ws.config_file(), text);
  });
  ws.reload_profile();
}

}  // namespace gongwen::archive
