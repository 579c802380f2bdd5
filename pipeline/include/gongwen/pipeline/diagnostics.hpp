#pragma once
// Collecting the problems of one piece of outside input (a draft, a template, a profile):
// a reader adds each problem it finds and carries on, with a placeholder where a later check
// needs the value, so one run reports them all (docs/drafts.md, "Diagnostics").
#include <string>
#include <vector>

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen {

class Diagnostics {
 public:
  // A problem whose message is the catalogue's text for `code` (messages.hpp); add hints
  // with .hint(…) on the result.
  Diagnostic& add(Code kind, std::string code, SourcePos at, std::string field, MessageArgs args = {});
  Diagnostic& warn(std::string code, SourcePos at, std::string field, MessageArgs args = {});
  Diagnostic& add(Diagnostic d);
  // The problems of an Error (its diagnostics, or the Error itself).
  void add(const Error& e);
  void append(const Diagnostics& other);

  bool empty() const { return m_items.empty(); }
  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  const std::vector<Diagnostic>& items() const { return m_items; }
  // Puts the diagnostics from index `first` on in the order of their place: by file (in the
  // order the files first appear), line, column; a problem without a line (a key missing)
  // last.
  void sort_from(std::size_t first);
  // Whether a problem has been reported for `field` (so a later check need not repeat it).
  bool mentions(const std::string& field) const;

  // The first error as an Error carrying every diagnostic, for callers that stop at a
  // failure (Result, Failure). Only when has_errors().
  Error to_error() const;
  // Every diagnostic rendered, one block each, in the order found.
  std::string render() const;

 private:
  std::vector<Diagnostic> m_items;
};

// An Error as one Diagnostic (its own place, field and text).
Diagnostic as_diagnostic(const Error& e);

}  // namespace gongwen
