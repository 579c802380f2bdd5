// Reading the organ profile (gongwen.toml): office, organs, users and their roles.
#include "gongwen/pipeline/profile.hpp"

#include <algorithm>
#include <regex>

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

Result<Organ> read_organ(const toml::table& t, const std::string& src) {
  if (auto e = tomlu::check_known_keys(
          t, {"id", "name", "mark", "short", "code_prefix", "seal_text", "signer", "unit_code"}, src,
          "[[organs]]"))
    return *e;
  Organ o;
  const std::pair<const char*, std::string*> keys[] = {
      {"id", &o.id},   {"name", &o.name},         {"mark", &o.mark},          {"short", &o.short_name},
      {"code_prefix", &o.code_prefix}, {"seal_text", &o.seal_text}, {"signer", &o.signer},
      {"unit_code", &o.unit_code}};
  for (auto [key, dest] : keys) {
    TRY_ASSIGN(v, tomlu::string_at(t, key, src));
    if (v) *dest = *v;
  }
  for (auto [key, dest] : {std::pair{"id", &o.id}, {"name", &o.name}, {"code_prefix", &o.code_prefix}}) {
    if (dest->empty())
      return tomlu::error_at(Code::BadInput, src, t.source(), key,
                             std::string("every [[organs]] entry needs '") + key + "'");
  }
  if (o.mark.empty()) o.mark = o.name + "文件";
  if (o.seal_text.empty()) o.seal_text = o.name;
  if (o.short_name.empty()) o.short_name = o.name;
  if (o.unit_code.empty()) o.unit_code = "BGS";  // DA/T 22's example code for 办公室
  return o;
}

Result<User> read_user(const toml::table& t, const std::string& src) {
  if (auto e = tomlu::check_known_keys(
          t, {"id", "name", "title", "roles", "clearance", "password_hash"}, src, "[[users]]"))
    return *e;
  User u;
  TRY_ASSIGN(id, tomlu::string_at(t, "id", src));
  TRY_ASSIGN(name, tomlu::string_at(t, "name", src));
  TRY_ASSIGN(title, tomlu::string_at(t, "title", src));
  TRY_ASSIGN(clearance, tomlu::string_at(t, "clearance", src));
  TRY_ASSIGN(roles, tomlu::strings_at(t, "roles", src));
  static const std::regex id_re("^[a-z][a-z0-9_.-]{0,31}$");
  if (!id || !std::regex_match(*id, id_re))
    return tomlu::error_at(Code::BadInput, src, tomlu::region_of(t, "id"), "id",
                           "every user needs an 'id' of lowercase letters and digits "
                           "(e.g. \"wangfang\")");
  u.id = *id;
  u.name = name.value_or(u.id);
  u.title = title.value_or("");
  for (const auto& r : roles) {
    auto role = parse_role(r);
    if (!role)
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(t, "roles"), "roles",
                             "unknown role '" + r + "' for user " + u.id,
                             {"roles: drafter reviewer signer seal_keeper archivist admin"});
    u.roles.push_back(*role);
  }
  auto c = parse_secrecy(clearance.value_or(""));
  if (!c)
    return tomlu::error_at(Code::BadInput, src, tomlu::region_of(t, "clearance"), "clearance",
                           "unknown clearance '" + *clearance + "'",
                           {"use \"\", \"秘密\", \"机密\" or \"绝密\""});
  u.clearance = *c;
  return u;
}

}  // namespace

Result<Profile> parse_profile(std::string_view text, const std::string& src) {
  TRY_ASSIGN(root, tomlu::parse(text, src));
  Profile p;
  if (auto e = tomlu::check_known_keys(root, {"office", "organs", "users", "fonts", "seal", "clock", "workflow"},
                                       src, "the profile"))
    return *e;
  if (const toml::table* office = root["office"].as_table()) {
    TRY_ASSIGN(name, tomlu::string_at(*office, "name", src));
    TRY_ASSIGN(fonds, tomlu::string_at(*office, "fonds", src));
    TRY_ASSIGN(deadline, tomlu::string_at(*office, "filing_deadline", src));
    p.office_name = name.value_or("");
    p.fonds = fonds.value_or("");
    if (deadline) {
      static const std::regex md(R"(^(\d{1,2})-(\d{1,2})$)");
      std::smatch m;
      if (!std::regex_match(*deadline, m, md) || !Date{2001, std::stoi(m[1]), std::stoi(m[2])}.valid())
        return tomlu::error_at(Code::BadInput, src, tomlu::region_of(*office, "filing_deadline"),
                               "filing_deadline", "filing_deadline must be MM-DD, e.g. \"09-30\"");
      p.filing_deadline_month = std::stoi(m[1]);
      p.filing_deadline_day = std::stoi(m[2]);
    }
  }
  std::vector<const toml::table*> organ_tables;
  if (const toml::array* organs = root["organs"].as_array()) {
    for (const toml::node& n : *organs) {
      const toml::table* t = n.as_table();
      if (!t) continue;
      organ_tables.push_back(t);
      TRY_ASSIGN(o, read_organ(*t, src));
      if (p.organ(o.id))
        return tomlu::error_at(Code::BadInput, src, t->source(), "id", "organ id '" + o.id + "' appears twice");
      p.organs.push_back(std::move(o));
    }
  }
  if (p.organs.empty())
    return tomlu::error_at(Code::BadInput, src, root.source(), "organs",
                           "the profile names no issuing organ", {"add an [[organs]] table"});
  if (const toml::array* users = root["users"].as_array()) {
    for (const toml::node& n : *users) {
      const toml::table* t = n.as_table();
      if (!t) continue;
      TRY_ASSIGN(u, read_user(*t, src));
      if (p.user(u.id))
        return tomlu::error_at(Code::BadInput, src, t->source(), "id", "user id '" + u.id + "' appears twice");
      p.users.push_back(std::move(u));
    }
  }
  for (std::size_t i = 0; i < p.organs.size(); ++i)
    if (const Organ& o = p.organs[i]; !o.signer.empty() && !p.user(o.signer))
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(*organ_tables[i], "signer"), "signer",
                             "organ " + o.id + " names signer '" + o.signer + "', who is not a user");
  if (const toml::table* wf = root["workflow"].as_table()) {
    if (auto e = tomlu::check_known_keys(*wf, {"chain", "class_chains"}, src, "[workflow]")) return *e;
    TRY_ASSIGN(chain, tomlu::strings_at(*wf, "chain", src));
    p.review_chain = chain;
    if (const toml::table* cc = (*wf)["class_chains"].as_table()) {
      for (const auto& [k, v] : *cc) {
        TRY_ASSIGN(list, tomlu::strings_at(*cc, std::string(k.str()), src));
        p.class_chains[std::string(k.str())] = list;
      }
    }
    std::vector<std::string> all = p.review_chain;
    for (const auto& [k, v] : p.class_chains) all.insert(all.end(), v.begin(), v.end());
    for (const auto& id : all) {
      const User* u = p.user(id);
      if (!u || !u->has(Role::Reviewer))
        return tomlu::error_at(Code::BadInput, src, wf->source(), "chain",
                               "review chain names '" + id + "', who is not a user with the reviewer role");
    }
  }
  if (p.review_chain.empty())
    for (const auto& u : p.users)
      if (u.has(Role::Reviewer)) p.review_chain.push_back(u.id);
  if (const toml::table* fonts = root["fonts"].as_table()) {
    const std::pair<const char*, std::string*> roles[] = {
        {"fangsong", &p.fonts.fangsong}, {"kaiti", &p.fonts.kaiti}, {"heiti", &p.fonts.heiti},
        {"xiaobiaosong", &p.fonts.xiaobiaosong}, {"songti", &p.fonts.songti}};
    for (auto [key, dest] : roles) {
      TRY_ASSIGN(v, tomlu::string_at(*fonts, key, src));
      if (v && !v->empty()) *dest = *v;
    }
  }
  if (const toml::table* seal = root["seal"].as_table()) {
    if (const toml::node* d = seal->get("diameter_mm")) {
      auto v = d->value<double>();
      if (!v || *v < 20 || *v > 60)
        return tomlu::error_at(Code::BadInput, src, d->source(), "diameter_mm",
                               "seal diameter_mm must be a number between 20 and 60");
      p.seal_diameter_mm = *v;
    }
  }
  return p;
}

}  // namespace gongwen
