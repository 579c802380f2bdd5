// OCR quality and speed (issue 19): issued PDFs listed in a TSV (file, 发文机关, 文号, 标题,
// 成文日期; bench/ocr_bench.sh makes it from the demo's register) scanned as each variant
// (tests/material), recognised, and compared with the PDF's own text: character error rate per
// variant, the fields proposed from the scan against the register's, seconds per page.
//   bench_ocr LIST.tsv [MAX_DOCS] [STEPS]   STEPS: which clean-up steps are off (d, b, r, s)
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "gongwen/search/ocr.hpp"
#include "gongwen/search/scan_fields.hpp"
#include "scan_material.hpp"

using namespace gongwen;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Tally {
  double cer_sum = 0, raw_cer_sum = 0;
  int pages = 0, docs = 0;
  double seconds = 0, wall = 0;
  int sender = 0, number = 0, title = 0, date = 0;
};

// The register's 发文机关 against the proposal: the same, or the 标志's organ is one of a joint
// document's organs.
bool same_sender(const std::string& truth, const std::string& got) {
  return !got.empty() && (truth == got || truth.find(got) != std::string::npos);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_ocr LIST.tsv [MAX_DOCS] [STEPS_OFF]\n";
    return 2;
  }
  const int max_docs = argc > 2 ? std::atoi(argv[2]) : 1000;
  const std::string off = argc > 3 ? argv[3] : "";
  search::OcrOptions options;
  options.want_pdf = false;
  options.deskew = off.find('d') == std::string::npos;
  options.binarise = off.find('b') == std::string::npos;
  options.rescale = off.find('r') == std::string::npos;
  options.despeckle = off.find('s') == std::string::npos;
  options.drop_seal = off.find('c') == std::string::npos;
  // The office's vocabulary for the correction pass: the organs that issue (from the list),
  // the township's name, the 文种.
  std::vector<std::string> terms{"白路乡人民政府", "中共白路乡委员会", "白路乡党政办公室", "白路乡"};
  {
    std::ifstream list(argv[1]);
    std::string row;
    while (std::getline(list, row)) {
      std::istringstream cells(row);
      std::string file, issuer;
      std::getline(cells, file, '\t');
      std::getline(cells, issuer, '\t');
      for (std::size_t at = 0; at <= issuer.size();) {
        std::size_t end = issuer.find("、", at);
        if (end == std::string::npos) end = issuer.size();
        const std::string organ = issuer.substr(at, end - at);
        if (!organ.empty() && std::find(terms.begin(), terms.end(), organ) == terms.end()) terms.push_back(organ);
        at = end + 3;
      }
    }
  }
  const bool correct = off.find('v') == std::string::npos;
  std::ifstream list(argv[1]);
  std::map<material::Variant, Tally> tally;
  std::string line;
  int docs = 0;
  while (std::getline(list, line) && docs < max_docs) {
    std::istringstream cells(line);
    std::string file, sender, number, title, date;
    std::getline(cells, file, '\t');
    std::getline(cells, sender, '\t');
    std::getline(cells, number, '\t');
    std::getline(cells, title, '\t');
    std::getline(cells, date, '\t');
    const std::string pdf = read(file);
    const int n = material::page_count(pdf);
    if (n == 0) continue;
    ++docs;
    std::vector<int> pages;
    for (int p = 0; p < n; ++p) pages.push_back(p);
    for (const auto v : material::all_variants()) {
      Tally& t = tally[v];
      std::string first, all;
      for (int p : pages) {
        const std::string scan = material::scan_page(pdf, p, v, static_cast<unsigned>(docs));
        // CPU seconds of this process (one thread: OMP_THREAD_LIMIT=1), so that other work on a
        // shared machine does not count; the wall time is printed beside it.
        const std::clock_t c0 = std::clock();
        const auto t0 = std::chrono::steady_clock::now();
        auto r = search::recognise_scan(scan, "scan", options);
        t.wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        t.seconds += static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        const std::string raw = r ? r.value().text : std::string();
        const std::string got = correct ? search::correct_with_vocabulary(raw, terms) : raw;
        const std::string truth = material::page_text(pdf, p);
        t.cer_sum += material::cer(truth, got);
        t.raw_cer_sum += material::cer(truth, raw);
        ++t.pages;
        if (p == 0) first = got;
        all += got;
      }
      const auto f = search::propose_fields(first, all);
      ++t.docs;
      t.sender += same_sender(sender, f.sender);
      t.number += f.number == number;
      t.title += f.title == title;
      t.date += f.date == date;
      if (f.number != number || f.title != title || f.date != date || !same_sender(sender, f.sender))
        std::cerr << material::variant_name(v) << " " << number << ": 来文单位「" << f.sender << "」文号「" << f.number
                  << "」标题「" << f.title << "」日期「" << f.date << "」\n";
    }
    std::cerr << "done " << docs << " " << number << "\n";
  }
  std::printf("%-38s %6s %8s %8s %7s %7s %8s %6s %6s %6s\n", "variant", "pages", "CER raw", "CER %", "cpu s/p", "wall s/p", "来文单位", "文号", "标题", "日期");
  for (const auto& [v, t] : tally) {
    auto pct = [&](int k) { return t.docs ? 100.0 * k / t.docs : 0.0; };
    std::printf("%-38s %6d %7.2f%% %7.2f%% %7.2f %7.2f %7.0f%% %5.0f%% %5.0f%% %5.0f%%\n", material::variant_name(v), t.pages,
                t.pages ? 100.0 * t.raw_cer_sum / t.pages : 0.0, t.pages ? 100.0 * t.cer_sum / t.pages : 0.0, t.pages ? t.seconds / t.pages : 0.0, t.pages ? t.wall / t.pages : 0.0, pct(t.sender),
                pct(t.number), pct(t.title), pct(t.date));
  }
  return 0;
}
