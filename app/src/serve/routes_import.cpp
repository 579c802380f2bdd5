// 拟稿 from a .docx (一键排版, pipeline/import.hpp) and pictures for the body. Uploads are
// size-limited and checked by content. An import stores the document's pictures in the
// caller's picture folder (serve/pictures.hpp) and returns the cleaned title, 主送, date and
// body — tables as pipe rows and pictures as ![](img-….png) lines where they stood — to fill
// the form, where the drafter checks them against the live preview.
#include "gongwen/pipeline/import.hpp"
#include "serve/pictures.hpp"
#include "serve/state.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace {

// The uploaded file of a multipart request, within the upload limit.
httplib::MultipartFormData uploaded(const httplib::Request& req, const std::string& missing) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) fail(Code::BadInput, missing);
  auto f = req.get_file_value("file");
  if (f.content.size() > kMaxUploadBytes) fail(Code::BadInput, msg("web.upload.too_big"));
  return f;
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
