#pragma once
// The parts of a DOCX as libxml2 trees, parsed the one way every reader of outside DOCX
// files uses (import_docx, docx_text): no network, no DTD, no entities.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <string>

namespace gongwen::import {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// Throws gongwen::Failure (Code::BadInput) naming `source` and the part `what` when the XML
// is not well-formed or declares a DTD or entities (XXE, billion laughs).
DocPtr parse(const std::string& xml, const std::string& what, const std::string& source);

}  // namespace gongwen::import
