#include "docx/xml_writer.hpp"

#include <libxml/xmlwriter.h>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::docx {

namespace {
const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
}  // namespace

XmlWriter::XmlWriter() {
  m_buf = xmlBufferCreate();
  if (m_buf == nullptr) fail(Code::Io, "libxml2: cannot allocate an XML buffer");
  m_w = xmlNewTextWriterMemory(m_buf, 0);
  if (m_w == nullptr) {
    xmlBufferFree(m_buf);
    fail(Code::Io, "libxml2: cannot create an XML writer");
  }
  check(xmlTextWriterStartDocument(m_w, "1.0", "UTF-8", "yes"), "start document");
}

XmlWriter::~XmlWriter() {
  if (m_w != nullptr) xmlFreeTextWriter(m_w);
  if (m_buf != nullptr) xmlBufferFree(m_buf);
}

void XmlWriter::check(int rc, const char* what) {
  if (rc < 0) fail(Code::Io, std::string("libxml2 failed to write the DOCX: ") + what);
}

void XmlWriter::start(const char* name) {
  check(xmlTextWriterStartElement(m_w, X(name)), name);
}

void XmlWriter::attr(const char* name, std::string_view value) {
  const std::string safe = xml_safe(value);
  check(xmlTextWriterWriteAttribute(m_w, X(name), X(safe.c_str())), name);
}

void XmlWriter::attr(const char* name, std::int64_t value) {
  attr(name, std::to_string(value));
}

void XmlWriter::text(std::string_view utf8) {
  const std::string safe = xml_safe(utf8);
  check(xmlTextWriterWriteString(m_w, X(safe.c_str())), "text");
}

void XmlWriter::end() { check(xmlTextWriterEndElement(m_w), "end element"); }

void XmlWriter::empty(const char* name, std::initializer_list<Attr> attrs) {
  start(name);
  for (const auto& [k, v] : attrs) attr(k, v);
  end();
}

void XmlWriter::val(const char* name, std::string_view value) {
  start(name);
  attr("w:val", value);
  end();
}

void XmlWriter::val(const char* name, std::int64_t value) { val(name, std::to_string(value)); }

std::string XmlWriter::finish() {
  check(xmlTextWriterEndDocument(m_w), "end document");
  check(xmlTextWriterFlush(m_w), "flush");
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(m_buf)),
                  static_cast<std::size_t>(xmlBufferLength(m_buf)));
  return out;
}

std::string xml_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  static const char kReplacement[] = "\xEF\xBF\xBD";
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      // XML 1.0 forbids C0 controls except tab, LF and CR; CR is dropped too because the
      // model's line structure is carried by paragraphs, not by characters.
      if (c >= 0x20 || c == '\t' || c == '\n') out += static_cast<char>(c);
      ++i;
      continue;
    }
    int len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      else cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and the two XML non-characters.
    if (ok) {
      const std::uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
          cp == 0xFFFF)
        ok = false;
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += kReplacement;
      ++i;
    }
  }
  return out;
}

}  // namespace gongwen::docx
