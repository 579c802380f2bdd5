// Issuing at scale: N signed-off 2-page notices (default 200), then `issue` end to end —
// number, PDF + DOCX + OFD, seals, PDF and SES signatures, 发文稿纸, registers, audit, search
// index, every file durable before its commit — timed twice: N issued one at a time (the web
// desk's path: each indexed on its own) and N in one batch (`gongwen issue #1 … #N`).
// Setup (workspace, drafts through submit → review → sign-off) is not timed.
//   build/bench/bench_issue [N]
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/services/workflows.hpp"

using namespace gongwen;
using namespace gongwen::archive;
using namespace gongwen::services;
namespace fs = std::filesystem;

namespace {

double cpu() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// A notice of about two pages (22 lines × 28 characters a page).
std::string notice(int i) {
  std::string body = "为做好相关工作，现将有关事项通知如下：\n";
  for (int k = 1; k <= 8; ++k)
    body += "各村民委员会、乡属各单位要高度重视第" + std::to_string(k) +
            "项工作，明确责任分工，细化工作措施，认真抓好落实，确保各项任务按时完成，并于每月底前将工作进展情况报乡党政办公室汇总。\n";
  return "template = \"notice\"\norgan = \"government\"\ntitle = \"关于做好第" + std::to_string(i) +
         "项重点工作的通知\"\nto = \"各村民委员会，乡属各单位\"\ndate = 2026-03-02\n"
         "drafter = \"wangfang\"\ncopies = 10\nbody = \"\"\"\n" + body + "\"\"\"\n";
}

enum class Mode { OneAtATime, Batch };

// A fresh workspace with n signed-off notices, then the n issued as `mode` says, timed.
void run(int n, Mode mode, const fs::path& tmp) {
  fs::remove_all(tmp);
  auto ws = Workspace::init(tmp / "ws", read_file(fs::path(GONGWEN_SOURCE_DIR) / "templates/profile.example.toml"),
                            fs::path(GONGWEN_SOURCE_DIR) / "templates")
                .take();
  const FixedClock clock(*parse_instant("2026-03-02T16:00:00+08:00"));
  Workflows office(*ws, clock);  // the path both front ends take
  std::vector<std::string> refs;
  for (int i = 1; i <= n; ++i) {
    const fs::path f = tmp / "drafts" / ("n" + std::to_string(i) + ".toml");
    write_file_atomic(f, notice(i));
    const auto d = office.submit(f, "wangfang");
    const std::string ref = "#" + std::to_string(d.draft.id);
    for (const auto& r : ws->profile().chain_for(d.draft.doc_class)) office.review(ref, r, Decision::Approve, "");
    office.sign(ref, "zhangjianguo", "同意印发");
    refs.push_back(ref);
  }
  // A mark in a syscall trace (strace -f) or a profile where the timed part begins.
  std::fprintf(stderr, "drafts signed off; issuing %d %s\n", n, mode == Mode::Batch ? "in one batch" : "one at a time");
  int pages = 0;
  const double c0 = cpu();
  const auto t0 = std::chrono::steady_clock::now();
  if (mode == Mode::Batch) {
    for (const auto& r : office.issue_all(refs, "sunxiuying")) pages += r.issued.pages;
  } else {
    for (const auto& ref : refs) pages += office.issue(ref, "sunxiuying").issued.pages;  // number … index
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpus = cpu() - c0;
  std::printf("%s: issued %d notices (%.1f pages each): %.2f s wall, %.2f s CPU → %.1f documents/s wall, "
              "%.1f documents/s per CPU second\n",
              mode == Mode::Batch ? "one batch    " : "one at a time", n, static_cast<double>(pages) / n, wall, cpus,
              n / wall, n / cpus);
  fs::remove_all(tmp);
}

}  // namespace

// N issued one at a time (as the web desk issues, each indexed on its own), then N in one
// batch (as `gongwen issue #1 … #N` does: one index commit after the last), each on a fresh
// workspace so that neither runs in the other's leftovers.
int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200;
  const fs::path tmp = fs::temp_directory_path() / ("gongwen-issue-bench-" + std::to_string(::getpid()));
  try {
    run(n, Mode::OneAtATime, tmp);
    run(n, Mode::Batch, tmp);
  } catch (const Failure& f) {
    std::fprintf(stderr, "%s\n", f.error().render().c_str());
    fs::remove_all(tmp);
    return 1;
  }
  return 0;
}
