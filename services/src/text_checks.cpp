#include "gongwen/services/text_checks.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::services {

namespace fs = std::filesystem;

namespace {

// Decodes one UTF-8 sequence at `i` (advancing it, `len` its bytes); an invalid byte comes
// back as itself, one byte long, so the caller can print it as \xNN.
char32_t next_code_point(std::string_view s, std::size_t& i, std::size_t& len) {
  const std::size_t start = i;
  const char32_t cp = utf8::next_or_invalid(s, i);
  len = i - start;
  return cp == utf8::kInvalid ? static_cast<unsigned char>(s[start]) : cp;
}

bool is_bidi(char32_t cp) {
  return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string first_bidi_control(std::string_view text) {
  for (std::size_t i = 0, len = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i, len);
    if (is_bidi(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
      return buf;
    }
  }
  return "";
}

void refuse_bidi_controls(const std::string& field, std::string_view text) {
  const std::string found = first_bidi_control(text);
  if (found.empty()) return;
  fail(Code::BadInput, field + "含有不可见的文字方向控制字符 " + found + "，会使显示的文字与实际内容不符",
       {"删除该字符后重新提交（从网页或其他文件复制的文字常带有这类字符）"});
}

void refuse_overlong_title(const std::string& field, std::string_view text) {
  const std::size_t chars = utf8::count_code_points(text);
  if (chars <= kMaxTitleChars) return;
  fail(Code::BadInput,
       field + "：" + msg("trust.title.too_long", {{"chars", std::to_string(chars)}, {"max", std::to_string(kMaxTitleChars)}}),
       {msg("trust.title.too_long.hint")});
}

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0, len = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i, len);
    char buf[16];
    if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if (cp < 0x20 || cp == 0x7F || (len == 1 && cp >= 0x80)) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi(cp)) {
      std::snprintf(buf, sizeof buf, "\\u{%04x}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(start, len));
    }
  }
  return out;
}

std::string read_outside_file(const fs::path& file, std::uintmax_t limit) {
  std::error_code ec;
  const auto st = fs::status(file, ec);
  if (ec || !fs::exists(st)) fail(Code::NotFound, msg("receiving.file.none", {{"file", file.string()}}));
  if (!fs::is_regular_file(st))
    fail(Code::BadInput, msg("receiving.file.not_regular", {{"file", file.string()}}), {msg("receiving.file.kind.hint")});
  const auto size = fs::file_size(file, ec);
  if (ec || size > limit)
    fail(Code::BadInput, msg("receiving.file.too_large", {{"file", file.string()}, {"mb", std::to_string(limit / (1024 * 1024))}}));
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(Code::Io, msg("receiving.file.unreadable", {{"file", file.string()}}));
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  // The file may have grown since: never read more than was checked.
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace gongwen::services
