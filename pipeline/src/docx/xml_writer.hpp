#pragma once
// A thin RAII wrapper over libxml2's xmlTextWriter. Every part of the package is written
// through it so that text and attribute values are escaped by libxml2, never by hand.
// A failing libxml2 call throws gongwen::Failure (Code::Io); render_docx turns that into
// the Error of its Result.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

typedef struct _xmlBuffer xmlBuffer;
typedef struct _xmlTextWriter xmlTextWriter;

namespace gongwen::docx {

class XmlWriter {
 public:
  using Attr = std::pair<const char*, std::string>;

  XmlWriter();  // starts an XML 1.0 document, UTF-8, standalone="yes"
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  void start(const char* name);
  void attr(const char* name, std::string_view value);
  void attr(const char* name, std::int64_t value);
  // Character data; libxml2 escapes & < > and we drop what XML 1.0 cannot carry.
  void text(std::string_view utf8);
  void end();

  // <name a="…" …/> in one call; the common case in WordprocessingML.
  void empty(const char* name, std::initializer_list<Attr> attrs = {});
  // <name w:val="…"/>
  void val(const char* name, std::string_view value);
  void val(const char* name, std::int64_t value);

  // Closes every open element and returns the document's bytes.
  std::string finish();

 private:
  void check(int rc, const char* what);

  xmlBuffer* m_buf = nullptr;
  xmlTextWriter* m_w = nullptr;
};

// Keeps only what XML 1.0 allows in character data: valid UTF-8 without C0 controls other
// than tab and newline. Invalid bytes become U+FFFD so a damaged draft still renders.
std::string xml_safe(std::string_view utf8);

}  // namespace gongwen::docx
