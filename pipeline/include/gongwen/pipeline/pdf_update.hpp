#pragma once
// A PDF incremental update (ISO 32000-1 7.5.6): new and changed objects appended after the
// original bytes, which stay untouched, then an xref section for them and a trailer with
// /Prev. One writer for every revision gongwen adds to a PDF: the issuing signature
// (sign_pdf) and the archive's 归档章 / PDF/A revision (archive/filing_stamp.cpp).
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace gongwen {

class PdfUpdate {
 public:
  // Starts after `original` (a newline is added if it does not end with one).
  explicit PdfUpdate(std::string original);

  // Appends "num gen obj\n" + body + "\nendobj\n" and records its offset for the xref.
  void add_object(int num, int gen, std::string_view body);
  // The same for a stream: `dict` (its /Length already right), then the data.
  void add_stream(int num, int gen, std::string_view dict, std::string_view data);

  // The xref section for the objects added (one subsection per run of consecutive numbers);
  // returns its offset. Then the trailer: "trailer\n<< " + entries + " >>", startxref, %%EOF.
  std::size_t write_xref();
  void write_trailer(std::string_view entries);

  const std::string& bytes() const { return m_bytes; }
  std::string& bytes() { return m_bytes; }
  std::string take() { return std::move(m_bytes); }

 private:
  std::string m_bytes;
  std::map<int, std::pair<int, std::size_t>> m_offsets;  // object → (generation, offset)
  std::size_t m_xref_at = 0;
};

// The byte offset the last "startxref" names (the /Prev of the next update); 0 if none.
long long last_startxref(std::string_view pdf);

}  // namespace gongwen
