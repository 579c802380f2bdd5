// Issued documents: list, detail, downloads (PDF, DOCX, OFD), fixity check, and the seal register.
// A secret document the caller may not see answers 404 everywhere, downloads included.
#include <fstream>
#include <sstream>

#include "gongwen/archive/workspace.hpp"
#include "day_json.hpp"
#include "gongwen/services/documents.hpp"
#include "serve/state.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> distribution_of(archive::Registry& reg, const archive::IssuedRecord& r) {
  std::vector<std::string> out;
  if (auto d = reg.draft(r.draft_id)) out.push_back(d->drafter);
  if (auto s = reg.signoff(r.draft_id)) out.push_back(s->signer);
  return out;
}

nlohmann::json issued_json(const archive::IssuedRecord& r) {
  return {{"id", r.id},         {"number", r.number}, {"title", r.title},     {"kind", r.kind},
          {"issuer", r.issuer}, {"recipients", r.recipients}, {"secrecy", to_chinese(r.secrecy)},
          {"date", day_json(r.date)},     {"pages", r.pages},   {"issued_at", r.issued_at},
          {"draft_id", r.draft_id}, {"pdf_sha256", r.pdf_sha256},
          {"ofd", !r.ofd_sha256.empty()}, {"ofd_sha256", r.ofd_sha256}};
}

archive::IssuedRecord visible_issued(State& st, const Caller& c, std::int64_t id) {
  for (const auto& r : st.ws.registry().issued())
    if (r.id == id && may_see(*c.user, r.secrecy, distribution_of(st.ws.registry(), r))) return r;
  fail(Code::NotFound, msg("web.document.none"));
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) fail(Code::NotFound, msg("web.document.missing"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// RFC 5987 filename*, so 白政发〔2026〕7号.pdf keeps its Chinese name in every browser.
std::string disposition(const std::string& name) {
  std::string enc;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : name) {
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') enc += static_cast<char>(ch);
    else {
      enc += '%';
      enc += hex[ch >> 4];
      enc += hex[ch & 15];
    }
  }
  return "attachment; filename=\"document\"; filename*=UTF-8''" + enc;
}

}  // namespace

void add_document_routes(httplib::Server& srv, State& st) {
  srv.Get("/api/documents", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      const std::string number = req.get_param_value("number");  // one 文号, from a search hit
      std::lock_guard lock(st.ws_mutex);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& r : st.ws.registry().issued())
        if ((number.empty() || r.number == number) && may_see(*c->user, r.secrecy, distribution_of(st.ws.registry(), r)))
          list.push_back(issued_json(r));
      reply_json(res, 200, {{"ok", true}, {"documents", list}});
    });
  });

  srv.Get(R"(/api/documents/(\d{1,12}))", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      const auto r = visible_issued(st, *c, std::stoll(req.matches[1].str()));
      reply_json(res, 200, {{"ok", true}, {"document", issued_json(r)}});
    });
  });

  srv.Get(R"(/api/documents/(\d{1,12})/(pdf|docx|ofd))", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::string bytes, name;
      const std::string ext = req.matches[2].str();
      const services::IssuedFile which = ext == "pdf"    ? services::IssuedFile::Pdf
                                         : ext == "docx" ? services::IssuedFile::Docx
                                                         : services::IssuedFile::Ofd;
      {
        std::lock_guard lock(st.ws_mutex);
        const auto r = visible_issued(st, *c, std::stoll(req.matches[1].str()));
        // An OFD is offered only when the register holds it (issued from schema 5 on).
        if (which == services::IssuedFile::Ofd && r.ofd_sha256.empty()) fail(Code::NotFound, msg("web.ofd.none"));
        // The path is derived from the layout and the 文号, never read from the register.
        bytes = slurp(services::issued_file_path(st.ws, r.number, which));
        name = r.number + "." + ext;
      }
      res.set_header("Content-Disposition", disposition(name));
      res.set_content(bytes, ext == "pdf"    ? "application/pdf"
                             : ext == "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                             : "application/ofd");
    });
  });

  // A secret document's numbered copy (份号), PDF or OFD, for whoever may see the document (the
  // same check as its PDF); the 份号 must be registered, the path is derived, not read.
  srv.Get(R"(/api/documents/(\d{1,12})/copies/(\d{6})/(pdf|ofd))", [&st](const httplib::Request& req,
                                                                          httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::string bytes, name;
      const std::string no = req.matches[2].str(), ext = req.matches[3].str();
      {
        std::lock_guard lock(st.ws_mutex);
        const auto r = visible_issued(st, *c, std::stoll(req.matches[1].str()));
        bool registered = false;
        for (const auto& copy : st.ws.registry().copies(r.number))
          registered = registered || (copy.copy_number == no && (ext == "pdf" || !copy.ofd_sha256.empty()));
        if (!registered) fail(Code::NotFound, msg("web.copy.none", {{"copy", no}}));
        bytes = slurp(services::copy_file_path(st.ws, r.number, no,
                                               ext == "pdf" ? services::IssuedFile::Pdf : services::IssuedFile::Ofd));
        name = r.number + "-份号-" + no + "." + ext;
      }
      res.set_header("Content-Disposition", disposition(name));
      res.set_content(bytes, ext == "pdf" ? "application/pdf" : "application/ofd");
    });
  });

  // 验证: the files on disk still have the SHA-256 registered at issue.
  srv.Get(R"(/api/documents/(\d{1,12})/verify)", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      const auto r = visible_issued(st, *c, std::stoll(req.matches[1].str()));
      auto check_file = [&](const fs::path& p, const std::string& sha) {
        std::error_code ec;
        const std::string rel = st.ws.relative(p);
        if (!fs::exists(p, ec)) return nlohmann::json{{"file", fs::path(rel).filename().string()}, {"ok", false}, {"why", "文件缺失"}};
        const bool ok = archive::sha256_hex(slurp(p)) == sha;
        return nlohmann::json{{"file", fs::path(rel).filename().string()}, {"ok", ok}, {"why", ok ? "与登记的 SHA-256 一致" : "文件已被改动"}};
      };
      auto check = [&](services::IssuedFile which, const std::string& sha) {
        return check_file(services::issued_file_path(st.ws, r.number, which), sha);
      };
      const auto pdf = check(services::IssuedFile::Pdf, r.pdf_sha256);
      const auto docx = check(services::IssuedFile::Docx, r.docx_sha256);
      nlohmann::json files = {pdf, docx};
      if (!r.ofd_sha256.empty()) files.push_back(check(services::IssuedFile::Ofd, r.ofd_sha256));
      // A secret document's numbered copies, each PDF and (from schema 6 on) its OFD.
      for (const auto& copy : st.ws.registry().copies(r.number)) {
        files.push_back(check_file(services::copy_file_path(st.ws, r.number, copy.copy_number, services::IssuedFile::Pdf),
                                   copy.sha256));
        if (!copy.ofd_sha256.empty())
          files.push_back(check_file(
              services::copy_file_path(st.ws, r.number, copy.copy_number, services::IssuedFile::Ofd), copy.ofd_sha256));
      }
      bool ok = true;
      for (const auto& f : files) ok = ok && f["ok"].get<bool>();
      reply_json(res, 200, {{"ok", ok}, {"files", files}});
    });
  });

  srv.Get("/api/seal", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    guarded(res, [&] {
      std::lock_guard lock(st.ws_mutex);
      auto& reg = st.ws.registry();
      nlohmann::json list = nlohmann::json::array();
      for (const auto& s : reg.seal_uses()) {
        auto r = reg.issued_by_number(s.number);
        if (r && !may_see(*c->user, r->secrecy, distribution_of(reg, *r))) continue;
        list.push_back({{"number", s.number}, {"seal", s.seal_text}, {"approver", s.approver},
                        {"keeper", s.keeper}, {"copies", s.copies}, {"at", s.at},
                        {"title", r ? r->title : ""}, {"document", r ? r->id : 0}});
      }
      reply_json(res, 200, {{"ok", true}, {"uses", list}});
    });
  });
}

}  // namespace gongwen::app::serve
