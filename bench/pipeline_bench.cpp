// Whole-pipeline benchmark on the 72 government work reports (about 1.1 million characters):
// model → PDF and DOCX for every report, then the reports split at their 一、 headings
// (about a thousand documents) indexed and searched. Prints the figures bench/README.md
// records. Usage: bench_pipeline [corpus.jsonl] [--limit N]
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/search/search_index.hpp"

using namespace gongwen;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point t) {
  return std::chrono::duration<double, std::milli>(Steady::now() - t).count();
}

struct Report {
  std::string title, content;
  int year = 0;
};

Document as_document(const Report& r) {
  Document d;
  d.template_id = "report";
  d.kind = "报告";
  d.direction = Direction::Upward;
  d.issuers = {"国务院"};
  d.issuer_mark = "国务院文件";
  d.number = "国发〔" + std::to_string(r.year) + "〕1号";
  d.signers = {"总理"};
  d.title = r.title;
  d.main_recipients = "全国人民代表大会";
  d.body = parse_body(r.content);
  d.signature = "国务院";
  d.date = Date{r.year, 3, 5};
  d.print_date = d.date;
  d.seal = SealMode::Unsealed;
  d.printer = "国务院办公厅";
  return d;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[static_cast<std::size_t>(p * (v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = GONGWEN_SAMPLES_DIR "/corpus/government_work_reports.jsonl";
  std::size_t limit = SIZE_MAX;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--limit" && i + 1 < argc) limit = std::stoul(argv[++i]);
    else corpus = a;
  }
  std::ifstream in(corpus);
  if (!in) {
    std::cerr << "cannot read " << corpus << "\n";
    return 1;
  }
  std::vector<Report> reports;
  for (std::string line; std::getline(in, line) && reports.size() < limit;) {
    const auto j = nlohmann::json::parse(line);
    const auto& y = j["year"];
    // The NPC resolutions carry no year: they are dated by their session, not needed here.
    const int year = y.is_number() ? y.get<int>() : y.is_string() ? std::atoi(y.get<std::string>().c_str()) : 0;
    reports.push_back({j["title"], j["content"], year > 1900 ? year : 2000});
  }
  std::size_t chars = 0;
  for (const auto& r : reports) chars += count_chars(r.content);
  std::cout << "corpus: " << reports.size() << " reports, " << chars << " characters\n";

  RenderOptions opts;
  opts.created = Instant{1795136400, 480};
  std::vector<double> pdf_ms, docx_ms;
  std::size_t pages = 0, pdf_bytes = 0;
  const auto t_render = Steady::now();
  for (const auto& r : reports) {
    const Document d = as_document(r);
    auto t = Steady::now();
    auto pdf = render_pdf(d, opts);
    pdf_ms.push_back(ms_since(t));
    if (!pdf) {
      std::cerr << r.title << ": " << pdf.error().render() << "\n";
      return 1;
    }
    pages += pdf.value().pages;
    pdf_bytes += pdf.value().bytes.size();
    t = Steady::now();
    auto docx = render_docx(d, opts);
    docx_ms.push_back(ms_since(t));
    if (!docx) {
      std::cerr << r.title << ": " << docx.error().render() << "\n";
      return 1;
    }
  }
  const double render_total = ms_since(t_render);
  std::cout << "render: " << pages << " PDF pages in " << render_total / 1000 << " s ("
            << pages / (std::accumulate(pdf_ms.begin(), pdf_ms.end(), 0.0) / 1000) << " pages/s PDF); "
            << "PDF per report p50 " << percentile(pdf_ms, 0.5) << " ms, max " << percentile(pdf_ms, 1.0)
            << " ms; DOCX p50 " << percentile(docx_ms, 0.5) << " ms, max " << percentile(docx_ms, 1.0)
            << " ms; PDF bytes/page " << (pages ? pdf_bytes / pages : 0) << "\n";

  // Index the sections.
  const auto dir = std::filesystem::temp_directory_path() / "gongwen-bench-index";
  std::filesystem::remove_all(dir);
  auto index = search::SearchIndex::open_writable(dir).take();
  std::size_t sections = 0;
  const auto t_index = Steady::now();
  for (const auto& r : reports) {
    const auto blocks = parse_body(r.content);
    std::string title = r.title, body;
    auto flush = [&] {
      if (body.empty()) return;
      search::IndexedDocument d;
      d.id = "bench:" + std::to_string(sections);
      d.direction = "收文";
      d.title = title;
      d.body = body;
      d.issuer = "国务院";
      d.kind = "报告";
      d.date = Date{r.year, 3, 5};
      index.add(d).take();
      ++sections;
      body.clear();
    };
    for (const auto& b : blocks) {
      if (b.kind == BlockKind::Heading1) {
        flush();
        title = r.title + " " + b.text;
      }
      body += b.text + "\n";
    }
    flush();
  }
  index.commit().take();
  const double index_ms = ms_since(t_index);
  std::cout << "index: " << sections << " sections in " << index_ms / 1000 << " s ("
            << index_ms / std::max<std::size_t>(sections, 1) << " ms per document)\n";

  const std::vector<std::string> queries = {"森林防火", "乡村振兴", "国有企业改革", "财政赤字", "脱贫攻坚",
                                            "粮食安全", "标题:经济", "年度:2020", "人民代表大会", "科技创新",
                                            "\"高质量发展\"", "生态环境保护", "就业 民生", "农业 农村 农民"};
  std::vector<double> q_ms;
  search::Viewer viewer{"bench", Secrecy::None};
  for (int round = 0; round < 10; ++round) {
    for (const auto& q : queries) {
      search::SearchRequest req;
      req.query = q;
      const auto t = Steady::now();
      auto res = index.search(req, viewer);
      q_ms.push_back(ms_since(t));
      if (!res) {
        std::cerr << q << ": " << res.error().render() << "\n";
        return 1;
      }
    }
  }
  std::cout << "search: " << q_ms.size() << " queries, p50 " << percentile(q_ms, 0.5) << " ms, p95 "
            << percentile(q_ms, 0.95) << " ms, max " << percentile(q_ms, 1.0) << " ms\n";
  std::filesystem::remove_all(dir);
  return 0;
}
