// Search at scale (issue 6): N generated documents (default 100,000) indexed, the evaluation
// queries run with facets as the web search runs them, and in the same run Xapian's own
// `omindex` on a subset rendered as PDFs and `grep -r` over all N documents as .txt files.
//
// The documents come from the work reports (samples/corpus/government_work_reports.jsonl) cut
// into sections of about 1,150 characters (≈3.5 KB of UTF-8) and varied per copy: year, organ,
// 文号, 文种, title, the order of sentences (rotated and pairs swapped), secrecy for 1 in 50.
// Deterministic: the same N gives the same documents.
//
//   bench_search [N] [--pdf M] [--rounds R] [--dir DIR] [--skip-compare] [--keep] [--reuse]
//                [--per-query]
//     N       documents to generate and index (default 100000; `bench_search 10000` is quick)
//     --pdf   documents rendered as PDFs for omindex (default 2000; rendering 100k PDFs would
//             take about an hour here, so omindex is compared per document on this subset)
//     --rounds  times every evaluation query is run after one warm-up round (default 20)
//     --dir   working directory (default /tmp/gongwen-search-bench; removed at the end)
//     --keep  leave the working directory (and its index) in place at the end
//     --reuse query the index a `--keep` run left in DIR instead of indexing again (for query
//             work: indexing 100,000 documents takes minutes); indexing is then not reported
//     --per-query  print each evaluation query's median time, slowest first
//     --cache DIR  keep the index of N documents in DIR/index-N and query it there on later runs
//             (built once, then reused; indexing is reported only when it is built)
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/search/bulk_index.hpp"
#include "gongwen/search/search_index.hpp"

using namespace gongwen;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

// CPU time of this process: the machine is shared, so wall time alone says little.
double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double ms_since(Steady::time_point t) {
  return std::chrono::duration<double, std::milli>(Steady::now() - t).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

std::uintmax_t dir_bytes(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

// A section of a report: its heading and its sentences (each ending in 。！？ or a newline).
struct Section {
  std::string heading;
  std::vector<std::string> sentences;
  int year = 0;
};

bool is_heading(const std::string& p) {
  static const std::string kNums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::size_t i = 0;
  for (bool more = true; more;) {
    more = false;
    for (const auto& n : kNums)
      if (p.compare(i, n.size(), n) == 0) {
        i += n.size();
        more = true;
      }
  }
  return i > 0 && p.compare(i, std::string("、").size(), "、") == 0;
}

std::vector<std::string> sentences_of(const std::string& para) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < para.size();) {
    const std::size_t len = (static_cast<unsigned char>(para[i]) >= 0xF0)   ? 4
                            : (static_cast<unsigned char>(para[i]) >= 0xE0) ? 3
                            : (static_cast<unsigned char>(para[i]) >= 0xC0) ? 2
                                                                            : 1;
    const std::string ch = para.substr(i, len);
    cur += ch;
    i += len;
    if (ch == "。" || ch == "！" || ch == "？" || ch == "；") {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur + "\n");
  else if (!out.empty()) out.back() += "\n";
  return out;
}

// Sections of about `target` characters: cut at 一、 headings, and at a paragraph once a piece
// is long enough.
std::vector<Section> load_sections(const fs::path& corpus, std::size_t target) {
  std::ifstream in(corpus);
  if (!in) throw std::runtime_error("cannot read " + corpus.string());
  std::vector<Section> out;
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    const auto& y = j["year"];
    const int year = y.is_number() ? y.get<int>() : y.is_string() ? std::atoi(y.get<std::string>().c_str()) : 2000;
    Section cur{j["title"].get<std::string>(), {}, year > 1900 ? year : 2000};
    std::size_t chars = 0;
    auto flush = [&] {
      if (chars > 200) out.push_back(cur);
      cur.sentences.clear();
      chars = 0;
    };
    std::istringstream content(j["content"].get<std::string>());
    for (std::string p; std::getline(content, p);) {
      const auto a = p.find_first_not_of(" \t\r");
      if (a == std::string::npos) continue;
      p = p.substr(a);
      if (is_heading(p)) {
        flush();
        cur.heading = p.substr(0, std::min<std::size_t>(p.size(), 60));
        while (!cur.heading.empty() && (static_cast<unsigned char>(cur.heading.back()) & 0xC0) == 0x80)
          cur.heading.pop_back();  // do not cut a character in half
        if (!cur.heading.empty()) cur.heading.pop_back();
        continue;
      }
      for (auto& s : sentences_of(p)) {
        chars += s.size() / 3;
        cur.sentences.push_back(std::move(s));
      }
      if (chars >= target) flush();
    }
    flush();
  }
  return out;
}

struct Organ {
  const char* name;
  const char* code;
};
constexpr Organ kOrgans[] = {{"白路乡人民政府", "白政发"},   {"中共白路乡委员会", "白发"},
                             {"白路乡人民政府办公室", "白政办发"}, {"白云县人民政府", "白县政发"},
                             {"白云县农业农村局", "白农发"},   {"白云县应急管理局", "白应急发"},
                             {"白云县自然资源局", "白自然资发"}, {"白云县教育局", "白教发"}};
constexpr const char* kKinds[] = {"通知", "报告", "意见", "通报", "请示", "决定", "函", "纪要"};

// Document i: section i mod S, varied by its round i / S.
search::IndexedDocument generate(const std::vector<Section>& sections, std::size_t i) {
  const Section& s = sections[i % sections.size()];
  const std::size_t round = i / sections.size();
  const Organ& organ = kOrgans[(i * 5 + round) % std::size(kOrgans)];
  const std::string kind = kKinds[(i * 3 + round * 7) % std::size(kKinds)];
  const int year = 2001 + static_cast<int>((static_cast<std::size_t>(s.year) + round * 3 + i) % 26);
  search::IndexedDocument d;
  d.id = "gen:" + std::to_string(i);
  d.direction = (i % 5 == 4) ? "收文" : "发文";
  d.number = std::string(organ.code) + "〔" + std::to_string(year) + "〕" + std::to_string(1 + i % 997) + "号";
  d.issuer = organ.name;
  d.recipients = (i % 2) ? "各村民委员会，乡直各单位" : "各乡镇人民政府，县直各部门";
  d.kind = kind;
  d.title = "关于" + s.heading + "的" + kind;
  d.secrecy = (i % 50 == 7) ? "秘密" : "";
  d.date = Date{year, static_cast<int>(1 + i % 12), static_cast<int>(1 + (i / 12) % 28)};
  d.retention = (i % 3) ? "定期30年" : "永久";
  d.path = "documents/" + std::to_string(year) + "/" + d.id + ".pdf";
  std::vector<const std::string*> order;
  for (const auto& sentence : s.sentences) order.push_back(&sentence);
  if (!order.empty()) {
    std::rotate(order.begin(), order.begin() + static_cast<long>(round % order.size()), order.end());
    for (std::size_t k = round % 3; k + 1 < order.size(); k += 3 + round % 4) std::swap(order[k], order[k + 1]);
  }
  for (const std::string* sentence : order) d.body += *sentence;
  return d;
}

Document as_pdf_document(const search::IndexedDocument& g) {
  Document d;
  d.template_id = "notice";
  d.kind = g.kind;
  d.direction = Direction::Downward;
  d.issuers = {g.issuer};
  d.issuer_mark = g.issuer + "文件";
  d.number = g.number;
  d.title = g.title;
  d.main_recipients = g.recipients;
  d.body = parse_body(g.body);
  d.signature = g.issuer;
  d.date = g.date;
  d.print_date = g.date;
  d.seal = SealMode::Unsealed;
  d.printer = "白路乡党政办公室";
  return d;
}

// Every query of the evaluation: the 65 of queries.tsv, the compound terms (exact-first
// ranking) and the typos (they find little, so "did you mean" runs).
// The evaluation's queries and the file each comes from (its set: queries, compound, typos).
std::vector<std::string> evaluation_queries(std::vector<std::string>* sets = nullptr) {
  std::vector<std::string> qs;
  for (const char* file : {"queries.tsv", "compound.tsv", "typos.tsv"}) {
    std::ifstream in(std::string(GONGWEN_SOURCE_DIR "/tests/search/") + file);
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#') {
        qs.push_back(line.substr(0, line.find('\t')));
        if (sets != nullptr) sets->push_back(std::string(file).substr(0, std::string(file).find('.')));
      }
  }
  return qs;
}

// Runs a shell command and returns its wall time in ms (or -1 if it failed).
double timed_system(const std::string& cmd) {
  const auto t = Steady::now();
  const int rc = std::system(cmd.c_str());
  const double ms = ms_since(t);
  if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > 1) {  // grep: 1 = no match, still fine
    std::cerr << "command failed (" << rc << "): " << cmd << "\n";
    return -1;
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 100000, pdfs = 2000;
  int rounds = 20;
  bool compare = true, keep = false, reuse = false, per_query = false;
  fs::path cache;
  fs::path work = fs::temp_directory_path() / "gongwen-search-bench";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--pdf" && i + 1 < argc) pdfs = std::stoul(argv[++i]);
    else if (a == "--rounds" && i + 1 < argc) rounds = std::stoi(argv[++i]);
    else if (a == "--dir" && i + 1 < argc) work = argv[++i];
    else if (a == "--skip-compare") compare = false;
    else if (a == "--keep") keep = true;
    else if (a == "--reuse") reuse = keep = true;
    else if (a == "--per-query") per_query = true;
    else if (a == "--cache" && i + 1 < argc) cache = argv[++i];
    else if (!a.empty() && a[0] != '-') n = std::stoul(a);
    else {
      std::cerr << "usage: bench_search [N] [--pdf M] [--rounds R] [--dir DIR] [--skip-compare] [--keep] "
                   "[--reuse] [--per-query] [--cache DIR]\n";
      return 2;
    }
  }
  pdfs = std::min(pdfs, n);
  try {
    const auto sections = load_sections(fs::path(GONGWEN_SAMPLES_DIR) / "corpus/government_work_reports.jsonl", 1150);
    fs::path index_dir = work / "index";
    if (!cache.empty()) {
      // A cached index is complete only with its marker (a killed build leaves none).
      index_dir = cache / ("index-" + std::to_string(n));
      reuse = fs::exists(index_dir / ".complete");
      if (!reuse) fs::remove_all(index_dir);
      fs::create_directories(cache);
    }
    if (reuse && !fs::exists(index_dir)) {
      std::cerr << "--reuse: no index in " << index_dir << " (run once with --keep first)\n";
      return 2;
    }
    if (!reuse && cache.empty()) fs::remove_all(work);
    fs::create_directories(work);

    // 1. Indexing: generation is not timed (documents are made up front), one commit at the end
    // (Xapian flushes every 10,000 documents by itself), as `gongwen search reindex` does.
    std::vector<search::IndexedDocument> docs;
    docs.reserve(n);
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < n; ++i) {
      docs.push_back(generate(sections, i));
      bytes += docs.back().body.size() + docs.back().title.size();
    }
    std::printf("documents: %zu from %zu report sections, average %.2f KB of text\n", n, sections.size(),
                static_cast<double>(bytes) / static_cast<double>(n) / 1024.0);
    double index_ms = 0, index_cpu = 0;
    if (reuse) {
      const auto existing = search::SearchIndex::open_readonly(index_dir).take();
      if (existing.size() != n) {
        std::cerr << "--reuse: the index in " << index_dir << " holds " << existing.size()
                  << " documents, not " << n << "\n";
        return 2;
      }
      std::printf("indexing: skipped (--reuse), index size %.1f MB\n",
                  static_cast<double>(dir_bytes(index_dir)) / 1e6);
    } else {
      const auto t = Steady::now();
      const double c = cpu_ms();
      auto index = search::BulkIndexBuilder::create(index_dir).take();
      const unsigned writers = index.threads();
      for (const auto& d : docs) index.add(d).take();
      index.finish().take();
      index_ms = ms_since(t);
      if (!cache.empty()) std::ofstream(index_dir / ".complete") << n << "\n";
      index_cpu = cpu_ms() - c;
      std::printf("indexing with %u writers (one per core) merged into one index at the end\n", writers);
      const double docs_per_s = static_cast<double>(n) / (index_ms / 1000);
      std::printf("indexing: %.1f s wall, %.0f documents/s (%.3f ms/document); CPU %.1f s, %.0f documents per CPU-second "
                "(%.3f ms/document); index size %.1f MB (%.1f KB/document)\n",
                index_ms / 1000, docs_per_s, index_ms / static_cast<double>(n), index_cpu / 1000,
                static_cast<double>(n) / (index_cpu / 1000), index_cpu / static_cast<double>(n),
                static_cast<double>(dir_bytes(index_dir)) / 1e6,
                static_cast<double>(dir_bytes(index_dir)) / 1024.0 / static_cast<double>(n));
    }

    // 2. Queries as the web search runs them: a long-lived reader, refresh() before each query,
    // 10 hits with snippets, facets by year, kind and organ; an uncleared user.
    std::vector<std::string> sets;
    const auto queries = evaluation_queries(&sets);
    auto reader = search::SearchIndex::open_readonly(index_dir).take();
    const search::Viewer viewer{"bench", Secrecy::None};
    std::vector<double> lat;
    std::vector<std::vector<double>> by_query(queries.size());
    std::size_t estimated = 0;
    double query_cpu = 0;
    for (int r = 0; r <= rounds; ++r) {
      for (std::size_t qi = 0; qi < queries.size(); ++qi) {
        const std::string& q = queries[qi];
        search::SearchRequest req;
        req.query = q;
        req.limit = 10;
        req.facets = search::SearchRequest::Facets::Count;
        const auto t = Steady::now();
        const double c = cpu_ms();
        reader.refresh().take();
        const auto res = reader.search(req, viewer);
        const double ms = ms_since(t);
        if (r > 0) query_cpu += cpu_ms() - c;
        if (!res) {
          std::cerr << "query '" << q << "': " << res.error().render() << "\n";
          return 1;
        }
        if (r > 0) lat.push_back(ms);  // round 0 warms the page cache
        if (r > 0) by_query[qi].push_back(ms);
        if (r == 0 && res.value().facets_estimated) ++estimated;
      }
    }
    std::printf("queries: %zu evaluation queries x %d rounds with facets: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; "
                "mean CPU %.2f ms/query; %zu of the queries with estimated facet counts\n",
                queries.size(), rounds, percentile(lat, 0.5), percentile(lat, 0.9), percentile(lat, 0.99),
                percentile(lat, 1.0), lat.empty() ? 0.0 : query_cpu / static_cast<double>(lat.size()), estimated);
    for (const char* set : {"queries", "compound", "typos"}) {
      std::vector<double> part;
      for (std::size_t qi = 0; qi < queries.size(); ++qi)
        if (sets[qi] == set) part.insert(part.end(), by_query[qi].begin(), by_query[qi].end());
      std::printf("  %-8s (%zu runs): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", set, part.size(),
                  percentile(part, 0.5), percentile(part, 0.9), percentile(part, 0.99), percentile(part, 1.0));
    }
    if (per_query) {
      std::vector<std::pair<double, std::string>> medians;
      for (std::size_t qi = 0; qi < queries.size(); ++qi)
        medians.emplace_back(percentile(by_query[qi], 0.5), queries[qi]);
      std::sort(medians.rbegin(), medians.rend());
      for (const auto& [ms, q] : medians) std::printf("  %7.2f ms  %s\n", ms, q.c_str());
    }
    if (!compare) {
      if (!keep) fs::remove_all(work);
      return 0;
    }

    // 3. grep -r over all N documents as plain text, against our query for the same word.
    const std::string word = "雄安新区";
    const fs::path txt = work / "txt";
    for (std::size_t i = 0; i < n; ++i) {
      const fs::path f = txt / std::to_string(i / 1000) / (std::to_string(i) + ".txt");
      if (i % 1000 == 0) fs::create_directories(f.parent_path());
      std::ofstream(f, std::ios::binary) << docs[i].title << "\n" << docs[i].number << "\n" << docs[i].body;
    }
    timed_system("grep -rl " + word + " " + txt.string() + " > /dev/null");  // warm the page cache
    std::vector<double> grep_ms;
    for (int r = 0; r < 3; ++r) grep_ms.push_back(timed_system("grep -rl " + word + " " + txt.string() + " > /dev/null"));
    std::vector<double> ours;
    for (int r = 0; r < 20; ++r) {
      search::SearchRequest req;
      req.query = word;
      req.facets = search::SearchRequest::Facets::Count;
      const auto t = Steady::now();
      reader.refresh().take();
      reader.search(req, viewer).take();
      ours.push_back(ms_since(t));
    }
    std::printf("grep -rl %s over %zu .txt files (%.0f MB): median %.0f ms; our query with facets: median %.2f ms; "
                "grep/ours = %.0fx\n",
                word.c_str(), n, static_cast<double>(dir_bytes(txt)) / 1e6, percentile(grep_ms, 0.5),
                percentile(ours, 0.5), percentile(grep_ms, 0.5) / percentile(ours, 0.5));
    fs::remove_all(txt);

    // 4. omindex on a subset rendered as PDFs (pdftotext per file), per document against ours.
    const fs::path pdf_dir = work / "pdf";
    fs::create_directories(pdf_dir);
    RenderOptions opts;
    opts.created = Instant{1795136400, 480};
    std::vector<double> render_ms;
    for (std::size_t i = 0; i < pdfs; ++i) {
      const auto t = Steady::now();
      const auto pdf = render_pdf(as_pdf_document(docs[i]), opts).take();
      render_ms.push_back(ms_since(t));
      std::ofstream(pdf_dir / (std::to_string(i) + ".pdf"), std::ios::binary) << pdf.bytes;
    }
    const fs::path omega_db = work / "omega";
    const double om_ms = timed_system("XAPIAN_CJK_NGRAM=1 omindex --db " + omega_db.string() + " --url / " +
                                      pdf_dir.string() + " > /dev/null 2>&1");
    // Ours on the same subset (fresh index, same documents), for a like-for-like per-document cost.
    double sub_ms = 0;
    {
      auto index = search::SearchIndex::open_writable(work / "subset").take();
      const auto t = Steady::now();
      for (std::size_t i = 0; i < pdfs; ++i) index.add(docs[i]).take();
      index.commit().take();
      sub_ms = ms_since(t);
    }
    const double per_om = om_ms / static_cast<double>(pdfs), per_ours = sub_ms / static_cast<double>(pdfs);
    std::printf("omindex on %zu of the documents as PDFs (rendered by gongwen, p50 %.1f ms each; not timed): "
                "%.1f s, %.2f ms/document, index %.1f MB; ours on the same %zu: %.3f ms/document; omindex/ours = %.0fx "
                "(per document; 100k PDFs would take about an hour to render here)\n",
                pdfs, percentile(render_ms, 0.5), om_ms / 1000, per_om, static_cast<double>(dir_bytes(omega_db)) / 1e6,
                pdfs, per_ours, per_om / per_ours);
    if (!keep) fs::remove_all(work);
  } catch (const std::exception& e) {
    std::cerr << "bench_search: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
