// Typed calendar days and instants in and out of the registers (time_columns.hpp).
#include "sqlite/time_columns.hpp"

#include "gongwen/pipeline/error.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::archive::sqlite {

std::optional<Date> optional_day_column(const sql::Stmt& s, int col, const char* book, const char* column) {
  const std::string text = s.text(col);
  if (text.empty()) return std::nullopt;
  const auto day = parse_date(text);
  // Only the ISO form is ever written: anything else, even 2026/9/1, was not written by us.
  if (!day || day->iso() != text)
    fail(Code::Conflict, msg("registry.day.damaged", {{"book", book}, {"column", column}, {"text", text}}),
         {msg("registry.day.damaged.hint")});
  return day;
}

Date day_column(const sql::Stmt& s, int col, const char* book, const char* column) {
  return optional_day_column(s, col, book, column).value_or(Date{});
}

Instant instant_column(const sql::Stmt& s, int col, const char* book, const char* column) {
  const std::string text = s.text(col);
  const auto at = parse_instant(text);
  if (!at || at->iso8601() != text)
    fail(Code::Conflict, msg("registry.day.damaged", {{"book", book}, {"column", column}, {"text", text}}),
         {msg("registry.day.damaged.hint")});
  return *at;
}

std::string day_text(const Date& d) { return d.valid() ? d.iso() : std::string(); }

std::string day_text(const std::optional<Date>& d) { return d ? day_text(*d) : std::string(); }

}  // namespace gongwen::archive::sqlite
