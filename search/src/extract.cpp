// Text extraction for received documents (see extract.hpp). Outside files are untrusted:
// DOCX goes through the pipeline's one DOCX reader (docx_text: zip bomb, entry name and DTD
// refusals as for 一键排版's import); PDF through Poppler; OFD through read_ofd.
#include "gongwen/search/extract.hpp"

#include "gongwen/pipeline/import.hpp"
#include "gongwen/pipeline/ofd_read.hpp"
#include "gongwen/pipeline/utf8.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <chrono>
#include <memory>

#include "gongwen/pipeline/messages.hpp"
#include "pdf_limits.hpp"

namespace gongwen::search {

namespace {

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// The code point at `i` and its length in bytes (U+FFFD and 1 for a bad byte).
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  std::size_t pos = i;
  const char32_t c = utf8::next(s, pos);
  len = pos - i;
  return c;
}

Result<std::string> pdf_text(const std::string& bytes, const std::string& name) {
  // Pages, inflated content and time are bounded before Poppler does any work (issue 13 #9).
  const PdfLimits limits;
  if (auto problem = pdf_limits_problem(bytes, name, limits)) return *problem;
  const auto deadline = std::chrono::steady_clock::now() + limits.max_time;
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d || d->is_locked())
    return make_error(Code::BadInput, msg("extract.pdf.unreadable", {{"file", name}}));
  std::string out;
  for (int i = 0; i < d->pages(); ++i) {
    if (std::chrono::steady_clock::now() > deadline)
      return make_error(Code::BadInput, msg("trust.pdf.time", {{"file", name}, {"seconds", std::to_string(limits.max_time.count())}}),
                        {msg("trust.pdf.hint")});
    std::unique_ptr<poppler::page> p(d->create_page(i));
    if (!p)  // a page Poppler cannot read: the file is damaged, whatever QPDF made of it
      return make_error(Code::BadInput, msg("trust.pdf.damaged", {{"file", name}}), {msg("trust.pdf.hint")});
    const auto t = p->text().to_utf8();
    out.append(t.begin(), t.end());
    out += '\n';
  }
  return remove_spaces_between_han(out);
}

Result<std::string> docx_text(const std::string& bytes, const std::string& name) {
  // The pipeline's DOCX reader: the same zip and XML limits as 一键排版's import.
  Result<std::string> text = gongwen::docx_text(bytes, name);
  if (!text) return text.error();
  return remove_spaces_between_han(text.value());
}

}  // namespace

std::string remove_spaces_between_han(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t prev = 0;  // last non-space character written
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 1;
    const char32_t c = decode(s, i, len);
    if (c == ' ') {  // tabs stay: in a DOCX they separate fields
      std::size_t j = i;  // the run of spaces
      while (j < s.size() && s[j] == ' ') ++j;
      std::size_t nlen = 1;
      const char32_t next = j < s.size() ? decode(s, j, nlen) : 0;
      if (!(is_han(prev) && is_han(next))) out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    out.append(s.substr(i, len));
    if (c != '\n') prev = c;
    else prev = 0;
    i += len;
  }
  return out;
}

Result<std::string> extract_text(const std::string& bytes, const std::string& name) {
  if (bytes.rfind("%PDF-", 0) == 0) return pdf_text(bytes, name);
  if (bytes.rfind("PK\x03\x04", 0) == 0) {
    if (name.size() > 4 && (name.ends_with(".ofd") || name.ends_with(".OFD"))) {
      Result<OfdContent> ofd = read_ofd(bytes, name);
      if (!ofd) return ofd.error();
      return remove_spaces_between_han(ofd.value().text());
    }
    return docx_text(bytes, name);
  }
  return make_error(Code::BadInput, msg("extract.kind", {{"file", name}}));
}

}  // namespace gongwen::search
