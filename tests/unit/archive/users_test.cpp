// `user add` (archive/users.hpp): only a 管理员 adds, the entry lands in gongwen.toml with its
// roles and clearance, the rest of the file is kept byte for byte, and every refusal is
// audited and leaves the file as it was.
#include "gongwen/archive/users.hpp"

#include "gongwen/archive/auth.hpp"
#include "fixture.hpp"

namespace gongwen::archive::test {
namespace {

class UsersTest : public ArchiveTest {
 protected:
  NewUser clerk() {
    NewUser u;
    u.id = "sunli";
    u.name = "孙丽";
    u.title = "党政办公室干事";
    u.roles = {Role::Drafter, Role::Archivist};
    u.clearance = Secrecy::Secret;
    return u;
  }
};

TEST_F(UsersTest, AdminAddsAUserWhoCanThenLogIn) {
  Auth auth(*ws, clock);
  auth.set_password("huanglei", "admin-password", "");
  const std::string before = read_file(ws->config_file());
  add_user(*ws, clerk(), "huanglei", clock);

  const User* u = ws->profile().user("sunli");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->name, "孙丽");
  EXPECT_EQ(u->title, "党政办公室干事");
  EXPECT_TRUE(u->has(Role::Drafter));
  EXPECT_TRUE(u->has(Role::Archivist));
  EXPECT_FALSE(u->has(Role::Signer));
  EXPECT_EQ(u->clearance, Secrecy::Secret);
  // The office's file keeps its comments and order: the new block is appended.
  const std::string after = read_file(ws->config_file());
  ASSERT_EQ(after.compare(0, before.size(), before), 0);
  EXPECT_NE(after.find("id = \"sunli\""), std::string::npos);
  // A reopened workspace sees the user; the admin gives a password and the user logs in.
  auto reopened = Workspace::open(ws->root());
  ASSERT_TRUE(reopened.ok());
  EXPECT_NE(reopened.value()->profile().user("sunli"), nullptr);
  auth.set_password("sunli", "clerk-password", "huanglei");
  EXPECT_NO_THROW(auth.check_password("sunli", "clerk-password"));
  const auto log = reg().audit_log();
  bool audited = false;
  for (const auto& e : log) audited |= e.action == "user-add" && e.subject == "sunli" && e.actor == "huanglei";
  EXPECT_TRUE(audited);
}

TEST_F(UsersTest, RefusalsNameTheProblemAndChangeNothing) {
  Auth auth(*ws, clock);
  auth.set_password("huanglei", "admin-password", "");
  auth.set_password("wangfang", "clerk-password", "huanglei");
  const std::string before = read_file(ws->config_file());

  Error e = failure_of([&] { add_user(*ws, clerk(), "wangfang", clock); });  // not an admin
  EXPECT_EQ(e.code, Code::Forbidden);
  EXPECT_NE(e.message.find("管理员"), std::string::npos);
  e = failure_of([&] { add_user(*ws, clerk(), "", clock); });  // passwords exist: no bootstrap
  EXPECT_EQ(e.code, Code::Forbidden);

  NewUser u = clerk();
  u.id = "wangfang";  // exists
  EXPECT_EQ(failure_of([&] { add_user(*ws, u, "huanglei", clock); }).code, Code::Conflict);
  u.id = "Sun Li";
  e = failure_of([&] { add_user(*ws, u, "huanglei", clock); });
  EXPECT_EQ(e.code, Code::BadInput);
  EXPECT_NE(e.message.find("Sun Li"), std::string::npos);
  u = clerk();
  u.roles.clear();
  EXPECT_EQ(failure_of([&] { add_user(*ws, u, "huanglei", clock); }).code, Code::BadInput);
  u = clerk();
  u.name = "";
  EXPECT_EQ(failure_of([&] { add_user(*ws, u, "huanglei", clock); }).code, Code::BadInput);
  u.name = "孙\n丽";
  EXPECT_EQ(failure_of([&] { add_user(*ws, u, "huanglei", clock); }).code, Code::BadInput);

  EXPECT_EQ(read_file(ws->config_file()), before);
  EXPECT_EQ(ws->profile().user("sunli"), nullptr);
  std::size_t refused = 0;
  for (const auto& entry : reg().audit_log()) refused += entry.action == "refused";
  EXPECT_EQ(refused, 2u);  // the two role refusals are on record
}

TEST_F(UsersTest, QuotesInANameStayInsideTheTomlString) {
  NewUser u = clerk();
  u.title = "干事 \"临时\" \\ 借调";
  add_user(*ws, u, "", clock);  // bootstrap: no password exists yet
  ASSERT_NE(ws->profile().user("sunli"), nullptr);
  EXPECT_EQ(ws->profile().user("sunli")->title, u.title);
}

}  // namespace
}  // namespace gongwen::archive::test
