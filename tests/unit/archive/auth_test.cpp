// Passwords and login tokens (archive/auth.hpp): Argon2id hashes, refusals audited and
// changing nothing, who may set whose password, token lifetime.
#include "gongwen/archive/auth.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

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

namespace gongwen::archive::test {
namespace {

// Issue 13: a refusal for an unknown user took 1.3 ms, for a known one 80 ms (Argon2id), which
// told a guesser which ids exist. Both now do the same hashing work: the slower of the two
// takes at most twice the other (the medians of five, so a busy machine's spikes don't count).
TEST_F(AuthTest, AnUnknownUserCostsTheSameHashingWorkAsAWrongPassword) {
  Auth auth(*ws, clock);
  auth.set_password("wangfang", "clerk-password", "");
  auto median_ms = [&](const std::string& user) {
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      EXPECT_EQ(failure_of([&] { auth.check_password(user, "not-the-password"); }).code, Code::Forbidden);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[2];
  };
  median_ms("nobody-here");  // the stand-in hash is made once, on first use
  const double known = median_ms("wangfang"), unknown = median_ms("nobody-here"),
               no_password = median_ms("zhaoli");
  EXPECT_GT(unknown, known / 2) << "unknown " << unknown << " ms, known " << known << " ms";
  EXPECT_GT(no_password, known / 2) << "no password " << no_password << " ms, known " << known << " ms";
  EXPECT_GT(known, unknown / 2);
}

}  // namespace
}  // namespace gongwen::archive::test
