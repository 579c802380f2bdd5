// PdfUpdate: the one incremental-update writer (pdf_update.hpp).
#include "gongwen/pipeline/pdf_update.hpp"

#include <cstdio>
#include <cstdlib>

namespace gongwen {

PdfUpdate::PdfUpdate(std::string original) : m_bytes(std::move(original)) {
  if (!m_bytes.empty() && m_bytes.back() != '\n') m_bytes += '\n';
}

void PdfUpdate::add_object(int num, int gen, std::string_view body) {
  m_offsets[num] = {gen, m_bytes.size()};
  m_bytes += std::to_string(num) + " " + std::to_string(gen) + " obj\n";
  m_bytes += body;
  m_bytes += "\nendobj\n";
}

void PdfUpdate::add_stream(int num, int gen, std::string_view dict, std::string_view data) {
  std::string body(dict);
  body += "\nstream\n";
  body += data;
  body += "\nendstream";
  add_object(num, gen, body);
}

std::size_t PdfUpdate::write_xref() {
  m_xref_at = m_bytes.size();
  m_bytes += "xref\n";
  for (auto it = m_offsets.begin(); it != m_offsets.end();) {
    auto run_end = it;
    int count = 0;
    while (run_end != m_offsets.end() && run_end->first == it->first + count) ++run_end, ++count;
    m_bytes += std::to_string(it->first) + " " + std::to_string(count) + "\n";
    for (; it != run_end; ++it) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu %05d n \n", it->second.second, it->second.first);
      m_bytes += line;
    }
  }
  return m_xref_at;
}

void PdfUpdate::write_trailer(std::string_view entries) {
  m_bytes += "trailer\n<< ";
  m_bytes += entries;
  m_bytes += " >>\nstartxref\n" + std::to_string(m_xref_at) + "\n%%EOF\n";
}

long long last_startxref(std::string_view pdf) {
  const auto at = pdf.rfind("startxref");
  if (at == std::string_view::npos) return 0;
  return std::atoll(std::string(pdf.substr(at + 9, 32)).c_str());
}

}  // namespace gongwen
