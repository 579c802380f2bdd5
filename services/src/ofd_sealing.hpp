#pragma once
// The issued OFD's electronic seal: one SES signature per issuing organ (a joint issue signs
// in turn, so each earlier signature stays valid), shown where the PDF shows the seal.
#include <string>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/render.hpp"

namespace gongwen::services {

// `ofd` unchanged for an unsealed document (or one the layout gave no seal place).
std::string seal_ofd(archive::Workspace& ws, const Document& doc, const RenderOptions& options,
                     std::string ofd, const LayoutDecisions& decided, const Instant& now);

}  // namespace gongwen::services
