#include "gongwen/pipeline/error.hpp"

namespace gongwen {

int exit_code(Code code) { return static_cast<int>(code); }

const char* code_name(Code code) {
  switch (code) {
    case Code::Usage: return "usage";
    case Code::BadInput: return "bad-input";
    case Code::NotFound: return "not-found";
    case Code::Forbidden: return "forbidden";
    case Code::Conflict: return "conflict";
    case Code::Io: return "io";
    case Code::Internal: return "internal";
  }
  return "internal";
}

std::string Error::render() const {
  std::string out;
  if (at && !at->file.empty()) {
    out += at->file;
    if (at->line > 0) {
      out += ":" + std::to_string(at->line);
      if (at->column > 0) out += ":" + std::to_string(at->column);
    }
    out += ": ";
  }
  out += "error: ";
  if (!field.empty() && message.find(field) == std::string::npos) out += field + ": ";
  out += message;
  for (const auto& h : hints) out += "\n  hint: " + h;
  return out;
}

Error make_error(Code code, std::string message, std::vector<std::string> hints) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  e.hints = std::move(hints);
  return e;
}

Failure::Failure(Error error) : std::runtime_error(error.render()), m_error(std::move(error)) {}

void fail(Code code, std::string message, std::vector<std::string> hints) {
  throw Failure(make_error(code, std::move(message), std::move(hints)));
}

}  // namespace gongwen
