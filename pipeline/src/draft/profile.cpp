// Reading the organ profile (gongwen.toml): office, organs, users and their roles.
#include "gongwen/pipeline/profile.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "draft/toml_util.hpp"

namespace gongwen {

namespace {
constexpr Role kRoles[] = {Role::Drafter,    Role::Reviewer,  Role::Signer,
                           Role::SealKeeper, Role::Archivist, Role::Admin};
}

const char* role_name(Role r) {
  switch (r) {
    case Role::Drafter: return "drafter";
    case Role::Reviewer: return "reviewer";
    case Role::Signer: return "signer";
    case Role::SealKeeper: return "seal_keeper";
    case Role::Archivist: return "archivist";
    case Role::Admin: return "admin";
  }
  return "";
}

const char* role_chinese(Role r) {
  switch (r) {
    case Role::Drafter: return "拟稿人";
    case Role::Reviewer: return "审核人";
    case Role::Signer: return "签发人";
    case Role::SealKeeper: return "监印人";
    case Role::Archivist: return "档案员";
    case Role::Admin: return "管理员";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kRoles)
    if (name == role_name(r) || name == role_chinese(r)) return r;
  return std::nullopt;
}

bool User::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

const Organ* Profile::organ(std::string_view id) const {
  for (const auto& o : organs)
    if (o.id == id) return &o;
  return nullptr;
}

std::vector<std::string> Profile::names() const {
  std::vector<std::string> out;
  for (const Organ& o : organs)
    for (const std::string* n : {&o.name, &o.short_name, &o.seal_text})
      if (!n->empty()) out.push_back(*n);
  return out;
}

const std::vector<std::string>& Profile::chain_for(const std::string& doc_class) const {
  auto it = class_chains.find(doc_class);
  return it != class_chains.end() ? it->second : review_chain;
}

const User* Profile::user(std::string_view id) const {
  for (const auto& u : users)
    if (u.id == id) return &u;
  return nullptr;
}

namespace {

Organ read_organ(const toml::table& t, tomlu::Reader& in) {
  in.known_keys(t, {"id", "name", "mark", "short", "code_prefix", "seal_text", "signer", "unit_code"}, "where.organ");
  Organ o;
  const std::pair<const char*, std::string*> keys[] = {
      {"id", &o.id},   {"name", &o.name},         {"mark", &o.mark},          {"short", &o.short_name},
      {"code_prefix", &o.code_prefix}, {"seal_text", &o.seal_text}, {"signer", &o.signer},
      {"unit_code", &o.unit_code}};
  for (auto [key, dest] : keys)
    if (auto v = in.text(t, key)) *dest = *v;
  for (auto [key, dest] : {std::pair{"id", &o.id}, {"name", &o.name}, {"code_prefix", &o.code_prefix}}) {
    if (dest->empty() && (!t.contains(key) || t.get(key)->is_string()))
      in.problem(Code::BadInput, "profile.organ.key_missing", t.source(), key, {{"key", key}});
  }
  if (o.mark.empty()) o.mark = o.name + "文件";
  if (o.seal_text.empty()) o.seal_text = o.name;
  if (o.short_name.empty()) o.short_name = o.name;
  if (o.unit_code.empty()) o.unit_code = "BGS";  // DA/T 22's example code for 办公室
  return o;
}

// The user, or nullopt when it has no usable id (its other problems are reported too).
std::optional<User> read_user(const toml::table& t, tomlu::Reader& in) {
  in.known_keys(t, {"id", "name", "title", "roles", "clearance", "password_hash"}, "where.user");
  User u;
  const auto id = in.text(t, "id");
  const auto name = in.text(t, "name");
  const auto title = in.text(t, "title");
  const auto clearance = in.text(t, "clearance");
  const auto roles = in.texts(t, "roles");
  static const std::regex id_re("^[a-z][a-z0-9_.-]{0,31}$");
  const bool id_ok = id && std::regex_match(*id, id_re);
  if (!id_ok && (!t.contains("id") || id)) in.problem_at(t, "id", "profile.user.bad_id");
  u.id = id.value_or("");
  u.name = name.value_or(u.id);
  u.title = title.value_or("");
  for (const auto& r : roles) {
    if (auto role = parse_role(r))
      u.roles.push_back(*role);
    else
      in.problem_at(t, "roles", "profile.role.unknown", {{"role", r}, {"user", u.id}}).hint("profile.role.unknown.hint");
  }
  if (auto c = parse_secrecy(clearance.value_or("")))
    u.clearance = *c;
  else
    in.problem_at(t, "clearance", "profile.clearance.unknown", {{"value", *clearance}})
        .hint("profile.clearance.unknown.hint");
  if (!id_ok) return std::nullopt;
  return u;
}

void read_office(const toml::table& office, tomlu::Reader& in, Profile& p) {
  p.office_name = in.text(office, "name").value_or("");
  p.fonds = in.text(office, "fonds").value_or("");
  if (const auto deadline = in.text(office, "filing_deadline")) {
    static const std::regex md(R"(^(\d{1,2})-(\d{1,2})$)");
    std::smatch m;
    if (!std::regex_match(*deadline, m, md) || !Date{2001, std::stoi(m[1]), std::stoi(m[2])}.valid()) {
      in.problem_at(office, "filing_deadline", "profile.deadline.bad");
    } else {
      p.filing_deadline_month = std::stoi(m[1]);
      p.filing_deadline_day = std::stoi(m[2]);
    }
  }
}

void read_workflow(const toml::table& wf, tomlu::Reader& in, Profile& p) {
  in.known_keys(wf, {"chain", "class_chains"}, "where.workflow");
  p.review_chain = in.texts(wf, "chain");
  if (const toml::table* cc = wf["class_chains"].as_table())
    for (const auto& [k, v] : *cc) p.class_chains[std::string(k.str())] = in.texts(*cc, std::string(k.str()));
  std::vector<std::string> all = p.review_chain;
  for (const auto& [k, v] : p.class_chains) all.insert(all.end(), v.begin(), v.end());
  std::set<std::string> reported;
  for (const auto& id : all) {
    const User* u = p.user(id);
    if ((!u || !u->has(Role::Reviewer)) && reported.insert(id).second)
      in.problem(Code::BadInput, "profile.chain.bad", wf.source(), "chain", {{"id", id}});
  }
}

void read_signing(const toml::table& t, tomlu::Reader& in, SigningSettings& s) {
  // A PIN written into the profile would be readable by everyone who may read gongwen.toml.
  if (t.contains("pin")) in.problem_at(t, "pin", "profile.signing.pin_inline").hint("profile.signing.pin_inline.hint");
  in.known_keys(t, {"store", "module", "token", "key", "pin_env", "pin_file", "certificate", "pin"},
                "where.signing");
  const std::string store = in.text(t, "store").value_or("key_file");
  if (store == "pkcs11") {
    s.store = SigningSettings::Store::Pkcs11;
  } else if (store != "key_file") {
    in.problem_at(t, "store", "profile.signing.store", {{"value", store}});
    return;
  }
  const std::pair<const char*, std::string*> keys[] = {
      {"module", &s.module}, {"token", &s.token},       {"key", &s.key},
      {"pin_env", &s.pin_env}, {"pin_file", &s.pin_file}, {"certificate", &s.certificate}};
  for (auto [key, dest] : keys)
    if (auto v = in.text(t, key)) *dest = *v;
  if (s.store != SigningSettings::Store::Pkcs11) return;
  for (const char* key : {"module", "token", "key"})
    if (!t.contains(key)) in.problem_at(t, key, "profile.signing.missing", {{"key", key}});
  if (!s.module.empty() && s.module.front() != '/')
    in.problem_at(t, "module", "profile.signing.module_path");
  if (s.pin_env.empty() == s.pin_file.empty())
    in.problem_at(t, s.pin_env.empty() ? "pin_env" : "pin_file", "profile.signing.pin_source");
}

}  // namespace

std::optional<Profile> parse_profile(std::string_view text, const std::string& src, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  tomlu::Reader in(src, diags);
  const std::optional<toml::table> parsed = in.parse(text);
  if (!parsed) return std::nullopt;
  const toml::table& root = *parsed;
  in.set_root(root);
  Profile p;
  in.known_keys(root, {"office", "organs", "users", "fonts", "seal", "clock", "workflow", "signing"}, "where.profile");
  if (const toml::table* office = root["office"].as_table()) read_office(*office, in, p);
  std::vector<const toml::table*> organ_tables;
  if (const toml::array* organs = root["organs"].as_array()) {
    for (const toml::node& n : *organs) {
      const toml::table* t = n.as_table();
      if (!t) continue;
      Organ o = read_organ(*t, in);
      if (p.organ(o.id)) {
        in.problem(Code::BadInput, "profile.organ.duplicate", t->source(), "id", {{"id", o.id}});
        continue;
      }
      organ_tables.push_back(t);
      p.organs.push_back(std::move(o));
    }
  }
  if (p.organs.empty() && !diags.mentions("organs"))
    in.problem(Code::BadInput, "profile.organs.none", root.source(), "organs").hint("profile.organs.none.hint");
  if (const toml::array* users = root["users"].as_array()) {
    for (const toml::node& n : *users) {
      const toml::table* t = n.as_table();
      if (!t) continue;
      std::optional<User> u = read_user(*t, in);
      if (!u) continue;
      if (p.user(u->id)) {
        in.problem(Code::BadInput, "profile.user.duplicate", t->source(), "id", {{"id", u->id}});
        continue;
      }
      p.users.push_back(std::move(*u));
    }
  }
  for (std::size_t i = 0; i < p.organs.size(); ++i)
    if (const Organ& o = p.organs[i]; !o.signer.empty() && !p.user(o.signer))
      in.problem_at(*organ_tables[i], "signer", "profile.signer.unknown", {{"organ", o.id}, {"signer", o.signer}});
  if (const toml::table* wf = root["workflow"].as_table()) read_workflow(*wf, in, p);
  if (p.review_chain.empty())
    for (const auto& u : p.users)
      if (u.has(Role::Reviewer)) p.review_chain.push_back(u.id);
  if (const toml::table* fonts = root["fonts"].as_table()) {
    const std::pair<const char*, std::string*> roles[] = {
        {"fangsong", &p.fonts.fangsong}, {"kaiti", &p.fonts.kaiti}, {"heiti", &p.fonts.heiti},
        {"xiaobiaosong", &p.fonts.xiaobiaosong}, {"songti", &p.fonts.songti}};
    for (auto [key, dest] : roles)
      if (auto v = in.text(*fonts, key); v && !v->empty()) *dest = *v;
  }
  if (const toml::table* seal = root["seal"].as_table()) {
    if (const toml::node* d = seal->get("diameter_mm")) {
      auto v = d->value<double>();
      if (!v || *v < 20 || *v > 60)
        in.problem(Code::BadInput, "profile.seal.diameter", d->source(), "diameter_mm");
      else
        p.seal_diameter_mm = *v;
    }
  }
  if (const toml::table* signing = root["signing"].as_table()) read_signing(*signing, in, p.signing);
  if (diags.error_count() > errors_before) return std::nullopt;
  return p;
}

Result<Profile> parse_profile(std::string_view text, const std::string& src) {
  Diagnostics diags;
  std::optional<Profile> p = parse_profile(text, src, diags);
  if (!p) return diags.to_error();
  return std::move(*p);
}

}  // namespace gongwen
