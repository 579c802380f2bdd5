// docx_text: the plain text of a DOCX for the search index, read through the same zip reader
// and XML parse as import_docx, so both refuse the same bombs, names and DTDs.
#include <cstring>

#include "gongwen/pipeline/import.hpp"
#include "import/docx_xml.hpp"
#include "import/zip_reader.hpp"

namespace gongwen {
namespace {

// Text in reading order: w:t as is, w:tab as a tab, w:br as a line break, a line per w:p.
// By local name, as a reader does not care which prefix a producer chose.
void collect(const xmlNode* n, std::string& out) {
  for (; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const char* tag = reinterpret_cast<const char*>(n->name);
    if (std::strcmp(tag, "t") == 0) {
      xmlChar* c = xmlNodeGetContent(n);
      if (c != nullptr) out += reinterpret_cast<const char*>(c);
      xmlFree(c);
      continue;
    }
    if (std::strcmp(tag, "tab") == 0) out += '\t';
    if (std::strcmp(tag, "br") == 0) out += '\n';
    collect(n->children, out);
    if (std::strcmp(tag, "p") == 0) out += '\n';
  }
}

}  // namespace

Result<std::string> docx_text(std::string_view bytes, const std::string& source,
                              const ImportLimits& limits) {
  try {
    import::ZipReader zip(bytes, source, limits);
    std::optional<std::string> xml = zip.read("word/document.xml");
    if (!xml)
      return make_error(Code::BadInput, msg("import.docx.no_document", {{"file", source}}));
    import::DocPtr doc = import::parse(*xml, "word/document.xml", source);
    std::string out;
    collect(xmlDocGetRootElement(doc.get()), out);
    return out;
  } catch (const Failure& f) {
    return f.error();
  } catch (const std::bad_alloc&) {
    return make_error(Code::BadInput, msg("import.docx.too_large", {{"file", source}}));
  }
}

}  // namespace gongwen
