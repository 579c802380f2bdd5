// Fuzzes the query path: normalisation, segmentation, 文号 parsing, rewriting, Xapian parsing
// with its safe-form retry, and the search itself. Beyond "no crash" it checks the access rule:
// a viewer without clearance must never get the secret document back, whatever they type.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "gongwen/search/analysis.hpp"
#include "gongwen/search/search_index.hpp"

namespace {

using gongwen::search::IndexedDocument;
using gongwen::search::SearchIndex;

constexpr const char* kSecretId = "out:2025:白政发〔2025〕20号";

IndexedDocument doc(std::string id, std::string number, std::string title, std::string body,
                    std::string secrecy) {
  IndexedDocument d;
  d.id = std::move(id);
  d.direction = "发文";
  d.number = std::move(number);
  d.title = std::move(title);
  d.body = std::move(body);
  d.issuer = "白路乡人民政府";
  d.kind = "通知";
  d.secrecy = std::move(secrecy);
  d.date = {2025, 3, 10};
  return d;
}

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<SearchIndex> index;

  Fixture() {
    dir = std::filesystem::temp_directory_path() /
          ("gongwen-query-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto opened = SearchIndex::open_writable(dir);
    if (!opened) std::abort();
    index = std::make_unique<SearchIndex>(std::move(opened).value());
    index->add(doc("out:2025:白政发〔2025〕7号", "白政发〔2025〕7号", "关于做好春季森林防火工作的通知",
                   "各村要做好森林防火工作，文书档案及时归档。x 我y", ""));
    index->add(doc(kSecretId, "白政发〔2025〕20号", "关于调整边境巡逻部署的通知",
                   "启动青松行动，雷达站加强值守。森林防火 x 我y", "机密"));
    index->commit();
  }
  ~Fixture() {
    index.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  const std::string input(reinterpret_cast<const char*>(data), size);

  // The pure analysers must accept anything (after UTF-8 repair where they require it).
  const std::string text = gongwen::search::repair_utf8(input);
  const std::string normalized = gongwen::search::normalize_text(text, gongwen::search::TextRole::Query);
  gongwen::search::split_words(normalized);
  gongwen::search::parse_doc_number(normalized);

  gongwen::search::SearchRequest request;
  request.query = input;
  request.limit = 5;
  request.sort = (size % 2 == 0) ? gongwen::search::SearchRequest::Sort::Relevance
                                 : gongwen::search::SearchRequest::Sort::DateDesc;
  const gongwen::search::Viewer clerk{"lisi", gongwen::Secrecy::None};
  auto result = fixture.index->search(request, clerk);
  if (result) {
    for (const auto& hit : result.value().hits) {
      if (hit.id == kSecretId) std::abort();  // the access rule leaked
    }
  }
  return 0;
}
