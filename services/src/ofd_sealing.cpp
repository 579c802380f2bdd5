#include "ofd_sealing.hpp"

#include <cmath>

#include "gongwen/archive/electronic_seal.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"

namespace gongwen::services {

std::string seal_ofd(archive::Workspace& ws, const Document& doc, const RenderOptions& options,
                     std::string ofd, const LayoutDecisions& decided, const Instant& now) {
  if (doc.seal != SealMode::Sealed || decided.seals.empty()) return ofd;
  archive::ElectronicSeals seals(ws.keys_dir(), ws.profile().office_name, now);
  constexpr double kPtPerMm = 72.0 / 25.4;
  Sm2KeyFileSigner signer(seals.signer());
  // One electronic seal per seal the layout placed (联合行文: one per organ, in organ order),
  // each where the PDF draws it, added in turn so the earlier signatures stay valid.
  for (const LayoutDecisions::Seal& placed : decided.seals) {
    const double d = placed.diameter / kPtPerMm;
    const int d_mm = static_cast<int>(std::lround(d));
    const std::string picture = seal_picture_png(doc, options, placed.organ);
    OfdStamp stamp;
    stamp.page = placed.page;
    stamp.width = stamp.height = d;
    stamp.x = placed.cx / kPtPerMm - d / 2;
    stamp.y = placed.cy / kPtPerMm - d / 2;
    ofd = sign_ofd(ofd, seals.seal_for(seal_name_of(doc, placed.organ), picture, d_mm), signer, stamp, now).take();
  }
  return ofd;
}

}  // namespace gongwen::services
