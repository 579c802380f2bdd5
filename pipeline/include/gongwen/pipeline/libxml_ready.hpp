#pragma once
// libxml2 builds its global tables (character encodings, the parser's defaults) lazily and
// without a lock unless xmlInitParser() ran first, in one thread. Filing writes each 件's
// metadata on several threads and the web desk serves on many: two first uses at once crashed
// in xmlTextWriterStartDocument (found by the sanitizer pass, issue 13). Every place that
// creates a libxml2 reader or writer calls this first; it runs xmlInitParser() exactly once.
namespace gongwen {
void libxml_ready();
}  // namespace gongwen
