#include <gtest/gtest.h>

#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/number.hpp"

namespace gongwen {
namespace {

TEST(DocNumber, FormatsAsTheStandardSays) {
  EXPECT_EQ((DocNumber{"白政发", 2026, 7}.text()), "白政发〔2026〕7号");
}

TEST(DocNumber, ParsesTheFormsPeopleType) {
  for (const char* s : {"白政发〔2026〕7号", "白政发[2026]7号", "白政发【2026】7号", "白政发（2026）7号",
                        "白政发(2026)007号", "白政发２０２６年７号", "白政发2026年第7号", "白政发〔2026〕 7 号"}) {
    SCOPED_TRACE(s);
    auto n = parse_doc_number(s);
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(n->text(), "白政发〔2026〕7号");
  }
  for (const char* s : {"", "白政发", "白政发〔26〕7号", "白政发〔2026〕0号", "〔2026〕7号", "白政发〔2026〕7"}) {
    SCOPED_TRACE(s);
    EXPECT_FALSE(parse_doc_number(s).has_value());
  }
}

TEST(Date, ParsesAndFormats) {
  auto d = parse_date("2026年9月1日");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2026-09-01");
  EXPECT_EQ(d->chinese(), "2026年9月1日");
  EXPECT_EQ(d->digits8(), "20260901");
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("yesterday"));
}

TEST(Instant, RoundTripsInChinaTime) {
  auto t = parse_instant("2026-11-20T09:00:00+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->unix_seconds, 1795136400);
  EXPECT_EQ(t->iso8601(), "2026-11-20T09:00:00+08:00");
  auto late = parse_instant("2026-12-31T23:30:00Z");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->local_date().iso(), "2027-01-01");  // in +08:00 the year has turned
  EXPECT_FALSE(parse_instant("2026-11-20T25:00"));
}

}  // namespace
}  // namespace gongwen
