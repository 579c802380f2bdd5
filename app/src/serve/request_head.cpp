#include "serve/request_head.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace gongwen::app::serve {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::size_t end_of_head(std::string_view bytes) {
  const auto crlf = bytes.find("\r\n\r\n");
  const auto lf = bytes.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf < lf)) return crlf + 4;
  return lf + 2;
}

std::string head_framing_problem(std::string_view head) {
  std::optional<std::string> length;
  bool chunked = false;
  std::size_t at = head.find('\n');  // the request line is httplib's to read
  while (at != std::string_view::npos && at + 1 < head.size()) {
    const auto next = head.find('\n', at + 1);
    const auto line = head.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
    at = next;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string name = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-length") {
      if (value.empty() || !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
        return "Content-Length is not a number";
      if (length && *length != value) return "two different Content-Length fields";
      length = std::string(value);
    } else if (name == "transfer-encoding") {
      chunked = true;
    }
  }
  if (length && chunked) return "Content-Length together with Transfer-Encoding";
  return {};
}

}  // namespace gongwen::app::serve
