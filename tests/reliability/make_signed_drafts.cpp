// Test helper (not installed): writes N notice drafts beside a workspace and takes each
// through submit → review chain → sign-off with the library API, printing the draft ids,
// so that reliability tests can spend their time on `gongwen issue` alone.
//   make_signed_drafts WORKSPACE N PREFIX
#include <cstdio>
#include <filesystem>
#include <string>

#include "gongwen/services/office.hpp"
#include "gongwen/archive/workspace.hpp"

using namespace gongwen;
using namespace gongwen::archive;
using namespace gongwen::services;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make_signed_drafts WORKSPACE N PREFIX\n");
    return 2;
  }
  try {
    const std::filesystem::path root = argv[1];
    const int n = std::stoi(argv[2]);
    const std::string prefix = argv[3];
    auto ws = Workspace::open(root).take();
    const FixedClock clock(*parse_instant("2026-03-02T09:00:00+08:00"));
    Office office(*ws, clock);
    const std::filesystem::path dir = root.parent_path() / ("drafts-" + prefix);
    std::filesystem::create_directories(dir);
    for (int i = 1; i <= n; ++i) {
      const std::filesystem::path file = dir / (prefix + "-" + std::to_string(i) + ".toml");
      write_file_atomic(file, "template = \"notice\"\norgan = \"government\"\ntitle = \"关于做好第" +
                                  std::to_string(i) + "批" + prefix +
                                  "工作的通知\"\nto = \"各村民委员会\"\ndate = 2026-03-02\n"
                                  "drafter = \"wangfang\"\ncopies = 5\nbody = \"\"\"\n"
                                  "各村要认真做好相关工作，按时报送情况。\n\"\"\"\n");
      const DraftRecord d = office.submit(file, "wangfang");
      for (const auto& r : ws->profile().chain_for(d.doc_class))
        office.review("#" + std::to_string(d.id), r, Decision::Approve, "");
      office.sign("#" + std::to_string(d.id), "zhangjianguo", "同意印发");
      std::printf("%lld\n", static_cast<long long>(d.id));
    }
  } catch (const Failure& f) {
    std::fprintf(stderr, "%s\n", f.error().render().c_str());
    return 1;
  }
  return 0;
}
