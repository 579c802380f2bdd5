// Rendering speed on one core (bash bench/run.sh): a 2-page notice to PDF and to DOCX
// (median of many runs, fonts already loaded), a ≈40-page work report to PDF, peak memory,
// and the same notice's DOCX converted by LibreOffice headless for comparison.
// Targets (issue 3): notice PDF ≤ 10 ms, DOCX ≤ 2 ms, report PDF ≤ 200 ms, ≤ 150 MB, ours
// ≥ 50× faster than LibreOffice per document.
#include <sys/resource.h>
#include <time.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <vector>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/pipeline/render.hpp"

namespace {

using namespace gongwen;
namespace fs = std::filesystem;

// Median wall time of `runs` calls, and the median CPU time of this thread for them: on a
// machine shared with other work the CPU time is the figure that says what one core does.
struct Timing {
  double wall_ms = 0, cpu_ms = 0;
};

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

Timing median_ms(int runs, const std::function<void()>& f) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < runs; ++i) {
    const auto a = std::chrono::steady_clock::now();
    const double c = thread_cpu_ms();
    f();
    cpu.push_back(thread_cpu_ms() - c);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

Document base(const std::string& title) {
  Document d;
  d.template_id = "notice";
  d.kind = "通知";
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府文件";
  d.number = "白政发〔2026〕7号";
  d.title = title;
  d.main_recipients = "各村民委员会，乡直各单位";
  d.signature = "白路乡人民政府";
  d.date = {2026, 9, 1};
  d.seal_text = "白路乡人民政府";
  d.copies_to = "县林业局，县应急管理局";
  d.printer = "白路乡党政综合办公室";
  d.print_date = {2026, 9, 2};
  return d;
}

// Two pages of text: about 30 lines after the 版头.
Document notice() {
  Document d = base("白路乡人民政府关于做好2026年秋季森林防火工作的通知");
  std::string body;
  for (int i = 1; i <= 4; ++i) {
    body += std::string(i == 1 ? "一" : i == 2 ? "二" : i == 3 ? "三" : "四") + "、加强组织领导\n";
    body += "各村、各单位要充分认识森林防火工作的重要性和紧迫性，克服麻痹思想和侥幸心理，把森林防火"
            "工作摆上重要议事日程，层层落实责任，确保2026年秋冬季不发生重大森林火灾。\n";
  }
  d.body = parse_body(body);
  return d;
}

Document report() {
  Document d = base("白路乡人民政府关于2025年政府工作情况的报告");
  std::ifstream in(std::string(GONGWEN_SAMPLES_DIR) + "/corpus/government_work_reports.jsonl");
  std::string body;
  std::size_t chars = 0;
  for (std::string line; chars < 23000 && std::getline(in, line);) {
    std::istringstream s(nlohmann::json::parse(line).at("content").get<std::string>());
    for (std::string p; chars < 23000 && std::getline(s, p);) {
      if (p.find("本作品") != std::string::npos) break;
      if (p.empty()) continue;
      body += p + "\n";
      chars += count_chars(p);
    }
  }
  d.body = parse_body(body);
  return d;
}

long peak_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  RenderOptions o;
  o.created = Instant{1788224400, 480};
  const Document n = notice(), r = report();
  RenderedFile first = render_pdf(n, o).take();  // fonts resolved once per process
  if (argc == 3 && std::string(argv[1]) == "--write") {  // the files measured, for inspection
    std::ofstream(fs::path(argv[2]) / "notice.pdf", std::ios::binary) << first.bytes;
    std::ofstream(fs::path(argv[2]) / "notice.docx", std::ios::binary) << render_docx(n, o).take().bytes;
    std::ofstream(fs::path(argv[2]) / "report.pdf", std::ios::binary) << render_pdf(r, o).take().bytes;
    std::ofstream(fs::path(argv[2]) / "notice.ofd", std::ios::binary) << write_ofd(lay_out(n, o).take()).take().bytes;
    return 0;
  }
  (void)render_docx(n, o).take();
  const Timing pdf = median_ms(50, [&] { (void)render_pdf(n, o).take(); });
  const Timing docx = median_ms(200, [&] { (void)render_docx(n, o).take(); });
  // The OFD from the layout the PDF was drawn from (issuing lays out once), and its SES seal.
  const LaidOutDocument laid = lay_out(n, o).take();
  (void)write_ofd(laid).take();
  const Timing ofd = median_ms(100, [&] { (void)write_ofd(laid).take(); });
  const std::string ofd_bytes = write_ofd(laid).take().bytes;
  const SigningKey maker = make_self_signed_key("制章", "白路乡", o.created, 10, KeyKind::Sm2).take();
  const SigningKey keeper = make_self_signed_key("白路乡人民政府", "白路乡", o.created, 10, KeyKind::Sm2).take();
  SealMaking making;
  making.name = "白路乡人民政府";
  making.picture_png = seal_picture_png(n, o);
  making.created = making.valid_from = making.valid_to = o.created;
  const std::string seal = make_electronic_seal(making, maker, keeper.cert_pem).take();
  const Sm2KeyFileSigner signer(keeper);
  const Timing ses = median_ms(100, [&] {
    (void)sign_ofd(ofd_bytes, seal, signer, OfdStamp{0, 120, 200, 42, 42}, o.created).take();
  });
  int report_pages = 0;
  const Timing report = median_ms(7, [&] { report_pages = render_pdf(r, o).take().pages; });
  const double pdf_ms = pdf.wall_ms;
  std::printf("                         median wall   median CPU\n");
  std::printf("notice PDF  (%d pages): %8.2f ms   %8.2f ms   (target ≤ 10 ms)\n", first.pages, pdf.wall_ms, pdf.cpu_ms);
  std::printf("notice DOCX           : %8.2f ms   %8.2f ms   (target ≤ 2 ms)\n", docx.wall_ms, docx.cpu_ms);
  std::printf("notice OFD (write_ofd) : %8.2f ms   %8.2f ms   (target ≤ 3 ms)\n", ofd.wall_ms, ofd.cpu_ms);
  std::printf("OFD SES signing       : %8.2f ms   %8.2f ms   (target ≤ 2 ms)\n", ses.wall_ms, ses.cpu_ms);
  std::printf("report PDF (%d pages): %8.2f ms   %8.2f ms   (target ≤ 200 ms)\n", report_pages, report.wall_ms, report.cpu_ms);
  std::printf("peak memory           : %8.1f MB          (target ≤ 150 MB)\n", peak_kib() / 1024.0);

  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    std::printf("LibreOffice: soffice not installed, no comparison\n");
    return 0;
  }
  const fs::path dir = fs::temp_directory_path() / "gongwen-bench-lo";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "notice.docx", std::ios::binary) << render_docx(n, o).take().bytes;
  // The DOCX names the office's fonts: LibreOffice finds the PDF's faces for them through
  // the project's fontconfig file, as in the lo test (docs/docx.md, "Fonts").
  std::ofstream(dir / "fonts.conf")
      << "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
         "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
         "<include>" GONGWEN_SOURCE_DIR "/fonts/60-gongwen-office-fonts.conf</include>"
         "<cachedir>" << (dir / "fc-cache").string() << "</cachedir></fontconfig>\n";
  const std::string cmd = "FONTCONFIG_FILE='" + (dir / "fonts.conf").string() +
                          "' soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                          " --headless --convert-to pdf --outdir '" + dir.string() + "' '" +
                          (dir / "notice.docx").string() + "' >/dev/null 2>&1";
  (void)std::system(cmd.c_str());  // first start creates the profile
  const double lo_ms = median_ms(3, [&] { (void)std::system(cmd.c_str()); }).wall_ms;
  std::printf("LibreOffice DOCX→PDF  : %8.1f ms median (process start included)\n", lo_ms);
  std::printf("ratio LibreOffice/ours: %8.0f×            (target ≥ 50×)\n", lo_ms / pdf_ms);
  fs::remove_all(dir);
  return 0;
}
