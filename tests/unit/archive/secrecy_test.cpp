// The one secrecy table (pipeline/secrecy.hpp) that the profile, 收文, corrections, the search
// index and the web desk all read.
#include <gtest/gtest.h>

#include "gongwen/pipeline/secrecy.hpp"

namespace gongwen {
namespace {

TEST(Secrecy, EveryNameOfALevelParsesToIt) {
  for (const char* open : {"", "无", "非密", "none"}) EXPECT_EQ(parse_secrecy(open), Secrecy::None) << open;
  EXPECT_EQ(parse_secrecy("秘密"), Secrecy::Secret);
  EXPECT_EQ(parse_secrecy("secret"), Secrecy::Secret);
  EXPECT_EQ(parse_secrecy("机密"), Secrecy::Confidential);
  EXPECT_EQ(parse_secrecy("confidential"), Secrecy::Confidential);
  EXPECT_EQ(parse_secrecy("绝密"), Secrecy::TopSecret);
  EXPECT_EQ(parse_secrecy("top-secret"), Secrecy::TopSecret);
  for (const char* bad : {"内部", "秘", " 秘密", "SECRET", "非密★"}) EXPECT_FALSE(parse_secrecy(bad)) << bad;
}

TEST(Secrecy, TheRegisterNameRoundTrips) {
  for (Secrecy s : {Secrecy::None, Secrecy::Secret, Secrecy::Confidential, Secrecy::TopSecret})
    EXPECT_EQ(parse_secrecy(to_chinese(s)), s);
  EXPECT_STREQ(to_chinese(Secrecy::None), "");
}

TEST(Secrecy, ClearanceCoversItsLevelAndTheLowerOnes) {
  EXPECT_TRUE(cleared_for(Secrecy::None, Secrecy::None));
  EXPECT_FALSE(cleared_for(Secrecy::None, Secrecy::Secret));
  EXPECT_TRUE(cleared_for(Secrecy::Confidential, Secrecy::Secret));
  EXPECT_FALSE(cleared_for(Secrecy::Confidential, Secrecy::TopSecret));
  EXPECT_TRUE(cleared_for(Secrecy::TopSecret, Secrecy::TopSecret));
  // 非密 is open to everyone; an unknown stored name needs 绝密.
  EXPECT_TRUE(cleared_for(Secrecy::None, secrecy_or_strictest("非密")));
  EXPECT_EQ(secrecy_or_strictest("内部"), Secrecy::TopSecret);
  EXPECT_FALSE(cleared_for(Secrecy::Confidential, secrecy_or_strictest("内部")));
}

TEST(Secrecy, AValueOutsideTheEnumerationNeverWidensAccess) {
  const auto bad = static_cast<Secrecy>(7);
  EXPECT_EQ(secrecy_rank(bad), -1);
  EXPECT_FALSE(cleared_for(bad, Secrecy::Secret));
  EXPECT_TRUE(cleared_for(bad, Secrecy::None));
  EXPECT_FALSE(cleared_for(Secrecy::Confidential, bad));
  EXPECT_TRUE(cleared_for(Secrecy::TopSecret, bad));
}

}  // namespace
}  // namespace gongwen
