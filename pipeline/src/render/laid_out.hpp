#pragma once
// Inside a LaidOutDocument (render.hpp): the layout's pages and decisions, the Document and
// options they came from.
#include <optional>

#include "gongwen/pipeline/render.hpp"
#include "layout/page.hpp"

namespace gongwen {

struct LaidOutDocument::Impl {
  const Document* doc = nullptr;  // the caller's, or `typeset` when that is set
  // The caller's document with the stray spaces dropped (layout::drop_stray_spaces), when it
  // had any: both writers set the same text.
  std::optional<Document> typeset;
  RenderOptions options;
  layout::LaidOut laid;
};

}  // namespace gongwen
