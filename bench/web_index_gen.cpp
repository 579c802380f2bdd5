// Fills a workspace's search index with N generated 公文 for the web benchmark: building
// 100 000 documents through submit → issue would take hours here, so they go straight into
// the index (the search page only reads the index). Deterministic: same N → same documents.
// Usage: web_index_gen INDEX_DIR N
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "gongwen/search/bulk_index.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: web_index_gen INDEX_DIR N\n");
    return 2;
  }
  const long n = std::atol(argv[2]);
  // As `gongwen search reindex` builds it: one writer per core, merged at the end.
  auto index = gongwen::search::BulkIndexBuilder::create(argv[1]).take();
  const std::vector<std::string> topics = {"森林防火", "防汛抗旱", "安全生产", "农村饮水", "乡村振兴", "疫情防控",
                                           "征兵工作", "秸秆禁烧", "人居环境", "耕地保护", "社会救助", "医疗保障",
                                           "义务教育", "道路交通", "食品安全", "河长制", "林长制", "矛盾纠纷"};
  const std::vector<std::string> kinds = {"通知", "通报", "请示", "报告", "函", "纪要"};
  const std::vector<std::string> villages = {"白路村", "新庄村", "河口村", "石门村", "大坪村", "松树村", "小河村"};
  std::uint64_t seed = 42;
  auto next = [&] { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; return seed >> 33; };
  for (long i = 0; i < n; ++i) {
    gongwen::search::IndexedDocument d;
    const int year = 2010 + static_cast<int>(i % 16);
    const auto& topic = topics[next() % topics.size()];
    const auto& kind = kinds[next() % kinds.size()];
    d.number = "白政发〔" + std::to_string(year) + "〕" + std::to_string(i / 16 + 1) + "号";
    d.id = "out:" + d.number;
    d.direction = "发文";
    d.title = "关于做好" + std::to_string(year) + "年" + topic + "工作的" + kind;
    d.issuer = (i % 3 == 0) ? "中共白路乡委员会" : "白路乡人民政府";
    d.recipients = "各村党总支、村民委员会，乡属各单位";
    d.kind = kind;
    d.secrecy = (i % 50 == 0) ? "秘密" : "";
    d.date = gongwen::Date{year, static_cast<int>(1 + i % 12), static_cast<int>(1 + i % 28)};
    std::string body;
    for (int p = 0; p < 8; ++p) {
      const auto& v = villages[next() % villages.size()];
      const auto& t2 = topics[next() % topics.size()];
      body += "为切实做好" + topic + "工作，" + v + "要结合" + t2 + "，落实责任，加强督查，确保各项措施落到实处。"
              "各村于" + std::to_string(1 + next() % 12) + "月" + std::to_string(1 + next() % 28) + "日前将情况报乡党政办公室。\n";
    }
    d.body = body;
    d.path = "documents/" + std::to_string(year) + "/" + d.number + ".pdf";
    index.add(std::move(d)).take();
    if ((i + 1) % 10000 == 0) std::fprintf(stderr, "  queued %ld\n", i + 1);
  }
  std::printf("%zu documents in the index\n", index.finish().take());
  return 0;
}
