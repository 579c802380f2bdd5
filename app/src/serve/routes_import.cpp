// 拟稿 from a .docx (一键排版, pipeline/import.hpp): the upload is size-limited and checked by
// content; nothing is stored — the cleaned title, 主送, date and body come back to fill the
// form, where the drafter checks them against the live preview.
#include "gongwen/pipeline/import.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

void add_import_routes(httplib::Server& srv, State& st) {
  srv.Post("/api/import", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    guarded(res, [&] {
      if (!c->user->has(Role::Drafter)) fail(Code::Forbidden, "只有拟稿人可以导入文稿");
      if (!req.is_multipart_form_data() || !req.has_file("file")) fail(Code::BadInput, "请选择 .docx 文件");
      const auto& f = req.get_file_value("file");
      if (f.content.size() > kMaxUploadBytes) fail(Code::BadInput, "文件超过 20 MB");
      if (f.content.rfind(std::string("PK\x03\x04", 4), 0) != 0)
        fail(Code::BadInput, "这不是 .docx 文件（按内容判断）", {"在 Word 中另存为 .docx 后再导入"});
      const auto body = import_docx(f.content, "上传的文件").take();
      std::string text;
      for (const auto& b : body.body) text += b.text + "\n";
      reply_json(res, 200, {{"ok", true}, {"title", body.title}, {"to", body.main_recipients},
                            {"date", body.date.valid() ? body.date.iso() : ""}, {"body", text},
                            {"warnings", body.warnings}, {"tables", body.tables.size()},
                            {"images", body.images.size()}});
    });
  });
}

}  // namespace gongwen::app::serve
