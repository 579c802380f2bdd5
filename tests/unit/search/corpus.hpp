#pragma once
// A small office's documents for the search tests: realistic titles and bodies, two secret
// ones, a received one, one from the previous year with the same sequence number, and one
// typed with full-width digits and letters.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/search/search_index.hpp"

namespace gongwen::search::testdata {

inline IndexedDocument make_doc(std::string id, std::string number, std::string title,
                                std::string kind, Date date, std::string body) {
  IndexedDocument d;
  d.id = std::move(id);
  d.direction = "发文";
  d.number = std::move(number);
  d.title = std::move(title);
  d.kind = std::move(kind);
  d.date = date;
  d.body = std::move(body);
  d.issuer = "白路乡人民政府";
  d.recipients = "各村民委员会，乡直各单位";
  d.retention = "定期30年";
  d.path = "documents/" + d.id + ".pdf";
  return d;
}

inline constexpr const char* kForestFire = "out:2025:白政发〔2025〕7号";
inline constexpr const char* kArchive = "out:2025:白政发〔2025〕12号";
inline constexpr const char* kConscription = "out:2025:白政发〔2025〕17号";
inline constexpr const char* kBorderSecret = "out:2025:白政发〔2025〕20号";   // 机密
inline constexpr const char* kPersonnelSecret = "out:2025:白政发〔2025〕25号";  // 秘密
inline constexpr const char* kFundsRequest = "out:2025:白政文〔2025〕3号";
inline constexpr const char* kReceivedPlan = "in:2025:白县政发〔2025〕30号";
inline constexpr const char* kLastYear = "out:2024:白政发〔2024〕7号";
inline constexpr const char* kMinutes = "out:2025:白政纪〔2025〕2号";
inline constexpr const char* kFullWidth = "out:2025:白政发〔2025〕9号";

inline std::vector<IndexedDocument> sample_documents() {
  std::vector<IndexedDocument> docs;
  docs.push_back(make_doc(kForestFire, "白政发〔2025〕7号", "关于做好2025年春季森林防火工作的通知",
                          "通知", {2025, 3, 10},
                          "各村民委员会：当前正值春季森林防火紧要期。为切实做好森林防火工作，"
                          "现就有关事项通知如下：一、加强组织领导。二、严格野外用火管理，"
                          "严禁上坟烧纸。三、落实巡山护林责任，发现火情立即报告。"));
  docs.push_back(make_doc(kArchive, "白政发〔2025〕12号", "关于开展2024年度文书档案整理工作的通知",
                          "通知", {2025, 6, 20},
                          "各单位要按照要求整理本单位的文书档案，做到分类清楚、排列有序。"
                          "办理完毕的文件材料应当在次年六月底前完成归档，由乡档案室统一接收。"));
  docs.push_back(make_doc(kConscription, "白政发〔2025〕17号", "关于做好2025年秋季征兵工作的通知",
                          "通知", {2025, 8, 1},
                          "根据县人民政府征兵命令，我乡秋季征兵工作即日开始。各村要广泛宣传，"
                          "动员适龄青年踊跃报名应征，确保完成征集任务。"));
  {
    IndexedDocument d = make_doc(kBorderSecret, "白政发〔2025〕20号", "关于调整边境巡逻部署的通知",
                                 "通知", {2025, 9, 1},
                                 "根据上级部署，自即日起启动青松行动，沿线雷达站加强值守，"
                                 "巡逻路线调整为三班轮换。");
    d.secrecy = "机密";
    d.distribution = {"zhangsan"};
    docs.push_back(d);
  }
  {
    IndexedDocument d = make_doc(kPersonnelSecret, "白政发〔2025〕25号", "关于干部考察人选的通知",
                                 "通知", {2025, 10, 12},
                                 "经研究，确定以下同志为干部考察对象，请组织办抓紧开展考察工作。");
    d.secrecy = "秘密";
    docs.push_back(d);
  }
  {
    IndexedDocument d = make_doc(kFundsRequest, "白政文〔2025〕3号", "关于申请防汛抗旱经费的请示",
                                 "请示", {2025, 5, 8},
                                 "我乡今年汛期降雨偏多，河堤多处受损。为保障群众安全，"
                                 "特申请防汛抗旱专项经费二十万元。妥否，请批示。");
    d.recipients = "白云县人民政府";
    docs.push_back(d);
  }
  {
    IndexedDocument d = make_doc(kReceivedPlan, "白县政发〔2025〕30号",
                                 "关于印发白云县森林火灾应急预案的通知", "通知", {2025, 2, 1},
                                 "现将《白云县森林火灾应急预案》印发给你们，请认真贯彻执行。");
    d.direction = "收文";
    d.issuer = "白云县人民政府";
    d.recipients = "各乡镇人民政府";
    docs.push_back(d);
  }
  docs.push_back(make_doc(kLastYear, "白政发〔2024〕7号", "关于2024年度工作总结的报告", "报告",
                          {2024, 12, 20},
                          "一年来，我乡在县委县政府的正确领导下，经济社会各项事业稳步发展。"));
  docs.push_back(make_doc(kMinutes, "白政纪〔2025〕2号", "乡长办公会议纪要", "纪要", {2025, 4, 2},
                          "会议研究了春耕生产、道路维修等事项，会议要求各村注意森林安全。"));
  docs.push_back(make_doc(kFullWidth, "白政发［２０２５］９号",
                          "关于转发ＦＯＲＥＳＴ监测系统使用说明的通知", "通知", {2025, 9, 9},
                          "请各村护林员于２０２５年９月底前安装监测终端。"));
  return docs;
}

// A fresh index in a temporary directory, removed when the object goes.
class TempIndexDir {
 public:
  TempIndexDir() {
    static int counter = 0;
    m_dir = std::filesystem::temp_directory_path() /
            ("gongwen-search-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(m_dir);
  }
  ~TempIndexDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  const std::filesystem::path& path() const { return m_dir; }

 private:
  std::filesystem::path m_dir;
};

// Builds the sample index once per test suite.
class SampleIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir.emplace();
    auto opened = SearchIndex::open_writable(s_dir->path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    s_index.emplace(std::move(opened).value());
    for (const IndexedDocument& d : sample_documents()) {
      auto added = s_index->add(d);
      ASSERT_TRUE(added.ok()) << added.error().message;
    }
    ASSERT_TRUE(s_index->commit().ok());
  }
  static void TearDownTestSuite() {
    s_index.reset();
    s_dir.reset();
  }

  static SearchResult run(const std::string& query, const Viewer& viewer = {},
                          SearchRequest::Sort sort = SearchRequest::Sort::Relevance) {
    SearchRequest req;
    req.query = query;
    req.limit = 50;
    req.sort = sort;
    auto r = s_index->search(req, viewer);
    EXPECT_TRUE(r.ok()) << query << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : SearchResult{};
  }

  static std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.id);
    return out;
  }

  static bool found(const SearchResult& r, const std::string& id) {
    for (const Hit& h : r.hits)
      if (h.id == id) return true;
    return false;
  }

  static inline std::optional<TempIndexDir> s_dir;
  static inline std::optional<SearchIndex> s_index;
};

}  // namespace gongwen::search::testdata
