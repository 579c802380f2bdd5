// 拟稿 from a .docx (一键排版, pipeline/import.hpp) and pictures for the body. Uploads are
// size-limited and checked by content. An import stores the document's pictures in the
// caller's picture folder (serve/pictures.hpp) and returns the cleaned title, 主送, date and
// body — tables as pipe rows and pictures as ![](img-….png) lines where they stood — to fill
// the form, where the drafter checks them against the live preview.
#include "gongwen/pipeline/import.hpp"
#include "gongwen/pipeline/utf8.hpp"
#include "serve/pictures.hpp"
#include "serve/state.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

// The uploaded file of a multipart request, within the upload limit.
httplib::MultipartFormData uploaded(const httplib::Request& req, const std::string& missing) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) fail(Code::BadInput, missing);
  auto f = req.get_file_value("file");
  if (f.content.size() > kMaxUploadBytes) fail(Code::BadInput, msg("web.upload.too_big"));
  return f;
}

// An attachment's text may hold at most this (the draft reader's limit for an attachment file).
constexpr std::size_t kMaxAttachmentBytes = 4u << 20;

// The file name the browser sent, without its folder and extension: the attachment's title
// until the drafter writes another.
std::string title_from_name(std::string name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  return utf8::valid(name) ? name : "";
}

}  // namespace

void add_import_routes(httplib::Server& srv, State& st) {
  srv.Post("/api/import", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      if (!c->user->has(Role::Drafter)) fail(Code::Forbidden, msg("web.import.drafters_only"));
      const auto f = uploaded(req, "请选择 .docx 文件");
      if (f.content.rfind(std::string("PK\x03\x04", 4), 0) != 0)
        fail(Code::BadInput, msg("web.import.not_docx"), {msg("web.import.not_docx.hint")});
      const auto body = import_docx(f.content, "上传的文件").take();
      // The document is read in full before anything is stored: a refused .docx leaves nothing.
      std::vector<std::string> files;
      if (!body.images.empty()) {
        const auto dir = picture_dir(st.ws.root(), c->user->id, true);
        for (const ImportedImage& img : body.images)
          files.push_back(store_picture(dir, img.bytes, "文档中的图片 " + img.name + " "));
      }
      reply_json(res, 200, {{"ok", true}, {"title", body.title}, {"to", body.main_recipients},
                            {"date", body.date.valid() ? body.date.iso() : ""}, {"body", draft_body(body, files)},
                            {"warnings", body.warnings}, {"tables", body.tables.size()},
                            {"images", body.images.size()}, {"pictures", files}});
    });
  });

  // One 附件 for the draft: a UTF-8 text file (its lines as the 附件's paragraphs, tables and
  // picture lines as in the 正文) or a .docx read by 一键排版 (its pictures stored like the
  // import's). Stored under a name the server gives it; the form names it in `attachments`.
  srv.Post("/api/attachments", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      if (!c->user->has(Role::Drafter)) fail(Code::Forbidden, msg("web.attachment.drafters_only"));
      if (!req.is_multipart_form_data() || !req.has_file("file"))
        fail(Code::BadInput, msg("web.attachment.none"), {msg("web.attachment.type.hint")});
      const auto f = req.get_file_value("file");
      if (f.content.empty()) fail(Code::BadInput, msg("web.attachment.empty"), {msg("web.attachment.type.hint")});
      if (f.content.size() > kMaxUploadBytes ||
          (f.content.rfind(std::string("PK\x03\x04", 4), 0) != 0 && f.content.size() > kMaxAttachmentBytes)) {
        Error e = make_error(Code::BadInput, msg("web.attachment.too_big", {{"max", "4"}}), {msg("web.attachment.too_big.hint")});
        e.field = "attachments";
        reply_json(res, 413, {{"ok", false}, {"error", {{"code", "bad-input"}, {"message", e.message}, {"hints", e.hints}, {"field", e.field}}}});
        return;
      }
      std::string text, title = title_from_name(f.filename);
      std::vector<std::string> pictures;
      const fs::path dir = picture_dir(st.ws.root(), c->user->id, true);
      if (f.content.rfind(std::string("PK\x03\x04", 4), 0) == 0) {
        const auto body = import_docx(f.content, msg("web.attachment.what")).take();
        for (const ImportedImage& img : body.images)
          pictures.push_back(store_picture(dir, img.bytes, msg("web.attachment.picture", {{"name", img.name}})));
        text = draft_body(body, pictures);
        if (!body.title.empty()) title = body.title;
      } else {
        std::string_view t = f.content;
        if (t.rfind("\xEF\xBB\xBF", 0) == 0) t.remove_prefix(3);  // a BOM from Notepad
        if (!utf8::valid(t) || t.find('\0') != std::string_view::npos)
          fail(Code::BadInput, msg("web.attachment.type"), {msg("web.attachment.type.hint")});
        text = std::string(t);
      }
      if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        fail(Code::BadInput, msg("web.attachment.empty"), {msg("web.attachment.type.hint")});
      if (text.size() > kMaxAttachmentBytes)
        fail(Code::BadInput, msg("web.attachment.too_big", {{"max", "4"}}), {msg("web.attachment.too_big.hint")});
      const std::string name = store_attachment(dir, text);
      const auto chars = utf8::decode(text).size();
      reply_json(res, 201, {{"ok", true}, {"file", name}, {"title", title}, {"chars", chars}, {"pictures", pictures}});
    });
  });

  // One picture for the body: stored under the name the server gives it, which the reply's
  // line carries for the drafter to put where the picture goes.
  srv.Post("/api/pictures", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      if (!c->user->has(Role::Drafter)) fail(Code::Forbidden, msg("web.picture.drafters_only"));
      const auto f = uploaded(req, "请选择 PNG 或 JPEG 图片");
      const std::string name =
          store_picture(picture_dir(st.ws.root(), c->user->id, true), f.content, "上传的文件");
      reply_json(res, 201, {{"ok", true}, {"file", name}, {"line", "![](" + name + ")"}});
    });
  });
}

}  // namespace gongwen::app::serve
