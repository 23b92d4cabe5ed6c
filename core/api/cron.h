// Cron schedules as CronJobs write them: five fields (minute hour day-of-month month
// day-of-week, with *, lists, ranges, steps and month/day names) or a macro (@hourly, @daily,
// @weekly, @monthly, @yearly), read in UTC. Used by CronJob validation and its controller.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/base/clock.h"

namespace kp {

// A parsed cron schedule; nextAfter gives the first whole minute strictly after t that it
// names, or nullopt when none comes within five years (a schedule such as "0 0 30 2 *").
class CronSchedule {
 public:
  static std::optional<CronSchedule> parse(const std::string& text);
  std::optional<Time> nextAfter(Time t) const;

 private:
  uint64_t minutes_ = 0;  // bit per minute 0..59
  uint32_t hours_ = 0, days_ = 0, months_ = 0;
  uint8_t weekdays_ = 0;
  bool dayStar_ = false, weekdayStar_ = false;
  bool matchesDay(int mday, int month, int wday) const;
};

}  // namespace kp
