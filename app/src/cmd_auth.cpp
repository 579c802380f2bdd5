// gongwen login | logout | user add | user passwd | user list | key import | key show | verify FILE
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "gongwen/archive/auth.hpp"
#include "gongwen/archive/electronic_seal.hpp"
#include "gongwen/archive/keys.hpp"
#include "gongwen/archive/pdf_signer.hpp"
#include "gongwen/archive/users.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/pipeline/sign.hpp"
#include "gongwen/services/display.hpp"
#include "gongwen/services/documents.hpp"
#include "gongwen/services/text_checks.hpp"
#include "tokens.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app {

namespace fs = std::filesystem;

namespace {

// The new password: --new-password-file, GONGWEN_NEW_PASSWORD, else typed twice.
std::string new_password(Context& ctx, const std::string& file, const std::string& user) {
  if (!file.empty()) {
    std::string t = archive::read_file(file);
    const auto nl = t.find_first_of("\r\n");
    return nl == std::string::npos ? t : t.substr(0, nl);
  }
  if (const char* env = std::getenv("GONGWEN_NEW_PASSWORD")) return env;
  Context quiet;  // reads only the terminal: never the acting user's password sources
  const std::string a = quiet.password(msg("cli.password.new", {{"user", user}}));
  if (a.empty())
    fail(Code::Usage, msg("cli.password.none"), {msg("cli.password.none.hint")});
  if (quiet.password(msg("cli.password.again")) != a) fail(Code::BadInput, msg("cli.password.differ"));
  return a;
}

const char* status_text(SignatureStatus s) {
  switch (s) {
    case SignatureStatus::Valid: return "valid";
    case SignatureStatus::Tampered: return "tampered";
    case SignatureStatus::Malformed: return "malformed";
    case SignatureStatus::Unsigned: return "unsigned";
  }
  return "";
}

// `gongwen verify FILE.ofd`: every electronic seal (verify_ofd), the workspace's own 制章者
// trusted when it has one. Exit 0 only when every seal and every file checks.
void verify_ofd_file(Context& ctx, const std::string& file, const std::string& bytes) {
  std::vector<std::string> trusted;
  try {
    const std::string maker = archive::ElectronicSeals::maker_certificate(ctx.workspace().keys_dir());
    if (!maker.empty()) trusted.push_back(maker);
  } catch (const Failure&) {}  // outside a workspace: any maker whose signature verifies
  const OfdVerifyReport r = verify_ofd(bytes, trusted);
  nlohmann::json seals = nlohmann::json::array();
  std::ostringstream out;
  out << file << "\n";
  for (const OfdSealCheck& s : r.seals) {
    seals.push_back({{"signer", s.signer}, {"seal", s.seal_name}, {"maker", s.maker}, {"signed_at", s.signed_at},
                     {"ok", s.ok()}, {"problems", s.problems}});
    out << "  电子印章“" << s.seal_name << "” 签章者 " << s.signer << " 制章者 " << s.maker << " 时间 "
        << s.signed_at << (s.ok() ? "：有效" : "：无效") << "\n";
    for (const std::string& p : s.problems) out << "    " << p << "\n";
  }
  for (const std::string& p : r.problems) out << "  " << p << "\n";
  if (!r.ok()) {
    std::string why = !r.problems.empty() ? r.problems.front() : "";
    for (const OfdSealCheck& s : r.seals)
      if (why.empty() && !s.problems.empty()) why = s.problems.front();
    std::cerr << out.str();
    fail(Code::Conflict, file + "：电子签章验证不通过：" + why, {"不要使用此文件；请向发文机关核实"});
  }
  ctx.emit({{"file", file}, {"seals", seals}, {"ok", true}}, out.str() + "  OK：文件自签章后未被改动\n");
}

// The options of login, user passwd/add, key import and verify, held by their callbacks.
struct AuthOptions {
  int login_hours = 12;
  std::string passwd_user, new_pw_file;
  bool passwd_all = false;
  archive::NewUser new_user;
  std::vector<std::string> new_roles;
  std::string new_clearance, add_pw_file;
  std::string key_file, cert_file, p12_file, p12_pass_file;
  std::string verify_file;
};

void add_login(CLI::App& app, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* login = app.add_subcommand("login", msg("cli.help.login"));
  login->add_option("--hours", opts->login_hours, msg("cli.help.login.hours"))->check(CLI::Range(1, 24 * 30));
  login->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      const std::string user = ctx.named_user();
      if (user.empty()) fail(Code::Usage, msg("cli.login.who"));
      auto& ws = ctx.workspace();
      const SystemClock real;
      archive::Auth auth(ws, real);
      const std::string pw = ctx.password(msg("cli.password.of", {{"user", user}}));
      const auto t = auth.login(user, pw, opts->login_hours);
      auto tokens = read_tokens(ctx.token_file());
      tokens[user] = t.token;
      write_tokens(ctx.token_file(), tokens);
      ctx.emit({{"user", user}, {"until", t.expires_at}, {"token_file", ctx.token_file().string()}},
               msg("cli.login.done", {{"user", user}, {"until", t.expires_at}}) + "\n");
    };
  });
}

void add_logout(CLI::App& app, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* logout = app.add_subcommand("logout", msg("cli.help.logout"));
  logout->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      auto& ws = ctx.workspace();
      const SystemClock real;
      archive::Auth auth(ws, real);
      auto tokens = read_tokens(ctx.token_file());
      const std::string user = ctx.named_user();
      std::vector<std::string> ended;
      for (auto it = tokens.begin(); it != tokens.end();) {
        if (user.empty() || it->first == user) {
          auth.logout(it->second);
          ended.push_back(it->first);
          it = tokens.erase(it);
        } else {
          ++it;
        }
      }
      write_tokens(ctx.token_file(), tokens);
      std::string text;
      for (const auto& u : ended) text += msg("cli.logout.done", {{"user", u}}) + "\n";
      ctx.emit({{"logged_out", ended}}, text.empty() ? msg("cli.logout.nobody") + "\n" : text);
    };
  });
}

void add_user_passwd(CLI::App& user, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* passwd = user.add_subcommand("passwd", msg("cli.help.user.passwd"));
  passwd->add_option("user", opts->passwd_user, msg("cli.help.user.passwd.user"));
  passwd->add_option("--new-password-file", opts->new_pw_file, msg("cli.help.user.passwd.new-password-file"));
  passwd->add_flag("--all", opts->passwd_all, msg("cli.help.user.passwd.all"));
  passwd->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      auto& ws = ctx.workspace();
      archive::Auth auth(ws, ctx.clock());
      // While no password exists at all the owner of the workspace files sets them up.
      const std::string actor = auth.no_passwords_yet() ? "" : ctx.user("sets the password");
      if (opts->passwd_all && !actor.empty() && !ws.profile().user(actor)->has(Role::Admin))
        fail(Code::Forbidden, msg("cli.passwd.all.forbidden", {{"by", actor}, {"role", role_chinese(Role::Admin)}}));
      std::vector<std::string> targets;
      if (opts->passwd_all) {
        for (const auto& u : ws.profile().users) targets.push_back(u.id);
      } else {
        targets.push_back(!opts->passwd_user.empty() ? opts->passwd_user : actor.empty() ? ctx.named_user() : actor);
        if (targets.front().empty()) fail(Code::Usage, msg("cli.passwd.whose"));
      }
      const std::string pw = new_password(ctx, opts->new_pw_file, opts->passwd_all ? msg("cli.password.everyone") : targets.front());
      // The first one set by the owner bootstraps; during the bootstrap the owner of the
      // workspace files is trusted for every user, afterwards the authenticated actor counts.
      for (std::size_t i = 0; i < targets.size(); ++i)
        auth.set_password(targets[i], pw, !actor.empty() ? actor : i == 0 ? "" : targets[i]);
      ctx.emit({{"users", targets}}, msg("cli.passwd.done", {{"count", std::to_string(targets.size())}}) + "\n");
    };
  });
}

void add_user_add(CLI::App& user, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* add = user.add_subcommand("add", msg("cli.help.user.add"));
  add->add_option("id", opts->new_user.id, msg("cli.help.user.add.id"))->required();
  add->add_option("--name", opts->new_user.name, msg("cli.help.user.add.name"))->required();
  add->add_option("--title", opts->new_user.title, msg("cli.help.user.add.title"));
  add->add_option("--role", opts->new_roles,
                  msg("cli.help.user.add.role"))
      ->required();
  add->add_option("--clearance", opts->new_clearance, msg("cli.help.user.add.clearance"));
  add->add_option("--new-password-file", opts->add_pw_file,
                  msg("cli.help.user.add.new-password-file"));
  add->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      auto& ws = ctx.workspace();
      archive::Auth auth(ws, ctx.clock());
      const std::string actor = auth.no_passwords_yet() ? "" : ctx.user("adds a user");
      opts->new_user.roles.clear();
      for (const auto& r : opts->new_roles) {
        const auto role = parse_role(r);
        if (!role)
          fail(Code::BadInput, msg("cli.role.unknown", {{"role", r}}), {msg("cli.role.unknown.hint")});
        if (std::find(opts->new_user.roles.begin(), opts->new_user.roles.end(), *role) == opts->new_user.roles.end())
          opts->new_user.roles.push_back(*role);
      }
      const auto clearance = parse_secrecy(opts->new_clearance);
      if (!clearance) fail(Code::BadInput, msg("cli.clearance.invalid", {{"value", opts->new_clearance}}));
      opts->new_user.clearance = *clearance;
      // The first password is checked before the user is added, so a short one changes nothing.
      std::string pw;
      if (!opts->add_pw_file.empty() || std::getenv("GONGWEN_NEW_PASSWORD")) {
        pw = new_password(ctx, opts->add_pw_file, opts->new_user.id);
        if (pw.size() < 8) fail(Code::BadInput, msg("cli.password.short"));
      }
      archive::add_user(ws, opts->new_user, actor, ctx.clock());
      if (!pw.empty()) auth.set_password(opts->new_user.id, pw, actor.empty() ? opts->new_user.id : actor);
      ctx.emit({{"id", opts->new_user.id}, {"password", !pw.empty()}},
               msg(pw.empty() ? "cli.user.added.no_password" : "cli.user.added",
                   {{"id", opts->new_user.id}, {"name", opts->new_user.name}}) +
                   "\n");
    };
  });
}

void add_user_list(CLI::App& user, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* list = user.add_subcommand("list", msg("cli.help.user.list"));
  list->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      auto& ws = ctx.workspace();
      archive::Auth auth(ws, ctx.clock());
      nlohmann::json j = nlohmann::json::array();
      std::ostringstream out;
      for (const auto& u : ws.profile().users) {
        std::vector<std::string> roles;
        std::string rt;
        for (Role r : u.roles) roles.push_back(role_name(r)), rt += std::string(rt.empty() ? "" : " ") + role_chinese(r);
        const bool has = auth.has_password(u.id);
        j.push_back({{"id", u.id}, {"name", u.name}, {"roles", roles}, {"password", has}});
        out << u.id << "\t" << u.name << "\t" << rt << "\t" << msg(has ? "cli.user.has_password" : "cli.user.no_password") << "\n";
      }
      ctx.emit(j, out.str());
    };
  });
}

void add_key_import(CLI::App& key, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* import = key.add_subcommand("import", msg("cli.help.key.import"));
  import->add_option("--key", opts->key_file, msg("cli.help.key.import.key"));
  import->add_option("--cert", opts->cert_file, msg("cli.help.key.import.cert"));
  import->add_option("--p12", opts->p12_file, msg("cli.help.key.import.p12"));
  import->add_option("--p12-password-file", opts->p12_pass_file, msg("cli.help.key.import.p12-password-file"));
  import->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      auto& ws = ctx.workspace();
      const std::string actor = ctx.user("imports the key");
      const User* u = ws.profile().user(actor);
      if (!u || !u->has(Role::Admin)) {
        ws.registry().transaction([&] {
          ws.registry().audit(ctx.clock().now().iso8601(), actor, "refused", "signing key", "key import: role missing");
        });
        fail(Code::Forbidden, msg("cli.key.forbidden", {{"by", actor}, {"role", role_chinese(Role::Admin)}}));
      }
      SigningKey k;
      if (!opts->p12_file.empty()) {
        std::string pass;
        if (!opts->p12_pass_file.empty()) {
          pass = archive::read_file(opts->p12_pass_file);
          if (auto nl = pass.find_first_of("\r\n"); nl != std::string::npos) pass.resize(nl);
        }
        k = load_signing_key_pkcs12(archive::read_file(opts->p12_file), pass).take();
      } else {
        if (opts->key_file.empty() || opts->cert_file.empty())
          fail(Code::Usage, msg("cli.key.files"));
        k = load_signing_key_pem(archive::read_file(opts->key_file), archive::read_file(opts->cert_file)).take();
      }
      archive::install_signing_key(ws, k, actor, ctx.clock().now().iso8601());
      ctx.emit({{"subject", certificate_common_name(k.cert_pem)}, {"sha256", certificate_sha256(k.cert_pem)}},
               msg("cli.key.imported", {{"subject", certificate_common_name(k.cert_pem)},
                                        {"sha256", certificate_sha256(k.cert_pem)}}) +
                   "\n");
    };
  });
}

void add_key_show(CLI::App& key, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* show = key.add_subcommand("show", msg("cli.help.key.show"));
  show->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      const std::string cert = archive::pdf_signing_certificate(ctx.workspace());
      ctx.emit({{"subject", certificate_common_name(cert)}, {"sha256", certificate_sha256(cert)}},
               certificate_common_name(cert) + "\nsha256 " + certificate_sha256(cert) + "\n");
    };
  });
}

void add_verify(CLI::App& app, Context& ctx, Action& action) {
  auto opts = std::make_shared<AuthOptions>();
  auto* verify = app.add_subcommand("verify", msg("cli.help.verify"));
  verify->add_option("file", opts->verify_file, msg("cli.help.verify.file"))->required();
  verify->callback([&ctx, &action, opts] {
    action = [&ctx, opts] {
      const std::string bytes = services::read_outside_file(opts->verify_file, 512u * 1024 * 1024);
      if (bytes.compare(0, 2, "PK") == 0) return verify_ofd_file(ctx, opts->verify_file, bytes);
      const auto r = verify_pdf_signature(bytes);
      const std::string sha = archive::sha256_hex(bytes);
      auto& ws = ctx.workspace();
      // By its path inside the workspace (a swapped file is refused, naming both), else by hash.
      const services::FileIdentity id = services::identify_file(ws, opts->verify_file, sha);
      std::string ours;
      try {
        ours = certificate_sha256(archive::pdf_signing_certificate(ws));
      } catch (const Failure&) {}
      nlohmann::json j = {{"file", opts->verify_file}, {"signature", status_text(r.status)},
                          {"whole_document", r.whole_document}, {"signer", r.signer},
                          {"signed_at", r.signed_at}, {"revision", r.revision},
                          {"workspace_key", !ours.empty() && ours == r.cert_sha256},
                          {"registered", id.number}, {"by_path", id.by_path}, {"sha256", sha}};
      std::ostringstream out;
      out << opts->verify_file << "\n  "
          << msg("verify.signature", {{"status", msg(std::string("verify.status.") + status_text(r.status))}})
          << (r.message.empty() ? "" : " — " + r.message) << "\n";
      if (r.valid())
        out << "  " << msg(r.whole_document ? "verify.signed.whole" : "verify.signed",
                           {{"signer", r.signer}, {"at", services::chinese_time(r.signed_at)},
                            {"revision", std::to_string(r.revision)}}) << "\n";
      if (!id.number.empty())
        out << "  " << msg(id.by_path ? "verify.registered.here" : "verify.registered",
                           {{"number", id.number}, {"title", id.title}}) << "\n";
      if (!r.valid())
        fail(Code::Conflict, msg("verify.invalid", {{"file", opts->verify_file}, {"why", r.message}}), {msg("verify.invalid.hint")});
      if (!r.whole_document)
        fail(Code::Conflict, msg("verify.appended", {{"file", opts->verify_file}}));
      if (ours.empty() || ours != r.cert_sha256)
        fail(Code::Conflict, msg("verify.other_key", {{"file", opts->verify_file}, {"signer", r.signer}}));
      if (id.number.empty())
        fail(Code::Conflict, msg("verify.unregistered", {{"file", opts->verify_file}}));
      ctx.emit(j, out.str() + "  " + msg("verify.ok") + "\n");
    };
  });
}

}  // namespace

void add_auth_commands(CLI::App& app, Context& ctx, Action& action) {
  add_login(app, ctx, action);
  add_logout(app, ctx, action);
  auto* user = app.add_subcommand("user", msg("cli.help.user"));
  user->require_subcommand(1);
  add_user_passwd(*user, ctx, action);
  add_user_add(*user, ctx, action);
  add_user_list(*user, ctx, action);
  auto* key = app.add_subcommand("key", msg("cli.help.key"));
  key->require_subcommand(1);
  add_key_import(*key, ctx, action);
  add_key_show(*key, ctx, action);
  add_verify(app, ctx, action);
}

}  // namespace gongwen::app
