#pragma once
// Documents written the way a township office writes them, generated from the government
// work reports in samples/corpus/ (issue 14): random cuts of real paragraphs, numbers, phone
// numbers, 文号, dates, Latin words, enumerated lists, tables, 1–4 organs, sealed and not.
// Seeded and deterministic: the same seed gives the same documents on every machine.
#include <cstdint>
#include <string>
#include <vector>

#include "gongwen/pipeline/model.hpp"

namespace gongwen::golden {

struct CorpusDoc {
  std::string name;  // "corpus-017"
  Document doc;
};

// The set every corpus check uses (the layout test and the LibreOffice parity test).
constexpr int kCorpusDocuments = 300;
constexpr std::uint32_t kCorpusSeed = 20261207;

std::vector<CorpusDoc> corpus_documents(int count, std::uint32_t seed);

// The organ and place names the generated documents use (RenderOptions::names).
std::vector<std::string> corpus_names();

}  // namespace gongwen::golden
