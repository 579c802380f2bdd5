#pragma once
// Calendar dates and the injected clock. The pipeline never reads the system clock: the
// caller passes a Clock, so the demo and the golden tests are byte-for-byte repeatable.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongwen {

struct Date {
  int year = 0, month = 0, day = 0;
  bool valid() const;
  std::string iso() const;       // 2026-09-01
  std::string chinese() const;   // 2026年9月1日 (GB/T 9704: Arabic numerals, no padding)
  std::string digits8() const;   // 20260901 (DA/T 22 catalogue)
  auto operator<=>(const Date&) const = default;
};

// Accepts 2026-09-01, 2026/9/1, 2026年9月1日. Returns nullopt if not a real calendar day.
std::optional<Date> parse_date(std::string_view text);

// A moment in time: seconds since the Unix epoch plus the office's UTC offset (China: +8 h).
struct Instant {
  std::int64_t unix_seconds = 0;
  int utc_offset_minutes = 8 * 60;
  Date local_date() const;
  std::string iso8601() const;  // 2026-11-20T09:00:00+08:00
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

// Always the same instant: used by the demo and tests.
class FixedClock : public Clock {
 public:
  explicit FixedClock(Instant at) : m_at(at) {}
  Instant now() const override { return m_at; }

 private:
  Instant m_at;
};

class SystemClock : public Clock {
 public:
  Instant now() const override;
};

std::optional<Instant> parse_instant(std::string_view iso8601);

}  // namespace gongwen
