#include "gongwen/pipeline/date.hpp"

#include <chrono>
#include <cstdio>
#include <regex>

namespace gongwen {

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}
// Howard Hinnant's civil-from-days: exact for the proleptic Gregorian calendar.
Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
}  // namespace

bool Date::valid() const {
  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::chinese() const {
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string Date::digits8() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::optional<Date> parse_date(std::string_view text) {
  static const std::regex iso(R"(^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$)");
  static const std::regex zh(R"(^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$)");
  std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, iso) && !std::regex_match(s, m, zh)) return std::nullopt;
  Date d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
  if (!d.valid()) return std::nullopt;
  return d;
}

Date Instant::local_date() const {
  const std::int64_t local = unix_seconds + utc_offset_minutes * 60;
  std::int64_t days = local / 86400;
  if (local % 86400 < 0) --days;
  return civil_from_days(days);
}

std::string Instant::iso8601() const {
  const std::int64_t local = unix_seconds + utc_offset_minutes * 60;
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) { secs += 86400; --days; }
  const Date d = civil_from_days(days);
  const int off = utc_offset_minutes;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", d.iso().c_str(),
                static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60),
                static_cast<int>(secs % 60), off < 0 ? '-' : '+', std::abs(off) / 60,
                std::abs(off) % 60);
  return buf;
}

Instant SystemClock::now() const {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  return Instant{s, 8 * 60};
}

std::optional<Instant> parse_instant(std::string_view text) {
  static const std::regex re(
      R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):?(\d{2}))?$)");
  std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  Date d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
  if (!d.valid()) return std::nullopt;
  int h = std::stoi(m[4]), mi = std::stoi(m[5]), se = m[6].matched ? std::stoi(m[6]) : 0;
  if (h > 23 || mi > 59 || se > 60) return std::nullopt;
  int off = 8 * 60;  // an office clock without a zone is China Standard Time
  if (m[7].matched) {
    off = m[7] == "Z" ? 0 : (std::stoi(m[9]) * 60 + std::stoi(m[10])) * (m[8] == "-" ? -1 : 1);
  }
  const std::int64_t local =
      days_from_civil(d.year, d.month, d.day) * 86400 + h * 3600 + mi * 60 + se;
  // Records are kept in the office's own time (China Standard Time), whatever zone the
  // input was written in.
  return Instant{local - off * 60, 8 * 60};
}

}  // namespace gongwen
