#include "gongwen/pipeline/utf8.hpp"
#include "docx/xml_writer.hpp"

#include <libxml/xmlwriter.h>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/libxml_ready.hpp"

namespace gongwen::docx {

namespace {
const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
}  // namespace

XmlWriter::XmlWriter() {
  m_buf = xmlBufferCreate();
  if (m_buf == nullptr) fail(Code::Io, msg("write.xml.buffer"));
  libxml_ready();
  m_w = xmlNewTextWriterMemory(m_buf, 0);
  if (m_w == nullptr) {
    xmlBufferFree(m_buf);
    fail(Code::Io, msg("write.xml.writer"));
  }
  check(xmlTextWriterStartDocument(m_w, "1.0", "UTF-8", "yes"), "start document");
}

XmlWriter::~XmlWriter() {
  if (m_w != nullptr) xmlFreeTextWriter(m_w);
  if (m_buf != nullptr) xmlBufferFree(m_buf);
}

void XmlWriter::check(int rc, const char* what) {
  if (rc < 0) fail(Code::Io, msg("write.xml.failed", {{"what", what}}));
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
    // Overlong forms, surrogates and the two XML non-characters become U+FFFD.
    const std::size_t at = i;
    const char32_t cp = utf8::next_or_invalid(s, i);
    if (cp != utf8::kInvalid && cp != 0xFFFE && cp != 0xFFFF) {
      out.append(s.substr(at, i - at));
    } else {
      out += kReplacement;
      i = at + 1;
    }
  }
  return out;
}

}  // namespace gongwen::docx
