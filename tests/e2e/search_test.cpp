// `gongwen search` as a user runs it, on the demo's workspace: exact 文号, filters, facets,
// paging, access, and remote shards served by xapian-tcpsrv on 127.0.0.1.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SearchCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_ws = fresh_dir("search-demo");
    const Outcome demo = gongwen({"demo", s_ws.string()});
    ASSERT_EQ(demo.code, 0) << demo.err;
  }
  static void TearDownTestSuite() { fs::remove_all(s_ws); }

  static json search(const std::string& user, std::vector<std::string> args) {
    std::vector<std::string> full = {"-w", s_ws.string(), "--json", "--as", user, "search"};
    full.insert(full.end(), args.begin(), args.end());
    const Outcome r = gongwen(full);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? json::parse(r.out) : json::object();
  }
  static std::size_t facet(const json& j, const char* name, const std::string& value) {
    for (const auto& f : j["facets"][name])
      if (f["value"] == value) return f["count"].get<std::size_t>();
    return 0;
  }

  static inline fs::path s_ws;
};

TEST_F(SearchCli, FullNumberFindsExactlyThatDocument) {
  for (const char* q : {"白政发[2026]1号", "白政发〔2026〕1号", "白政发2026年1号", "白政发（2026）1号"}) {
    const json j = search("wangfang", {q});
    ASSERT_EQ(j["hits"].size(), 1u) << q << ": " << j.dump();
    EXPECT_EQ(j["hits"][0]["number"], "白政发〔2026〕1号") << q;
    EXPECT_EQ(j["exact_number"], true);
    EXPECT_EQ(j["total"], 1);
  }
}

TEST_F(SearchCli, FiltersFacetsAndPaging) {
  const json all = search("wangfang", {"通知", "--facets", "--limit", "2"});
  const std::size_t total = all["total"].get<std::size_t>();
  ASSERT_GE(total, 4u);
  EXPECT_EQ(all["hits"].size(), 2u);
  std::size_t by_year = 0;
  for (const auto& f : all["facets"]["year"]) by_year += f["count"].get<std::size_t>();
  EXPECT_EQ(by_year, total);  // every match has a year, and each is counted once
  const std::size_t in_2025 = facet(all, "year", "2025");
  ASSERT_GT(in_2025, 0u);

  const json y2025 = search("wangfang", {"通知", "--year", "2025", "--limit", "50"});
  EXPECT_EQ(y2025["total"].get<std::size_t>(), in_2025);
  for (const auto& h : y2025["hits"]) EXPECT_EQ(h["date"].get<std::string>().substr(0, 4), "2025");

  const json page2 = search("wangfang", {"通知", "--limit", "2", "--page", "2"});
  EXPECT_EQ(page2["offset"], 2);
  ASSERT_FALSE(page2["hits"].empty());
  EXPECT_EQ(page2["hits"][0]["rank"], 3);
  EXPECT_NE(page2["hits"][0]["id"], all["hits"][0]["id"]);
  EXPECT_NE(page2["hits"][0]["id"], all["hits"][1]["id"]);

  const json dated = search("wangfang", {"--from", "2026-07", "--to", "2026-07", "--sort", "date"});
  ASSERT_FALSE(dated["hits"].empty());
  for (const auto& h : dated["hits"]) EXPECT_EQ(h["date"].get<std::string>().substr(0, 7), "2026-07");

  const json kind = search("wangfang", {"--kind", "请示", "--limit", "50"});
  ASSERT_FALSE(kind["hits"].empty());
  for (const auto& h : kind["hits"]) EXPECT_EQ(h["kind"], "请示");
}

TEST_F(SearchCli, SecretNeverInFacetsOrCounts) {
  // 08-secret-notice is 秘密: wangfang (no clearance) must not see it counted anywhere.
  // "政治考核" appears only in the secret notice. (A plain-word query whose words are not all
  // in one visible document falls back to "most of the words", still among visible ones.)
  const json hidden = search("wangfang", {"\"政治考核\"", "--facets", "--limit", "50"});
  for (const auto& h : hidden["hits"]) EXPECT_TRUE(h["secrecy"].get<std::string>().empty()) << h.dump();
  EXPECT_EQ(hidden["total"], 0);
  EXPECT_TRUE(hidden["facets"]["year"].empty());
  const json cleared = search("chenzhiyong", {"\"政治考核\"", "--facets"});
  EXPECT_GE(cleared["total"].get<int>(), 1);
  EXPECT_GE(facet(cleared, "year", "2026"), 1u);
  const json all_hidden = search("wangfang", {"通知", "--facets"});
  const json all_cleared = search("chenzhiyong", {"通知", "--facets"});
  EXPECT_EQ(facet(all_cleared, "kind", "通知") - facet(all_hidden, "kind", "通知"), 1u);
}

TEST_F(SearchCli, BadInputIsAClearMessage) {
  const Outcome empty = gongwen({"-w", s_ws.string(), "--as", "wangfang", "search", ""});
  EXPECT_NE(empty.code, 0);
  EXPECT_NE(empty.err.find("请输入检索词"), std::string::npos) << empty.err;
  const Outcome spaced = gongwen({"-w", s_ws.string(), "--as", "wangfang", "search", "x", "--kind", "a b"});
  EXPECT_NE(spaced.code, 0);
  EXPECT_NE(spaced.err.find("--kind"), std::string::npos) << spaced.err;
  const Outcome shard = gongwen({"-w", s_ws.string(), "--as", "wangfang", "search", "x", "--shard", "tcp://127.0.0.1:x"});
  EXPECT_NE(shard.code, 0);
  EXPECT_NE(shard.err.find("tcp://"), std::string::npos) << shard.err;
}

// A free TCP port on 127.0.0.1 (the kernel picks it; the tiny race before the server binds it
// is retried by starting the server again).
int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

bool accepting(int port) {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// xapian-tcpsrv serving one index on 127.0.0.1 for the life of the object.
class TcpServer {
 public:
  explicit TcpServer(const fs::path& index) {
    const fs::path pidfile = fresh_dir("tcpsrv.pid");
    for (int attempt = 0; attempt < 3 && m_pid <= 0; ++attempt) {
      m_port = free_port();
      // Its own session: on SIGTERM xapian-tcpsrv signals its whole process group, which
      // would otherwise include this test.
      const std::string cmd = "setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port " +
                              std::to_string(m_port) + " " + quote(index.string()) +
                              " >/dev/null 2>&1 & echo $! >" + quote(pidfile.string());
      if (std::system(cmd.c_str()) != 0) continue;
      const int pid = std::stoi("0" + slurp(pidfile));
      for (int i = 0; i < 100 && !accepting(m_port); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (accepting(m_port)) {
        m_pid = pid;
      } else if (pid > 0) {
        ::kill(pid, SIGTERM);
      }
    }
    fs::remove(pidfile);
  }
  ~TcpServer() {
    if (m_pid > 0) ::kill(m_pid, SIGTERM);
  }
  bool running() const { return m_pid > 0; }
  std::string url() const { return "tcp://127.0.0.1:" + std::to_string(m_port); }

 private:
  int m_pid = -1;
  int m_port = 0;
};

TEST_F(SearchCli, RemoteShardCombinedWithLocalIndex) {
  // A second office's index (here a copy of this one) served over TCP, searched with ours.
  const fs::path township = fresh_dir("township-index");
  fs::copy(s_ws / "index", township, fs::copy_options::recursive);
  TcpServer server(township);
  ASSERT_TRUE(server.running()) << "xapian-tcpsrv did not start";

  const json local = search("wangfang", {"森林防火", "--facets"});
  const json remote = search("wangfang", {"森林防火", "--facets", "--no-local", "--shard", server.url()});
  const json both = search("wangfang", {"森林防火", "--facets", "--limit", "50", "--shard", server.url()});
  ASSERT_GT(local["total"].get<int>(), 0);
  EXPECT_EQ(remote["total"], local["total"]);
  EXPECT_EQ(both["total"].get<int>(), 2 * local["total"].get<int>());
  EXPECT_EQ(both["hits"].size(), 2 * local["hits"].size());
  EXPECT_EQ(facet(both, "year", "2026"), 2 * facet(local, "year", "2026"));
  EXPECT_FALSE(both["hits"][0]["snippet"].get<std::string>().empty());

  // Access holds across shards: the secret notice stays hidden on the remote copy too.
  EXPECT_EQ(search("wangfang", {"\"政治考核\"", "--shard", server.url()})["total"], 0);
  EXPECT_EQ(search("chenzhiyong", {"\"政治考核\"", "--shard", server.url()})["total"].get<int>(),
            2 * search("chenzhiyong", {"\"政治考核\""})["total"].get<int>());
  fs::remove_all(township);
}

// Issue 13 #2: xapian-tcpsrv has no login and the clearance check runs in the searching
// client, so serving the office's own index let `xapian-delve` print the 秘密 notice's whole
// text. The export for remote search holds only open documents: what a remote reader reaches,
// with gongwen or with Xapian's own tools, has no secret text, even for a cleared searcher.
TEST_F(SearchCli, TheOpenExportServedRemotelyHoldsNoSecretText) {
  const fs::path exported = fresh_dir("open-export") / "index";
  const Outcome made = gongwen({"-w", s_ws.string(), "--as", "wangfang", "search", "export-open", exported.string()});
  ASSERT_EQ(made.code, 0) << made.err;
  // Built again over an existing export: refused, nothing changed.
  EXPECT_NE(gongwen({"-w", s_ws.string(), "--as", "wangfang", "search", "export-open", exported.string()}).code, 0);
  TcpServer server(exported);
  ASSERT_TRUE(server.running()) << "xapian-tcpsrv did not start";
  // Locally a cleared user finds the secret notice; through the served export nobody does.
  ASSERT_GT(search("chenzhiyong", {"\"政治考核\""})["total"].get<int>(), 0);
  EXPECT_EQ(search("chenzhiyong", {"\"政治考核\"", "--no-local", "--shard", server.url()})["total"], 0);
  // Open documents are all there.
  const json open_local = search("chenzhiyong", {"森林防火", "--secrecy", "无"});
  ASSERT_GT(open_local["total"].get<int>(), 0);
  EXPECT_EQ(search("chenzhiyong", {"森林防火", "--no-local", "--shard", server.url()})["total"], open_local["total"]);
  // Xapian's own tools on the exported files see no classified level and no secret text.
  const Outcome terms = run("xapian-delve", {"-a", "-1", exported.string()});
  ASSERT_EQ(terms.code, 0) << terms.err;
  for (const char* level : {"\nXL1\n", "\nXL2\n", "\nXL3\n"}) EXPECT_EQ(terms.out.find(level), std::string::npos) << level;
  EXPECT_NE(terms.out.find("\nXL0\n"), std::string::npos);
  const Outcome info = run("xapian-delve", {exported.string()});
  const auto at = info.out.find("number of documents = ");
  ASSERT_NE(at, std::string::npos) << info.out;
  const int docs = std::stoi(info.out.substr(at + 22));
  ASSERT_GT(docs, 0);
  std::vector<std::string> args = {"-d"};
  for (int i = 1; i <= docs; ++i) args.insert(args.end(), {"-r", std::to_string(i)});
  args.push_back(exported.string());
  const Outcome data = run("xapian-delve", args);
  ASSERT_EQ(data.code, 0) << data.err;
  EXPECT_NE(data.out.find("森林防火"), std::string::npos);
  EXPECT_EQ(data.out.find("政治考核"), std::string::npos);
  fs::remove_all(exported.parent_path());
}

TEST_F(SearchCli, UnreachableShardIsAClearError) {
  const int port = free_port();  // nobody listens there
  const Outcome r = gongwen({"-w", s_ws.string(), "--as", "wangfang", "search", "森林",
                             "--shard", "tcp://127.0.0.1:" + std::to_string(port)});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("远程检索索引"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gongwen::e2e
