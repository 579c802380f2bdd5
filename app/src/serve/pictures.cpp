#include "serve/pictures.hpp"

#include <regex>

#include "gongwen/archive/registry.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/picture.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

// The only names a web draft's picture line may carry: those store_picture gives.
const std::regex& stored_name() {
  static const std::regex re(R"(^img-[0-9a-f]{24}\.(png|jpg)$)");
  return re;
}

[[noreturn]] void refuse(const std::string& field, const std::string& where, const std::string& message,
                         std::vector<std::string> hints) {
  Error e = make_error(Code::BadInput, where + "：" + message, std::move(hints));
  e.field = field;
  throw Failure(e);
}

// Refuses `file` unless it names a stored picture of `dir` (a regular file, not a symlink).
void check_reference(const std::string& file, const fs::path& dir, const std::string& field,
                     const std::string& where) {
  const bool elsewhere = file.empty() || file == ".." || file[0] == '.' || file.find('/') != std::string::npos ||
                         file.find('\\') != std::string::npos || file.find(':') != std::string::npos;
  if (elsewhere)
    refuse(field, where,
           "图片“" + file + "”不能这样引用：网页拟稿只能引用上传到服务器的图片，不能指向其他位置",
           {"用“插入图片”上传图片或从 Word 导入，正文中保留服务器给出的图片行，如 ![说明](img-….png)"});
  std::error_code ec;
  const bool stored = std::regex_match(file, stored_name()) &&
                      fs::symlink_status(dir / file, ec).type() == fs::file_type::regular;
  if (!stored)
    refuse(field, where, "服务器上没有图片“" + file + "”（网页拟稿只能引用您上传到服务器的图片）",
           {"用“插入图片”上传这张图片（或重新从 Word 导入），再用服务器给出的图片行替换这一行；不要这张图片就删去这一行"});
}

// The picture lines of one text of the form: each names a stored picture.
void check_text(const std::string& text, const fs::path& dir, const std::string& field, const std::string& name) {
  // Lines as the pipeline reads them; a line that starts with ![ but is no picture line is
  // the pipeline's to report.
  std::size_t pos = 0;
  int line = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string l = trim_line(std::string_view(text).substr(pos, nl - pos));
    pos = nl + 1;
    ++line;
    if (const auto file = picture_line_file(l))
      check_reference(*file, dir, field, name + "第 " + std::to_string(line) + " 行");
  }
}

void check_blocks(const std::vector<Block>& blocks, const fs::path& dir, const std::string& where) {
  for (const Block& b : blocks)
    if (b.kind == BlockKind::Image) check_reference(b.image.file, dir, "body", where);
}

}  // namespace

fs::path picture_dir(const fs::path& workspace, const std::string& user, bool create) {
  if (user.empty() || user.find('/') != std::string::npos || user[0] == '.')
    fail(Code::Internal, msg("web.pictures.user"));
  const fs::path dir = workspace / "drafts" / "web" / user;
  std::error_code ec;
  if (create) {
    fs::create_directories(dir, ec);
    if (ec) fail(Code::Io, msg("web.pictures.mkdir", {{"user", user}}), {msg("web.pictures.mkdir.hint")});
  }
  if (!fs::exists(dir, ec)) return dir;  // nothing stored yet: every picture line is missing
  // Each folder on the way must be the real one: a symlink could lead out of the workspace.
  const fs::path real = fs::canonical(dir, ec);
  const fs::path root = fs::canonical(workspace, ec);
  if (ec || real != root / "drafts" / "web" / user)
    fail(Code::Io, msg("web.pictures.not_dir", {{"user", user}}), {msg("web.pictures.not_dir.hint")});
  return dir;
}

std::string store_picture(const fs::path& dir, std::string_view bytes, const std::string& what) {
  if (bytes.size() > kMaxUploadBytes)
    fail(Code::BadInput, what + "超过 20 MB", {"把图片另存得小一些（版心宽的图片约 1800 像素即可）"});
  // The whole picture is checked, not only its first bytes: header, pixel count, then its data.
  const PictureCheck check = check_picture(bytes);
  switch (check.verdict) {
    case PictureVerdict::NotAPicture:
      fail(Code::BadInput, what + "不是 PNG 或 JPEG 图片（按内容判断）", {"在看图或画图软件中另存为 .png 或 .jpg 后再上传"});
    case PictureVerdict::TooManyPixels:
      fail(Code::BadInput,
           msg("trust.picture.pixels", {{"what", what}, {"width", std::to_string(check.width)},
                                        {"height", std::to_string(check.height)},
                                        {"max", std::to_string(kMaxImagePixels / 1000000)}}),
           {msg("trust.picture.pixels.hint")});
    case PictureVerdict::Damaged:
      fail(Code::BadInput, msg("trust.picture.damaged", {{"what", what}}), {msg("trust.picture.damaged.hint")});
    case PictureVerdict::Fine:
      break;
  }
  const std::string ext = check.format == ImageFormat::Png ? "png" : "jpg";
  // Named by content: the same picture uploaded twice is one file, and a stored picture never
  // changes under a draft that names it.
  const std::string name = "img-" + archive::sha256_hex(bytes).substr(0, 24) + "." + ext;
  const fs::path file = dir / name;
  std::error_code ec;
  const auto type = fs::symlink_status(file, ec).type();
  if (type == fs::file_type::regular) {
    if (archive::read_file(file) == bytes) return name;
    fail(Code::Conflict, msg("web.pictures.same_name", {{"name", name}}), {msg("web.pictures.check.hint")});
  }
  if (type != fs::file_type::not_found)
    fail(Code::Io, msg("web.pictures.not_file", {{"name", name}}), {msg("web.pictures.check.hint")});
  archive::write_file_atomic(file, bytes);
  return name;
}

std::string store_attachment(const fs::path& dir, std::string_view text) {
  const std::string name = "att-" + archive::sha256_hex(text).substr(0, 24) + ".txt";
  const fs::path file = dir / name;
  std::error_code ec;
  const auto type = fs::symlink_status(file, ec).type();
  if (type == fs::file_type::regular && archive::read_file(file) == text) return name;
  if (type != fs::file_type::not_found)
    fail(Code::Io, msg("web.pictures.not_file", {{"name", name}}), {msg("web.pictures.check.hint")});
  archive::write_file_atomic(file, text);
  return name;
}

void check_form_pictures(const nlohmann::json& form, const fs::path& dir) {
  if (form.contains("body") && form["body"].is_string()) check_text(form["body"].get<std::string>(), dir, "body", "正文");
  if (form.contains("fields") && form["fields"].is_object())
    for (const auto& [k, v] : form["fields"].items())
      if (v.is_string()) check_text(v.get<std::string>(), dir, "fields." + k, "字段 " + k + " ");
}

void check_draft_pictures(const Draft& draft, const fs::path& dir) {
  check_blocks(draft.doc.body, dir, "正文");
  for (const Attachment& a : draft.doc.attachments) check_blocks(a.body, dir, "附件“" + a.title + "”");
}

}  // namespace gongwen::app::serve
