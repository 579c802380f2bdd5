#pragma once
// Calendar days and instants in the registers, parsed here, once, into the records' types.
// Days (成文日期, 借出日, 应还日, 归还日, 传阅期限) are stored as the ISO day "2026-09-01", "" for
// none; instants (a login token's times) as ISO 8601 "2026-11-20T09:00:00+08:00". The audit
// log's and the history books' `*_at` stay text: the audit chain hashes that text byte for byte.
#include <optional>
#include <string>

#include "gongwen/pipeline/date.hpp"
#include "sqlite/db.hpp"

namespace gongwen::archive::sqlite {

// The day in column `col`: "" gives an empty (invalid) Date; text that is not a calendar day
// means the register was edited behind the program's back and is refused (Code::Conflict),
// naming the book and the column.
Date day_column(const sql::Stmt& s, int col, const char* book, const char* column);
// The same, "" giving no day.
std::optional<Date> optional_day_column(const sql::Stmt& s, int col, const char* book, const char* column);

// The instant in column `col`, refused like a damaged day when it is not ISO 8601 as written.
Instant instant_column(const sql::Stmt& s, int col, const char* book, const char* column);

// The stored text of a day: ISO, or "" for an empty Date / no day.
std::string day_text(const Date& d);
std::string day_text(const std::optional<Date>& d);

}  // namespace gongwen::archive::sqlite
