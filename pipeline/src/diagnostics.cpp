#include "gongwen/pipeline/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace gongwen {

Diagnostic& Diagnostics::add(Code kind, std::string code, SourcePos at, std::string field, MessageArgs args) {
  Diagnostic d;
  d.message = msg(code, args);
  d.code = std::move(code);
  d.kind = kind;
  d.at = std::move(at);
  d.field = std::move(field);
  return add(std::move(d));
}

Diagnostic& Diagnostics::warn(std::string code, SourcePos at, std::string field, MessageArgs args) {
  Diagnostic& d = add(Code::BadInput, std::move(code), std::move(at), std::move(field), args);
  d.severity = Severity::Warning;
  return d;
}

Diagnostic& Diagnostics::add(Diagnostic d) {
  m_items.push_back(std::move(d));
  return m_items.back();
}

void Diagnostics::add(const Error& e) {
  if (e.diagnostics.empty()) add(as_diagnostic(e));
  for (const Diagnostic& d : e.diagnostics) add(d);
}

void Diagnostics::append(const Diagnostics& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

void Diagnostics::sort_from(std::size_t first) {
  if (first >= m_items.size()) return;
  std::vector<std::string> files;
  auto rank = [&](const std::string& f) {
    auto it = std::find(files.begin(), files.end(), f);
    return static_cast<std::size_t>(it - files.begin());
  };
  for (std::size_t i = first; i < m_items.size(); ++i)
    if (rank(m_items[i].at.file) == files.size()) files.push_back(m_items[i].at.file);
  std::stable_sort(m_items.begin() + static_cast<std::ptrdiff_t>(first), m_items.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     // A problem without a line (a key missing) is about the whole file: last.
                     const auto ka = std::tuple(rank(a.at.file), a.at.line == 0, a.at.line, a.at.column);
                     const auto kb = std::tuple(rank(b.at.file), b.at.line == 0, b.at.line, b.at.column);
                     return ka < kb;
                   });
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(m_items.begin(), m_items.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const { return m_items.size() - error_count(); }

bool Diagnostics::mentions(const std::string& field) const {
  return std::any_of(m_items.begin(), m_items.end(), [&](const Diagnostic& d) { return d.field == field; });
}

Error Diagnostics::to_error() const {
  Error e;
  e.code = Code::BadInput;
  for (const Diagnostic& d : m_items) {
    if (d.severity != Severity::Error) continue;
    e.code = d.kind;
    e.id = d.code;
    e.message = d.message;
    e.hints = d.hints;
    e.field = d.field;
    if (!d.at.file.empty() || d.at.line > 0) e.at = d.at;
    break;
  }
  e.diagnostics = m_items;
  return e;
}

std::string Diagnostics::render() const {
  std::string out;
  for (const Diagnostic& d : m_items) out += d.render() + "\n";
  return out;
}

Diagnostic as_diagnostic(const Error& e) {
  Diagnostic d;
  d.code = e.id;
  d.kind = e.code;
  if (e.at) d.at = *e.at;
  d.field = e.field;
  d.message = e.message;
  d.hints = e.hints;
  return d;
}

}  // namespace gongwen
