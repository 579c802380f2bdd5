#pragma once
// The one error type of gongwen. Every failure a user can cause (bad input, missing file,
// refused action) travels as an Error carrying the message the user reads; it is printed
// once, at the edge (CLI or web), and mapped to an exit code there. A reader of outside
// input (draft, template, profile) does not stop at the first problem: it collects every
// one as a Diagnostic (diagnostics.hpp), and the Error it fails with carries them all.
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen {

// Each code maps to one documented exit code (see docs/cli.md).
enum class Code {
  Usage = 2,       // wrong command-line arguments
  BadInput = 3,    // a draft, template, profile or file that cannot be accepted
  NotFound = 4,    // a workspace, draft, template, user or document that does not exist
  Forbidden = 5,   // the user lacks the role, or the workflow forbids the step
  Conflict = 6,    // state does not allow the step (already issued, hash mismatch …)
  Io = 7,          // the file system or a library failed
  Internal = 70,   // a bug
};

int exit_code(Code code);
const char* code_name(Code code);   // usage, bad-input, … (machine-readable, --json)
std::string code_text(Code code);   // 用法有误, 输入有误, … (the message catalogue's words)

struct SourcePos {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
};

enum class Severity { Error, Warning };

// One problem found in outside input. `code` is its message code in the catalogue
// (messages.hpp), stable for the web and --json; `message` and `hints` are its text in the
// language of messages.
struct Diagnostic {
  std::string code;                    // draft.date.invalid
  Code kind = Code::BadInput;          // the exit code it stands for
  Severity severity = Severity::Error;
  SourcePos at;                        // file, line, column (0 = unknown)
  std::string field;                   // the draft/profile field concerned, if any
  std::string message;
  std::vector<std::string> hints;
  // A correction `gongwen draft fix` may make: `length` characters (code points) from `at`
  // replaced by `with` (clerk_checks.hpp). None when only the writer can say what is meant.
  struct Fix {
    std::size_t length = 0;
    std::string with;
  };
  std::optional<Fix> fix;

  // Adds the catalogue's text for `code` as a hint.
  Diagnostic& hint(std::string_view code, MessageArgs args = {});
  // `file:line:col: 错误: message` followed by `  提示: …` lines (words from the catalogue).
  std::string render() const;
};

struct Error {
  Code code = Code::Internal;
  std::string message;
  std::optional<SourcePos> at;
  std::vector<std::string> hints;
  std::string field;  // the draft/profile field concerned, if any
  std::string id;     // its message code in the catalogue, if it came from there
  // When the Error stands for problems found in outside input: every one of them (the
  // first error among them is also this Error's message, place and field).
  std::vector<Diagnostic> diagnostics;

  // `file:line:col: 错误: message` followed by `  提示: …` lines; one such block for each
  // diagnostic when there are several.
  std::string render() const;
};

Error make_error(Code code, std::string message, std::vector<std::string> hints = {});

// Thrown by library code below the edge; carries the Error unchanged to the catcher.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Error error);
  const Error& error() const { return m_error; }

 private:
  Error m_error;
};

[[noreturn]] void fail(Code code, std::string message, std::vector<std::string> hints = {});

// An expected-like result for functions that read outside input.
template <class T>
class Result {
 public:
  Result(T value) : m_v(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : m_v(std::move(error)) {}      // NOLINT(google-explicit-constructor)
  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  const Error& error() const { return std::get<1>(m_v); }
  // For callers that cannot recover: rethrow as Failure.
  T take() && {
    if (!ok()) throw Failure(std::get<1>(m_v));
    return std::get<0>(std::move(m_v));
  }

 private:
  std::variant<T, Error> m_v;
};

}  // namespace gongwen
