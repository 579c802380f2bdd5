// One port, one workspace: a second `gongwen serve` on a port already served must refuse to
// start (issue 13 #11: with SO_REUSEPORT both bound and the kernel split the traffic).
#include <gtest/gtest.h>

#include "web_server.hpp"

namespace gongwen::e2e {
namespace {

TEST(WebServePort, ASecondServerOnTheSamePortRefusesToStart) {
  WebServer first("port-first");
  const auto other = fresh_dir("port-second");
  ASSERT_EQ(gongwen({"init", other.string()}).code, 0);
  // `timeout` turns a second server that binds (and then serves forever) into exit 124.
  const auto r = run("timeout", {"10", GONGWEN_BINARY, "-w", other.string(), "serve", "--listen",
                                 "127.0.0.1:" + std::to_string(first.port()), "--web",
                                 std::string(GONGWEN_SOURCE_DIR) + "/web"});
  EXPECT_NE(r.code, 124) << "the second server bound the port: " << r.out;
  EXPECT_EQ(r.code, 7) << r.err;  // Code::Io
  EXPECT_NE(r.err.find("端口已被占用"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("listening on"), std::string::npos) << r.out;
  std::filesystem::remove_all(other);
}

}  // namespace
}  // namespace gongwen::e2e
