// Security headers on every response, and the static pages from web/ with path checks.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>

#include "serve/state.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

void add_security_headers(httplib::Server& srv) {
  srv.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    // Only our own scripts, styles and images; no inline script, no framing, no plugins.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                   "object-src 'none'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                   "form-action 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    // A draft's preview PDF is shown inside its own page (doc.html's <iframe>): framed by our
    // pages only, and with no other policy, which would stop the browser's PDF viewer.
    static const std::regex framed(R"(^/api/drafts/\d{1,12}/preview\.pdf$)");
    if (res.status == 200 && std::regex_match(req.path, framed)) {
      res.headers.erase("Content-Security-Policy");
      res.headers.erase("X-Frame-Options");
      res.set_header("Content-Security-Policy", "frame-ancestors 'self'");
      res.set_header("X-Frame-Options", "SAMEORIGIN");
    }
    if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
  });
}

namespace {

const char* mime_of(const std::string& ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".png") return "image/png";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".ico") return "image/x-icon";
  return nullptr;  // anything else is not served
}

// The file under `root` that `url_path` names, or nothing when the path is unsafe: only
// plain names of [A-Za-z0-9._-] segments, no "..", no hidden files, no symlink escape.
std::optional<fs::path> resolve_static(const fs::path& root, std::string url_path) {
  if (url_path.empty() || url_path == "/") url_path = "/index.html";
  if (url_path.back() == '/') url_path += "index.html";
  fs::path rel;
  std::size_t pos = 1;
  while (pos <= url_path.size()) {
    auto end = url_path.find('/', pos);
    if (end == std::string::npos) end = url_path.size();
    const std::string seg = url_path.substr(pos, end - pos);
    if (seg.empty() || seg[0] == '.') return std::nullopt;
    for (char c : seg)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return std::nullopt;
    rel /= seg;
    pos = end + 1;
  }
  std::error_code ec;
  const fs::path full = fs::canonical(root / rel, ec);
  if (ec) return std::nullopt;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end() || !fs::is_regular_file(full)) return std::nullopt;
  return full;
}

}  // namespace

void add_static_routes(httplib::Server& srv, State& st) {
  srv.Get(R"(/(?!api/).*)", [&st](const httplib::Request& req, httplib::Response& res) {
    auto file = resolve_static(st.web_dir, req.path);
    const char* mime = file ? mime_of(file->extension().string()) : nullptr;
    if (!mime) {
      res.status = 404;
      res.set_content("<!doctype html><meta charset=utf-8><title>404</title><p>页面不存在。<a href=\"/\">返回首页</a>",
                      "text/html; charset=utf-8");
      return;
    }
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    res.set_content(ss.str(), mime);
  });
}

}  // namespace gongwen::app::serve
