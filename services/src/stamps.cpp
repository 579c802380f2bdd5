// 签名章 (GB/T 9704 7.3.5.3): a leader's signature picture, registered once and pressed at
// issue on the 令 (required: 命令格式 10.3) and 议案 that leader signs off, like a seal — the
// seal keeper applies it, each use is a row of the 用印登记 and an audit entry. The picture is
// kept under keys/stamps/ by its hash, and checked against the registered hash at every use:
// a picture swapped on disk is refused, not pressed.
#include <optional>

#include "gongwen/archive/registry.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/picture.hpp"
#include "gongwen/services/display.hpp"
#include "gongwen/services/office.hpp"

namespace gongwen::services {

namespace fs = std::filesystem;

namespace {

// A signature picture is small: a name, 14 mm high when pressed.
constexpr std::size_t kMaxStampBytes = 2u << 20;
constexpr int kMaxStampSide = 4000;

}  // namespace

archive::StampRecord Office::register_stamp(const std::string& owner, std::string_view png, const std::string& file,
                                            const std::string& user) {
  const User& u = require_user(user, {Role::Admin, Role::SealKeeper}, "register a stamp", owner);
  const User* leader = m_ws.profile().user(owner);
  if (leader == nullptr || !leader->has(Role::Signer)) {
    m_ws.registry().audit(now_iso(), u.id, "refused", owner, "stamp: not a signer");
    fail(Code::BadInput, msg("stamp.owner.not_signer", {{"id", owner}}), {msg("stamp.owner.hint")});
  }
  const PictureCheck pic = check_picture(png);
  if (png.size() > kMaxStampBytes || pic.verdict != PictureVerdict::Fine || pic.format != ImageFormat::Png ||
      pic.width > kMaxStampSide || pic.height > kMaxStampSide)
    fail(Code::BadInput, msg("stamp.picture.bad", {{"file", file}}), {msg("stamp.picture.hint")});
  archive::StampRecord r;
  r.owner = owner;
  r.sha256 = archive::sha256_hex(png);
  const fs::path path = m_ws.keys_dir() / "stamps" / (owner + "-" + r.sha256.substr(0, 16) + ".png");
  r.path = m_ws.relative(path);
  r.pixel_width = pic.width;
  r.pixel_height = pic.height;
  r.registered_by = u.id;
  r.registered_at = now_iso();
  // The file first (named by its hash, never overwritten with other bytes), then its row.
  archive::write_file_atomic(path, png);
  m_ws.registry().transaction([&] {
    m_ws.registry().add_stamp(r);
    m_ws.registry().audit(now_iso(), u.id, "stamp-register", owner, owner + " sha256 " + r.sha256);
  });
  return r;
}

std::vector<archive::StampRecord> Office::stamps(const std::string& user) {
  require_user(user, {Role::Admin, Role::SealKeeper, Role::Signer}, "list the stamps", "stamps");
  return m_ws.registry().stamps();
}

std::optional<SealUseRecord> Office::press_stamp(const DraftRecord& d, Draft& draft, const User& u,
                                                 const SignoffRecord& signoff) {
  Document& doc = draft.doc;
  const std::string subject = "#" + std::to_string(d.id) + " " + d.title;  // as the audit names drafts
  const bool required = doc.format == Format::Order;
  const User* leader = m_ws.profile().user(signoff.signer);
  const std::optional<archive::StampRecord> stamp = m_ws.registry().current_stamp(signoff.signer);
  if (!stamp || leader == nullptr) {
    if (!required) return std::nullopt;  // a 议案 keeps the typed 职务 and name
    m_ws.registry().audit(now_iso(), u.id, "refused", subject, "stamp: none registered for " + signoff.signer);
    fail(Code::BadInput, msg("stamp.missing", {{"id", std::to_string(d.id)}, {"signer", person_name(m_ws.profile(), signoff.signer)}}),
         {msg("stamp.missing.hint", {{"owner", signoff.signer}})});
  }
  std::string png;
  try {
    png = archive::read_file(m_ws.root() / stamp->path);
  } catch (const Failure&) {
    png.clear();
  }
  if (archive::sha256_hex(png) != stamp->sha256) {
    m_ws.registry().audit(now_iso(), u.id, "refused", subject, "stamp: picture changed " + stamp->path);
    fail(Code::Conflict, msg("stamp.changed", {{"file", stamp->path}, {"signer", leader->name}}),
         {msg("stamp.changed.hint", {{"owner", signoff.signer}})});
  }
  // The 签发人 who signed it off signs it: 职务 beside the picture, 职务 and name in the text.
  doc.signature_stamp.file = fs::path(stamp->path).filename().string();
  doc.signature_stamp.alt = leader->name + "签名章";
  doc.signature_stamp.format = ImageFormat::Png;
  doc.signature_stamp.bytes = std::move(png);
  doc.signature_stamp.pixel_width = stamp->pixel_width;
  doc.signature_stamp.pixel_height = stamp->pixel_height;
  doc.stamp_post = leader->title;
  doc.signature = leader->title + "　" + leader->name;
  return SealUseRecord{0, "", leader->name + "签名章", signoff.signer, u.id, draft.copies, "", signoff.at};
}

}  // namespace gongwen::services
