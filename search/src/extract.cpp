// Text extraction for received documents (see extract.hpp). Outside files are untrusted:
// the ZIP entry's declared and actual sizes are bounded, and the XML parser neither loads
// DTDs nor substitutes entities nor touches the network.
#include "gongwen/search/extract.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <zip.h>

#include <memory>

namespace gongwen::search {

namespace {

constexpr zip_uint64_t kMaxXml = 64ull << 20;  // 64 MiB of document.xml is no letter

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// Decodes one UTF-8 sequence at `i`; returns U+FFFD for a bad byte.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + len > s.size()) { len = 1; return 0xFFFD; }
  if (len == 1) return b < 0x80 ? b : 0xFFFD;
  char32_t c = b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

Result<std::string> pdf_text(const std::string& bytes, const std::string& name) {
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d || d->is_locked())
    return make_error(Code::BadInput, name + ": not a readable PDF (damaged or password-protected)");
  std::string out;
  for (int i = 0; i < d->pages(); ++i) {
    std::unique_ptr<poppler::page> p(d->create_page(i));
    if (!p) continue;
    const auto t = p->text().to_utf8();
    out.append(t.begin(), t.end());
    out += '\n';
  }
  return remove_spaces_between_han(out);
}

void collect(xmlNode* n, std::string& out) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string tag = reinterpret_cast<const char*>(n->name);
    if (tag == "t") {
      xmlChar* c = xmlNodeGetContent(n);
      if (c) out += reinterpret_cast<const char*>(c);
      xmlFree(c);
      continue;
    }
    if (tag == "tab") out += '\t';
    if (tag == "br") out += '\n';
    collect(n->children, out);
    if (tag == "p") out += '\n';
  }
}

Result<std::string> docx_text(const std::string& bytes, const std::string& name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return make_error(Code::Internal, "libzip: " + std::string(zip_error_strerror(&err)));
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!z) {
    zip_source_free(src);
    return make_error(Code::BadInput, name + ": not a readable DOCX (ZIP): " + zip_error_strerror(&err));
  }
  std::unique_ptr<zip_t, int (*)(zip_t*)> guard(z, zip_close);
  zip_stat_t st;
  if (zip_stat(z, "word/document.xml", 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return make_error(Code::BadInput, name + ": a DOCX must contain word/document.xml");
  if (st.size > kMaxXml) return make_error(Code::BadInput, name + ": word/document.xml is implausibly large");
  zip_file_t* f = zip_fopen(z, "word/document.xml", 0);
  if (!f) return make_error(Code::BadInput, name + ": cannot read word/document.xml");
  std::string xml(static_cast<std::size_t>(st.size), '\0');
  const zip_int64_t got = zip_fread(f, xml.data(), st.size);
  zip_fclose(f);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
    return make_error(Code::BadInput, name + ": word/document.xml is truncated or corrupt");
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return make_error(Code::BadInput, name + ": word/document.xml is not well-formed XML");
  std::string out;
  if (doc->intSubset || doc->extSubset) {
    xmlFreeDoc(doc);  // WordprocessingML has no DTD: one here is an attack, not a letter
    return make_error(Code::BadInput, name + ": word/document.xml declares a DTD");
  }
  collect(xmlDocGetRootElement(doc), out);
  xmlFreeDoc(doc);
  return remove_spaces_between_han(out);
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
    if (name.size() > 4 && (name.ends_with(".ofd") || name.ends_with(".OFD"))) return std::string();
    return docx_text(bytes, name);
  }
  return make_error(Code::BadInput, name + ": not a PDF, DOCX or OFD file");
}

}  // namespace gongwen::search
