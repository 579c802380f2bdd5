// The workspace's files are readable only by the service's user and group (issue 13 #15):
// registry.sqlite3, index/ and the PDFs of secret documents were mode 644.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

TEST(WorkspaceModes, NothingTheDemoWritesIsReadableByOthers) {
  const auto dir = fresh_dir("modes");
  // Even under a permissive umask, as a shell or service manager may leave it.
  const auto r = run("sh", {"-c", "umask 000 && exec " + quote(GONGWEN_BINARY) +
                                      " --clock 2026-11-20T09:00:00+08:00 demo " + quote(dir.string())});
  ASSERT_EQ(r.code, 0) << r.err;
  int checked = 0, open_to_others = 0;
  std::string first;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    struct stat st {};
    ASSERT_EQ(::lstat(e.path().c_str(), &st), 0);
    ++checked;
    if (st.st_mode & S_IRWXO) {
      if (first.empty()) first = e.path().string();
      ++open_to_others;
    }
  }
  struct stat root {};
  ASSERT_EQ(::stat(dir.c_str(), &root), 0);
  EXPECT_EQ(root.st_mode & S_IRWXO, 0u);
  EXPECT_GT(checked, 50);
  EXPECT_EQ(open_to_others, 0) << "e.g. " << first;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gongwen::e2e
