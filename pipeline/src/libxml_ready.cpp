#include "gongwen/pipeline/libxml_ready.hpp"

#include <libxml/parser.h>

namespace gongwen {

void libxml_ready() {
  // A function-local static is initialised once, other threads waiting for it (C++11).
  static const bool ready = [] {
    xmlInitParser();
    return true;
  }();
  (void)ready;
}

}  // namespace gongwen
