// Passwords and login tokens (archive/auth.hpp): Argon2id hashes, refusals audited and
// changing nothing, who may set whose password, token lifetime.
#include "gongwen/archive/auth.hpp"

#include "fixture.hpp"

namespace gongwen::archive::test {
namespace {

class AuthTest : public ArchiveTest {};

TEST_F(AuthTest, HashIsArgon2idSaltedAndChecks) {
  const std::string a = hash_password("correct horse"), b = hash_password("correct horse");
  EXPECT_EQ(a.rfind("$argon2id$", 0), 0u) << a;
  EXPECT_NE(a, b);  // salted
  EXPECT_TRUE(password_matches(a, "correct horse"));
  EXPECT_FALSE(password_matches(a, "correct horsf"));
}

TEST_F(AuthTest, BootstrapThenOnlySelfOrAdmin) {
  Auth auth(*ws, clock);
  EXPECT_TRUE(auth.no_passwords_yet());
  auth.set_password("huanglei", "admin-password", "");
  EXPECT_FALSE(auth.no_passwords_yet());
  // The bootstrap is over: no anonymous setting any more.
  EXPECT_EQ(failure_of([&] { auth.set_password("wangfang", "clerk-password", ""); }).code, Code::Forbidden);
  auth.set_password("wangfang", "clerk-password", "huanglei");  // admin sets another's
  auth.set_password("wangfang", "clerk-password2", "wangfang"); // self
  const Error e = failure_of([&] { auth.set_password("zhaoli", "someone-else", "wangfang"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_NE(e.message.find("管理员"), std::string::npos);
  EXPECT_FALSE(auth.has_password("zhaoli"));
  EXPECT_EQ(failure_of([&] { auth.set_password("wangfang", "short", "wangfang"); }).code, Code::BadInput);
  EXPECT_EQ(failure_of([&] { auth.set_password("nobody", "long-enough", "huanglei"); }).code, Code::NotFound);
}

TEST_F(AuthTest, WrongPasswordIsRefusedAuditedAndChangesNothingElse) {
  Auth auth(*ws, clock);
  auth.set_password("wangfang", "clerk-password", "");
  const std::size_t before = ws->registry().audit_log().size();
  const Error e = failure_of([&] { auth.check_password("wangfang", "clerk-passwort"); });
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_EQ(e.message, "wrong user or password for 'wangfang'");
  const auto log = ws->registry().audit_log();
  ASSERT_EQ(log.size(), before + 1);
  EXPECT_EQ(log.back().action, "refused");
  EXPECT_EQ(log.back().detail, "login: wrong password");
  EXPECT_TRUE(ws->registry().drafts().empty());
  EXPECT_FALSE(verify_audit_chain(log).has_value());
  EXPECT_EQ(failure_of([&] { auth.check_password("zhaoli", "anything-at-all"); }).code, Code::Forbidden);
}

TEST_F(AuthTest, TokensStandForTheUserUntilExpiryOrLogoutOrNewPassword) {
  Auth auth(*ws, clock);
  auth.set_password("wangfang", "clerk-password", "");
  const LoginToken t = auth.login("wangfang", "clerk-password", 2);
  EXPECT_EQ(t.token.size(), 64u);
  EXPECT_EQ(auth.user_for_token(t.token), std::optional<std::string>("wangfang"));
  EXPECT_FALSE(auth.user_for_token(std::string(64, '0')).has_value());
  FixedClock later(Instant{clock.now().unix_seconds + 3 * 3600, 480});
  EXPECT_FALSE(Auth(*ws, later).user_for_token(t.token).has_value());  // expired
  const LoginToken u = auth.login("wangfang", "clerk-password");
  auth.logout(u.token);
  EXPECT_FALSE(auth.user_for_token(u.token).has_value());
  const LoginToken v = auth.login("wangfang", "clerk-password");
  auth.set_password("wangfang", "new-clerk-password", "wangfang");
  EXPECT_FALSE(auth.user_for_token(v.token).has_value());
  EXPECT_EQ(failure_of([&] { auth.login("wangfang", "clerk-password"); }).code, Code::Forbidden);
}

}  // namespace
}  // namespace gongwen::archive::test
