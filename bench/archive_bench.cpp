// Filing a year at scale: N issued documents (default 5,000), then `plan + file + verify`
// timed with peak memory. Setup (real signed documents through the workflow, then the
// registry filled with N issued records pointing at copies of them) is not timed.
//   build/bench/bench_archive [N]
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "gongwen/archive/filing.hpp"
#include "gongwen/services/office.hpp"
#include "gongwen/archive/workspace.hpp"

using namespace gongwen;
using namespace gongwen::archive;
using namespace gongwen::services;
namespace fs = std::filesystem;

namespace {

// CPU seconds of this process: the machine is shared, so wall time alone can mislead.
double cpu() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string notice(const std::string& title, int day) {
  char date[16];
  std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + day % 12, 1 + day % 28);
  return "template = \"notice\"\norgan = \"government\"\ntitle = \"" + title +
         "\"\nto = \"各村民委员会，乡属各单位\"\ndate = " + date +
         "\ndrafter = \"wangfang\"\ncopies = 10\nbody = \"\"\"\n为做好相关工作，现将有关事项通知如下：\n"
         "一、工作要求\n各单位要高度重视，认真抓好落实。\n\"\"\"\n";
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 5000;
  const fs::path tmp = fs::temp_directory_path() / ("gongwen-archive-bench-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  const FixedClock clock(Instant{1767056400, 8 * 60});  // 2025-12-30 09:00 +08:00
  auto ws = Workspace::init(tmp / "ws", read_file(fs::path(GONGWEN_SOURCE_DIR) / "templates" / "profile.example.toml"),
                            fs::path(GONGWEN_SOURCE_DIR) / "templates").take();
  Office office(*ws, clock);
  constexpr int kReal = 8;
  std::vector<IssuedRecord> real;
  for (int i = 0; i < kReal; ++i) {
    const fs::path draft = tmp / ("d" + std::to_string(i) + ".toml");
    write_file_atomic(draft, notice("关于做好第" + std::to_string(i + 1) + "项重点工作的通知", i));
    const auto d = office.submit(draft, "wangfang");
    office.review("#" + std::to_string(d.id), "zhaoli", Decision::Approve, "");
    office.review("#" + std::to_string(d.id), "chenzhiyong", Decision::Approve, "");
    office.sign("#" + std::to_string(d.id), "zhangjianguo", "同意印发");
    real.push_back(office.issue("#" + std::to_string(d.id), "sunxiuying").issued);
  }
  Registry& reg = ws->registry();
  const fs::path dir = ws->documents_dir() / "bench";
  fs::create_directories(dir);
  for (int done = kReal; done < n;) {
    reg.transaction([&] {
      for (int k = 0; k < 500 && done < n; ++k, ++done) {
        IssuedRecord r = real[done % kReal];
        const int serial = reg.allocate_number("白政发", 2025, r.draft_id, clock.now().iso8601());
        r.serial = serial;
        r.number = "白政发〔2025〕" + std::to_string(serial) + "号";
        r.title = "关于做好第" + std::to_string(done + 1) + "项重点工作的通知";
        const fs::path pdf = dir / (std::to_string(serial) + ".pdf");
        fs::copy_file(ws->root() / real[done % kReal].pdf_path, pdf);
        r.pdf_path = ws->relative(pdf);
        reg.add_issued(r);
      }
    });
  }
  std::cout << "documents: " << reg.issued(2025).size() << "\n";

  const double c0 = cpu();
  const auto t0 = std::chrono::steady_clock::now();
  const auto plan = filing_plan(*ws, 2025);
  const auto blockers = filing_blockers(*ws, 2025);
  const double t_plan = seconds_since(t0), c_plan = cpu() - c0;
  const auto t1 = std::chrono::steady_clock::now();
  const FilingResult res = file_year(*ws, 2025, clock, "zhouhong");
  const double t_file = seconds_since(t1), c_file = cpu() - c0 - c_plan;
  const auto t2 = std::chrono::steady_clock::now();
  const VerifyReport v = verify_year(*ws, 2025);
  const double t_verify = seconds_since(t2), c_verify = cpu() - c0 - c_plan - c_file;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("plan: %zu items, %zu blockers, %.2f s wall, %.2f s CPU\n", plan.size(), blockers.size(), t_plan, c_plan);
  std::printf("file: %zu items, %.2f s wall, %.2f s CPU\n", res.items.size(), t_file, c_file);
  std::printf("verify: %s, %d files, %.2f s wall, %.2f s CPU\n", v.ok() ? "pass" : "FAIL", v.files, t_verify, c_verify);
  std::printf("plan + file + verify: %.2f s wall, %.2f s CPU; peak RSS %.0f MB\n", t_plan + t_file + t_verify,
              c_plan + c_file + c_verify, ru.ru_maxrss / 1024.0);
  fs::remove_all(tmp);
  return v.ok() && res.items.size() == static_cast<std::size_t>(n) ? 0 : 1;
}
