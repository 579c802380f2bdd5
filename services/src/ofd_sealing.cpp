#include "ofd_sealing.hpp"

#include <cmath>

#include "gongwen/archive/electronic_seal.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"

namespace gongwen::services {

std::string seal_ofd(archive::Workspace& ws, const Document& doc, const RenderOptions& options,
                     std::string ofd, const LayoutDecisions& decided, const Instant& now) {
  if (doc.seal != SealMode::Sealed || decided.seal_page < 0) return ofd;
  archive::ElectronicSeals seals(ws.keys_dir(), ws.profile().office_name, now);
  const std::string picture = seal_picture_png(doc, options);
  constexpr double kPtPerMm = 72.0 / 25.4;
  const double d = decided.seal_diameter / kPtPerMm;
  const int d_mm = static_cast<int>(std::lround(d));
  Sm2KeyFileSigner signer(seals.signer());
  // The lead organ's seal where the PDF's seal is; a joint issue's other seals to its left,
  // one seal's width (and 2 mm) apart.
  std::vector<std::string> organs = doc.issuers;
  if (organs.empty()) organs.push_back(doc.seal_text.empty() ? doc.signature : doc.seal_text);
  for (std::size_t i = 0; i < organs.size(); ++i) {
    const std::string name = i == 0 && !doc.seal_text.empty() ? doc.seal_text : organs[i];
    OfdStamp stamp;
    stamp.page = decided.seal_page;
    stamp.width = stamp.height = d;
    stamp.x = decided.seal_cx / kPtPerMm - d / 2 - static_cast<double>(i) * (d + 2.0);
    stamp.y = decided.seal_cy / kPtPerMm - d / 2;
    ofd = sign_ofd(ofd, seals.seal_for(name, picture, d_mm), signer, stamp, now).take();
  }
  return ofd;
}

}  // namespace gongwen::services
