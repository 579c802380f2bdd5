// Every field of docs/search.md's field table, by its Chinese and English names, finds one
// specific document and not the others; so does each typed filter (SearchFilters). Three
// documents differ in every field. Before this test, 档号:… found nothing (the indexed term
// lacked the ':' Xapian's parser puts after a multi-letter prefix when the value starts with
// a capital) and a bare 档号 or 收文号 found nothing or the wrong document.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>

#include "corpus.hpp"

namespace gongwen::search::testdata {
namespace {

using ::testing::ElementsAre;

constexpr const char* kNotice = "out:白政发〔2025〕3号";
constexpr const char* kReport = "out:白政报〔2024〕8号";
constexpr const char* kLetter = "in:收〔2026〕1号";

class FieldTable : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir.emplace();
    auto index = SearchIndex::open_writable(s_dir->path()).take();
    IndexedDocument a;
    a.id = kNotice;
    a.direction = "发文";
    a.number = "白政发〔2025〕3号";
    a.title = "关于做好森林防火工作的通知";
    a.body = "各村要落实巡山护林责任，严防野外用火。";
    a.issuer = "白云乡人民政府";
    a.recipients = "各村民委员会";
    a.kind = "通知";
    a.date = {2025, 3, 12};
    a.archive_code = "Z109-WS·2025-Y-ZF-0001";
    a.retention = "永久";
    index.add(a).take();

    IndexedDocument b;
    b.id = kReport;
    b.direction = "发文";
    b.number = "白政报〔2024〕8号";
    b.title = "关于防汛抗旱工作情况的报告";
    b.body = "汛期以来，全乡降雨偏多，水库运行平稳。";
    b.issuer = "白云乡党委";
    b.recipients = "县人民政府";
    b.kind = "报告";
    b.secrecy = "秘密";
    b.date = {2024, 7, 20};
    b.archive_code = "Z109-WS·2024-D30-DW-0002";
    b.retention = "定期30年";
    index.add(b).take();

    IndexedDocument c;
    c.id = kLetter;
    c.direction = "收文";
    c.number = "县政办函〔2026〕15号";
    c.registration = "收〔2026〕1号";
    c.title = "关于商请提供耕地保护数据的函";
    c.body = "请于月底前报送耕地面积统计表。";
    c.issuer = "县人民政府办公室";
    c.kind = "函";
    c.date = {2026, 1, 9};
    c.archive_code = "Z109-WS·2026-D10-BGS-0003";
    c.retention = "定期10年";
    index.add(c).take();
    index.commit().take();
    s_index.emplace(SearchIndex::open_readonly(s_dir->path()).take());
  }
  static void TearDownTestSuite() {
    s_index.reset();
    s_dir.reset();
  }

  // Ids found by a cleared viewer (the report is 秘密).
  static std::vector<std::string> ids(const std::string& query, const SearchFilters& filters = {}) {
    SearchRequest req;
    req.query = query;
    req.filters = filters;
    req.limit = 10;
    auto r = s_index->search(req, Viewer{"reader", Secrecy::TopSecret});
    EXPECT_TRUE(r.ok()) << query << ": " << (r.ok() ? "" : r.error().message);
    std::vector<std::string> out;
    if (r.ok())
      for (const Hit& h : r.value().hits) out.push_back(h.id);
    return out;
  }

  static inline std::optional<TempIndexDir> s_dir;
  static inline std::optional<SearchIndex> s_index;
};

struct Case {
  const char* query;
  const char* id;
};

TEST_F(FieldTable, EveryFieldByEveryNameFindsOnlyItsDocument) {
  const Case cases[] = {
      {"森林防火", kNotice},  // no field: title, body, 文号, organ, 主送, 文种
      {"标题:防汛", kReport},           {"title:防汛", kReport},
      {"正文:水库", kReport},           {"body:水库", kReport},
      {"文号:白政发", kNotice},         {"发文字号:白政报", kReport},   {"number:县政办函", kLetter},
      {"发文机关:党委", kReport},       {"来文单位:办公室", kLetter},   {"责任者:党委", kReport},
      {"issuer:办公室", kLetter},
      {"主送:村民委员会", kNotice},     {"to:县人民政府", kReport},
      {"文种:函", kLetter},             {"kind:报告", kReport},
      {"年度:2025", kNotice},           {"year:2026", kLetter},        {"年度:2024..2024", kReport},
      {"密级:秘密", kReport},           {"secrecy:秘密", kReport},
      {"收发:收文", kLetter},           {"direction:收文", kLetter},
      {"档号:Z109-WS·2025-Y-ZF-0001", kNotice},  {"archive:Z109-WS·2024-D30-DW-0002", kReport},
      {"Z109-WS·2026-D10-BGS-0003", kLetter},     // a bare 档号
      {"保管期限:永久", kNotice},       {"retention:定期10年", kLetter},
      {"日期:2025-03", kNotice},        {"成文日期:2024-07-20", kReport}, {"date:2026-01", kLetter},
      {"收〔2026〕1号", kLetter},       // a bare 收文号 finds the 来文, not 〔2026〕1号 of others
      {"白政发〔2025〕3号", kNotice},
  };
  for (const Case& c : cases) EXPECT_THAT(ids(c.query), ElementsAre(c.id)) << c.query;
}

TEST_F(FieldTable, NotSecretIsItsOwnValue) {
  EXPECT_THAT(ids("密级:无 森林"), ElementsAre(kNotice));
}

TEST_F(FieldTable, EveryTypedFilterFindsOnlyItsDocument) {
  const auto only = [](auto set) {
    SearchFilters f;
    set(f);
    return ids("", f);
  };
  EXPECT_THAT(only([](SearchFilters& f) { f.year = "2025"; }), ElementsAre(kNotice));
  EXPECT_THAT(only([](SearchFilters& f) { f.year = "2024..2024"; }), ElementsAre(kReport));
  EXPECT_THAT(only([](SearchFilters& f) { f.kind = "函"; }), ElementsAre(kLetter));
  EXPECT_THAT(only([](SearchFilters& f) { f.issuer = "党委"; }), ElementsAre(kReport));
  EXPECT_THAT(only([](SearchFilters& f) { f.direction = "收文"; }), ElementsAre(kLetter));
  EXPECT_THAT(only([](SearchFilters& f) { f.secrecy = "秘密"; }), ElementsAre(kReport));
  EXPECT_THAT(only([](SearchFilters& f) { f.archive_code = "Z109-WS·2025-Y-ZF-0001"; }), ElementsAre(kNotice));
  EXPECT_THAT(only([](SearchFilters& f) { f.retention = "定期10年"; }), ElementsAre(kLetter));
  EXPECT_THAT(only([](SearchFilters& f) { f.date_from = "2026-01"; f.date_to = "2026-01"; }), ElementsAre(kLetter));
  EXPECT_THAT(only([](SearchFilters& f) { f.date_to = "2024-12-31"; }), ElementsAre(kReport));
  // Filters and words together; a value with spaces stays one value of its field.
  SearchFilters f;
  f.kind = "通知 OR 函";
  EXPECT_TRUE(ids("", f).empty());
  f.kind = "通知";
  EXPECT_THAT(ids("森林", f), ElementsAre(kNotice));
  EXPECT_TRUE(ids("水库", f).empty());
}

}  // namespace
}  // namespace gongwen::search::testdata
