#pragma once
// Inside a LaidOutDocument (render.hpp): the layout's pages and decisions, the Document and
// options they came from.
#include "gongwen/pipeline/render.hpp"
#include "layout/page.hpp"

namespace gongwen {

struct LaidOutDocument::Impl {
  const Document* doc = nullptr;
  RenderOptions options;
  layout::LaidOut laid;
};

}  // namespace gongwen
