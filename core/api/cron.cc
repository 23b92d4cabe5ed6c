#include "core/api/cron.h"

#include <cctype>
#include <ctime>
#include <vector>

namespace kp {

namespace {

// Parses one field into a bit set over [lo, hi]; false when malformed.
bool parseField(const std::string& f, int lo, int hi, uint64_t& bits, bool& star, const char* const* names, int nameBase) {
  star = f == "*" || f == "?";
  size_t start = 0;
  while (true) {
    size_t comma = f.find(',', start);
    std::string part = f.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    int step = 1;
    if (auto slash = part.find('/'); slash != std::string::npos) {
      std::string s = part.substr(slash + 1);
      if (s.empty() || s.size() > 2 || s.find_first_not_of("0123456789") != std::string::npos) return false;
      step = std::stoi(s);
      if (step <= 0) return false;
      part = part.substr(0, slash);
    }
    auto value = [&](const std::string& v, int& out) {
      if (!v.empty() && v.size() <= 2 && v.find_first_not_of("0123456789") == std::string::npos) {
        out = std::stoi(v);
        return out >= lo && out <= hi;
      }
      for (int i = 0; names && names[i]; i++) {
        std::string lower;
        for (char c : v) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == names[i]) return out = i + nameBase, true;
      }
      return false;
    };
    int a = lo, b = hi;
    if (part != "*" && part != "?") {
      auto dash = part.find('-');
      if (dash == std::string::npos) {
        if (!value(part, a)) return false;
        b = part.find('/') == std::string::npos && step == 1 ? a : hi;
      } else if (!value(part.substr(0, dash), a) || !value(part.substr(dash + 1), b) || a > b) {
        return false;
      }
    }
    for (int i = a; i <= b; i += step) bits |= uint64_t(1) << i;
    if (comma == std::string::npos) return true;
    start = comma + 1;
  }
}

const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", nullptr};
const char* const kWeekdays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", nullptr};

}  // namespace

std::optional<CronSchedule> CronSchedule::parse(const std::string& textIn) {
  std::string text = textIn;
  if (text == "@yearly" || text == "@annually") text = "0 0 1 1 *";
  else if (text == "@monthly") text = "0 0 1 * *";
  else if (text == "@weekly") text = "0 0 * * 0";
  else if (text == "@daily" || text == "@midnight") text = "0 0 * * *";
  else if (text == "@hourly") text = "0 * * * *";
  std::vector<std::string> f;
  std::string cur;
  for (char c : text + " ") {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) f.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (f.size() != 5) return std::nullopt;
  CronSchedule s;
  uint64_t h = 0, d = 0, m = 0, w = 0;
  bool ignored;
  if (!parseField(f[0], 0, 59, s.minutes_, ignored, nullptr, 0) || !parseField(f[1], 0, 23, h, ignored, nullptr, 0) ||
      !parseField(f[2], 1, 31, d, s.dayStar_, nullptr, 0) || !parseField(f[3], 1, 12, m, ignored, kMonths, 1) ||
      !parseField(f[4], 0, 7, w, s.weekdayStar_, kWeekdays, 0))
    return std::nullopt;
  s.hours_ = static_cast<uint32_t>(h);
  s.days_ = static_cast<uint32_t>(d);
  s.months_ = static_cast<uint32_t>(m);
  s.weekdays_ = static_cast<uint8_t>((w | (w >> 7)) & 0x7f);  // 7 is Sunday too
  return s;
}

bool CronSchedule::matchesDay(int mday, int month, int wday) const {
  if (!(months_ >> month & 1)) return false;
  bool dayOk = days_ >> mday & 1, weekdayOk = weekdays_ >> wday & 1;
  // As cron: when both day fields are restricted, either may match.
  if (dayStar_ || weekdayStar_) return dayOk && weekdayOk;
  return dayOk || weekdayOk;
}

std::optional<Time> CronSchedule::nextAfter(Time t) const {
  std::time_t start = static_cast<std::time_t>(t / 1000 / 60 * 60 + 60);  // the next whole minute
  for (int day = 0; day < 366 * 5; day++) {
    std::time_t dayStart = (start / 86400 + day) * 86400;
    std::tm tm{};
    gmtime_r(&dayStart, &tm);
    if (!matchesDay(tm.tm_mday, tm.tm_mon + 1, tm.tm_wday)) continue;
    for (int hour = 0; hour < 24; hour++) {
      if (!(hours_ >> hour & 1)) continue;
      for (int minute = 0; minute < 60; minute++) {
        if (!(minutes_ >> minute & 1)) continue;
        std::time_t at = dayStart + hour * 3600 + minute * 60;
        if (at >= start) return static_cast<Time>(at) * 1000;
      }
    }
  }
  return std::nullopt;
}

}  // namespace kp
