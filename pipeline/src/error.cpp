#include "gongwen/pipeline/error.hpp"

#include "gongwen/pipeline/messages.hpp"

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

std::string code_text(Code code) { return msg(std::string("code.") + code_name(code)); }

namespace {

// The one format of every report: `file:line:col: 错误: message` and its hints; an Error
// without diagnostics names its field before the message when the message does not.
std::string render_one(const std::optional<SourcePos>& at, Severity severity, const std::string& field,
                       const std::string& message, const std::vector<std::string>& hints) {
  std::string out;
  if (at && !at->file.empty()) {
    out += at->file;
    if (at->line > 0) {
      out += ":" + std::to_string(at->line);
      if (at->column > 0) out += ":" + std::to_string(at->column);
    }
    out += ": ";
  }
  out += msg(severity == Severity::Error ? "word.error" : "word.warning") + ": ";
  if (!field.empty() && message.find(field) == std::string::npos) out += field + ": ";
  out += message;
  const std::string hint = msg("word.hint");
  for (const auto& h : hints) out += "\n  " + hint + ": " + h;
  return out;
}

}  // namespace

Diagnostic& Diagnostic::hint(std::string_view hint_code, MessageArgs args) {
  hints.push_back(msg(hint_code, args));
  return *this;
}

// A diagnostic's place is its field: the message alone reads better in either language.
std::string Diagnostic::render() const { return render_one(at, severity, "", message, hints); }

std::string Error::render() const {
  if (diagnostics.empty()) return render_one(at, Severity::Error, field, message, hints);
  std::string out;
  for (const Diagnostic& d : diagnostics) out += (out.empty() ? "" : "\n") + d.render();
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
