// ocr_one FILE: recognises a scan and prints its text, page confidences, the proposed fields
// and the time (a tool for looking at one scan; the report is bench_ocr).
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>

#include "gongwen/search/ocr.hpp"
#include "gongwen/search/scan_fields.hpp"

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  gongwen::search::OcrOptions o;
  o.creation_date = "2026-11-20T09:00:00+08:00";
  if (argc > 3) {
    const std::string off = argv[3];
    o.deskew = off.find('d') == std::string::npos;
    o.binarise = off.find('b') == std::string::npos;
    o.rescale = off.find('r') == std::string::npos;
    o.despeckle = off.find('s') == std::string::npos;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto r = gongwen::search::recognise_scan(bytes, argv[1], o);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!r) {
    std::cerr << r.error().message << "\n";
    return 1;
  }
  const auto& out = r.value();
  std::cout << out.text;
  for (std::size_t i = 0; i < out.pages.size(); ++i)
    std::cerr << "page " << i + 1 << " confidence " << out.pages[i].confidence << (out.pages[i].blank ? " blank" : "") << "\n";
  for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
  const auto f = gongwen::search::propose_fields(out.pages.empty() ? "" : out.pages[0].text, out.text);
  std::cerr << "来文单位=" << f.sender << "\n文号=" << f.number << "\n标题=" << f.title << "\n主送=" << f.to
            << "\n成文日期=" << f.date << "\n密级=" << f.secrecy << "\n紧急=" << f.urgency << "\n文种=" << f.kind << "\n";
  std::cerr << "seconds " << s << "\n";
  if (argc > 2 && !out.pdf.empty()) std::ofstream(argv[2], std::ios::binary) << out.pdf;
  return 0;
}
