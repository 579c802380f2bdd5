// Records hold a typed Secrecy, parsed once by the row mappers (archive/src/sqlite/): a row
// written with a legacy spelling reads as the open level, an unreadable one as the strictest,
// so a damaged or foreign register can never widen access.
#include <gtest/gtest.h>

#include "office_fixture.hpp"

namespace gongwen::archive::test {
namespace {

class TypedRecordsTest : public OfficeTest {
 protected:
  // Writes `stored` into the secrecy column of `table` behind the registry's back.
  void store(const std::string& table, const std::string& stored) {
    RawDb db(tmp / "ws" / "registry.sqlite3");
    ASSERT_EQ(db.exec("UPDATE " + table + " SET secrecy='" + stored + "'"), "");
  }
  // The secrecy text of the first row of `table`, as stored.
  std::string stored(const std::string& table) {
    sqlite3* db = nullptr;
    std::string out = "(unreadable)";
    if (sqlite3_open((tmp / "ws" / "registry.sqlite3").string().c_str(), &db) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      const std::string q = "SELECT secrecy FROM " + table + " LIMIT 1";
      if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
  }
};

TEST_F(TypedRecordsTest, ADraftsStoredSecrecyIsReadOnceIntoTheEnumeration) {
  const DraftRecord d = office->submit(write_draft("a.toml", notice_toml("关于做好秋收工作的通知")), "wangfang");
  EXPECT_EQ(d.secrecy, Secrecy::None);
  for (const char* legacy : {"", "无", "非密", "none"}) {
    store("drafts", legacy);
    EXPECT_EQ(reg().draft(d.id)->secrecy, Secrecy::None) << legacy;
  }
  store("drafts", "机密");
  EXPECT_EQ(reg().draft(d.id)->secrecy, Secrecy::Confidential);
  for (const char* unreadable : {"内部", "秘", "SECRET", "非密★"}) {
    store("drafts", unreadable);
    EXPECT_EQ(reg().draft(d.id)->secrecy, Secrecy::TopSecret) << unreadable;
  }
}

TEST_F(TypedRecordsTest, AnIssuedRowWithAnUnreadableSecrecyNeverWidensAccess) {
  const IssueOutcome out = issue_new("b.toml", notice_toml("关于做好冬季防火工作的通知"));
  EXPECT_EQ(out.issued.secrecy, Secrecy::None);
  store("issued", "非密");
  EXPECT_EQ(reg().issued_by_number(out.issued.number)->secrecy, Secrecy::None);
  store("issued", "内部");
  const auto r = reg().issued_by_number(out.issued.number);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->secrecy, Secrecy::TopSecret);
  EXPECT_FALSE(cleared_for(Secrecy::Confidential, r->secrecy));
}

TEST_F(TypedRecordsTest, TheRegisterStoresTheCanonicalName) {
  const DraftRecord d = office->submit(write_draft("c.toml", notice_toml("关于做好春耕工作的通知")), "wangfang");
  DraftRecord changed = *reg().draft(d.id);
  changed.secrecy = Secrecy::Secret;
  reg().update_draft(changed);
  // The canonical name goes back in: the row holds the text 秘密, so no file format changes.
  EXPECT_EQ(stored("drafts"), "秘密");
  EXPECT_EQ(reg().draft(d.id)->secrecy, Secrecy::Secret);
  changed.secrecy = Secrecy::None;
  reg().update_draft(changed);
  EXPECT_EQ(reg().draft(d.id)->secrecy, Secrecy::None);
  EXPECT_EQ(stored("drafts"), "");
}

}  // namespace
}  // namespace gongwen::archive::test
