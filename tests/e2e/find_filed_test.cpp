// The two search bugs of issue 12, end to end. A 来文 received through the web desk, its year
// filed from the web (POST /api/archive/file), is found by its 档号 (bare and as 档号:…) and by
// its 收文号, through the web API and on the command line. Before the service layer the web's
// filing re-indexed only issued documents, no 档号 query matched anything, and the 收文号 found
// 白政发〔2026〕1号 instead of the 来文.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "web_login.hpp"
#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

using nlohmann::json;

class FindFiled : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The demo's 2026 documents, and a 来文 of 2026, filed "in January 2027".
    s_srv = new WebServer("find-filed", ServeSetup{"", "2027-01-15T09:00:00+08:00", true});
    const Session keeper = login(s_srv->port(), "sunxiuying");
    std::string pdf;
    for (const auto& e : std::filesystem::directory_iterator(s_srv->dir() / "documents" / "2026"))
      if (e.path().extension() == ".pdf" && e.path().string().find("发文稿纸") == std::string::npos) {
        pdf = slurp(e.path());
        break;
      }
    ASSERT_FALSE(pdf.empty());
    httplib::Client c("127.0.0.1", s_srv->port());
    httplib::MultipartFormDataItems items = {{"file", pdf, "来文.pdf", "application/pdf"},
                                             {"sender", "县人民政府办公室", "", ""},
                                             {"their_number", "县政办发〔2026〕9号", "", ""},
                                             {"title", "关于开展冬季候鸟保护巡查的通知", "", ""},
                                             {"kind", "通知", "", ""},
                                             {"date", "2026-11-10", "", ""}};
    auto r = c.Post("/api/receive", keeper.headers(), items);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    ASSERT_EQ(json::parse(r->body)["registration"], "收〔2026〕1号");

    s_archivist = new Session(login(s_srv->port(), "zhouhong"));
    c.set_read_timeout(300, 0);
    auto f = c.Post("/api/archive/file", s_archivist->headers(), json{{"year", 2026}}.dump(), "application/json");
    ASSERT_TRUE(f);
    ASSERT_EQ(f->status, 200) << f->body;
    const json filed = json::parse(f->body);
    EXPECT_EQ(filed["next"]["step"], "verify");
    auto cat = c.Get("/api/archive/catalogue?year=2026", s_archivist->headers());
    ASSERT_TRUE(cat);
    const json catalogue = json::parse(cat->body);
    for (const auto& i : catalogue["items"]) {
      const std::string number = i["number"].get<std::string>(), code = i["archive_code"].get<std::string>();
      if (number == "收〔2026〕1号") {
        s_received_code = code;
      } else if (s_issued_code.empty()) {
        s_issued_code = code;
        s_issued_number = number;
      }
    }
    ASSERT_FALSE(s_received_code.empty()) << cat->body;
    ASSERT_FALSE(s_issued_code.empty()) << cat->body;
  }
  static void TearDownTestSuite() {
    delete s_archivist;
    delete s_srv;
  }

  // Numbers of the web search's hits.
  static std::vector<std::string> web(const httplib::Params& params) {
    httplib::Client c("127.0.0.1", s_srv->port());
    auto r = c.Get("/api/search", params, s_archivist->headers());
    EXPECT_TRUE(r);
    if (!r) return {};
    const json j = json::parse(r->body);
    EXPECT_EQ(j["ok"], true) << r->body;
    std::vector<std::string> out;
    for (const auto& h : j["hits"]) out.push_back(h["number"].get<std::string>());
    return out;
  }
  static std::vector<std::string> web(const std::string& q) { return web(httplib::Params{{"q", q}}); }

  // Numbers of the CLI's hits, as the archivist.
  static std::vector<std::string> cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"-w", s_srv->dir().string(), "--as", "zhouhong", "--json", "search"});
    const Outcome o = run(GONGWEN_BINARY, args, std::string("GONGWEN_PASSWORD=") + kDemoPassword);
    EXPECT_EQ(o.code, 0) << o.err;
    std::vector<std::string> out;
    if (o.code != 0) return out;
    const json j = json::parse(o.out);
    for (const auto& h : j["hits"]) out.push_back(h["number"].get<std::string>());
    return out;
  }

  static inline WebServer* s_srv = nullptr;
  static inline Session* s_archivist = nullptr;
  static inline std::string s_received_code, s_issued_code, s_issued_number;
};

const std::vector<std::string> kLaiwen{"县政办发〔2026〕9号"};

TEST_F(FindFiled, ReceivedDocumentByItsArchiveCodeOnTheWeb) {
  EXPECT_EQ(web(s_received_code), kLaiwen) << s_received_code;
  EXPECT_EQ(web("档号:" + s_received_code), kLaiwen);
  EXPECT_EQ(web(httplib::Params{{"q", ""}, {"archive_code", s_received_code}}), kLaiwen);
}

TEST_F(FindFiled, IssuedDocumentByItsArchiveCodeOnTheWeb) {
  EXPECT_EQ(web(s_issued_code), std::vector<std::string>{s_issued_number});
  EXPECT_EQ(web("档号:" + s_issued_code), std::vector<std::string>{s_issued_number});
}

TEST_F(FindFiled, ReceivedDocumentByItsRegistrationOnTheWeb) {
  EXPECT_EQ(web("收〔2026〕1号"), kLaiwen);
}

TEST_F(FindFiled, ReceivedDocumentByItsArchiveCodeAndRegistrationOnTheCommandLine) {
  EXPECT_EQ(cli({s_received_code}), kLaiwen);
  EXPECT_EQ(cli({"档号:" + s_received_code}), kLaiwen);
  EXPECT_EQ(cli({"--archive-code", s_received_code}), kLaiwen);
  EXPECT_EQ(cli({"收〔2026〕1号"}), kLaiwen);
  EXPECT_EQ(cli({s_issued_code}), std::vector<std::string>{s_issued_number});
}

TEST_F(FindFiled, StillFoundAfterReindex) {
  const Outcome o = run(GONGWEN_BINARY, {"-w", s_srv->dir().string(), "--as", "zhouhong", "search", "reindex"},
                        std::string("GONGWEN_PASSWORD=") + kDemoPassword);
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(cli({s_received_code}), kLaiwen);
  EXPECT_EQ(web("档号:" + s_received_code), kLaiwen);
  EXPECT_EQ(cli({"收〔2026〕1号"}), kLaiwen);
}

// The same, received and filed on the command line: the CLI's filing re-indexes through the
// same workflow.
TEST(FindFiledCli, ReceivedAndFiledOnTheCommandLine) {
  const auto dir = fresh_dir("find-filed-cli");
  ASSERT_EQ(gongwen({"demo", dir.string()}).code, 0);
  const std::string env = std::string("GONGWEN_PASSWORD=") + kDemoPassword;
  const auto as = [&](const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"-w", dir.string(), "--clock", "2027-01-15T09:00:00+08:00", "--as", user, "--json"});
    return run(GONGWEN_BINARY, args, env);
  };
  std::filesystem::path pdf;
  for (const auto& e : std::filesystem::directory_iterator(dir / "documents" / "2026"))
    if (e.path().extension() == ".pdf" && e.path().string().find("发文稿纸") == std::string::npos) pdf = e.path();
  const std::filesystem::path incoming = dir.string() + "-来文.pdf";
  std::filesystem::copy_file(pdf, incoming, std::filesystem::copy_options::overwrite_existing);
  const Outcome got = as("sunxiuying", {"receive", incoming.string(), "--from", "县人民政府办公室", "--number",
                                        "县政办发〔2026〕9号", "--title", "关于开展冬季候鸟保护巡查的通知",
                                        "--kind", "通知", "--date", "2026-11-10"});
  ASSERT_EQ(got.code, 0) << got.err;
  ASSERT_EQ(json::parse(got.out)["registration"], "收〔2026〕1号");
  const Outcome filed = as("zhouhong", {"archive", "file", "--year", "2026"});
  ASSERT_EQ(filed.code, 0) << filed.err;
  const json f = json::parse(filed.out);
  EXPECT_EQ(f["next"]["step"], "verify");
  std::string code;
  for (const auto& i : f["items"])
    if (i["number"].get<std::string>() == "收〔2026〕1号") code = i["archive_code"].get<std::string>();
  ASSERT_FALSE(code.empty()) << filed.out;
  for (const std::string& q : {code, "档号:" + code, std::string("收〔2026〕1号")}) {
    const Outcome o = as("zhouhong", {"search", q});
    ASSERT_EQ(o.code, 0) << o.err;
    const json j = json::parse(o.out);
    ASSERT_EQ(j["hits"].size(), 1u) << q << ": " << o.out;
    EXPECT_EQ(j["hits"][0]["number"], "县政办发〔2026〕9号") << q;
  }
  std::filesystem::remove_all(dir);
  std::filesystem::remove(incoming);
}

}  // namespace
}  // namespace gongwen::e2e
