// The one XML parse of outside DOCX parts (docx_xml.hpp).
#include "import/docx_xml.hpp"

#include <cstdint>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/libxml_ready.hpp"

namespace gongwen::import {

DocPtr parse(const std::string& xml, const std::string& what, const std::string& source) {
  // A Word part never carries a DTD; one here is an attack (XXE, billion laughs).
  if (xml.find("<!DOCTYPE") != std::string::npos || xml.find("<!ENTITY") != std::string::npos)
    fail(Code::BadInput, msg("import.xml.entities", {{"file", source}, {"part", what}}), {msg("import.xml.not_word.hint")});
  if (xml.size() > static_cast<std::size_t>(INT32_MAX))
    fail(Code::BadInput, msg("import.xml.too_large", {{"file", source}, {"part", what}}), {msg("import.docx.split.short_hint")});
  libxml_ready();
  DocPtr d(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), what.c_str(), nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!d || xmlDocGetRootElement(d.get()) == nullptr)
    fail(Code::BadInput, msg("import.xml.malformed", {{"file", source}, {"part", what}}), {msg("import.docx.resave.hint")});
  if (d->intSubset != nullptr || d->extSubset != nullptr)
    fail(Code::BadInput, msg("import.xml.dtd", {{"file", source}, {"part", what}}), {msg("import.xml.not_word.hint")});
  return d;
}

}  // namespace gongwen::import
