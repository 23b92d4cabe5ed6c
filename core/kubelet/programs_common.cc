// What the program models share: the clock formats programs stamp their log lines with, the
// environment and flag look-ups, and applyProgramModel's dispatch on the row's kind.
#include <cstdio>

#include "core/kubelet/programs.h"

namespace kp {

namespace {

struct Civil {
  int year, month, day, hour, minute, second, millis, weekday;  // weekday 0 = Sunday
};

// Howard Hinnant's days-to-civil, on the simulated clock's milliseconds since the epoch.
Civil civil(Time ms) {
  long long secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  long long days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  long long rem = secs - days * 86400;
  Civil c{};
  c.millis = static_cast<int>(ms - secs * 1000);
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  return c;
}

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::string clockToken(const std::string& name, const Civil& c) {
  char b[96];
  const char* mon = kMonths[c.month - 1];
  const char* wd = kDays[c.weekday];
  if (name == "iso") std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
  else if (name == "iso-ms") std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis);
  else if (name == "iso-tz") std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+00:00", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis);
  else if (name == "mysql-time") std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%03dZ", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis, c.millis);
  else if (name == "date") std::snprintf(b, sizeof b, "%s %s %2d %02d:%02d:%02d UTC %04d", wd, mon, c.day, c.hour, c.minute, c.second, c.year);
  else if (name == "clf") std::snprintf(b, sizeof b, "%02d/%s/%04d:%02d:%02d:%02d +0000", c.day, mon, c.year, c.hour, c.minute, c.second);
  else if (name == "nginx-time") std::snprintf(b, sizeof b, "%04d/%02d/%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
  else if (name == "redis-time") std::snprintf(b, sizeof b, "%02d %s %04d %02d:%02d:%02d.%03d", c.day, mon, c.year, c.hour, c.minute, c.second, c.millis);
  else if (name == "pg-time") std::snprintf(b, sizeof b, "%04d-%02d-%02d %02d:%02d:%02d.%03d UTC", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis);
  else if (name == "rfc3339s") std::snprintf(b, sizeof b, "%04d-%02d-%02d %02d:%02d:%02d+00:00", c.year, c.month, c.day, c.hour, c.minute, c.second);
  else if (name == "ghost-time") std::snprintf(b, sizeof b, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
  else if (name == "apache-time") std::snprintf(b, sizeof b, "%s %s %02d %02d:%02d:%02d.%03d%03d %04d", wd, mon, c.day, c.hour, c.minute, c.second, c.millis, c.millis, c.year);
  else if (name == "jenkins-time") std::snprintf(b, sizeof b, "%04d-%02d-%02d %02d:%02d:%02d.%03d+0000", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis);
  else if (name == "logfmt-time") std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis);
  else return "";
  return b;
}

std::string podSecret(const std::string& pod) {
  uint64_t h = 1469598103934665603ull;
  for (char ch : pod) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
  char b[40];
  std::snprintf(b, sizeof b, "%016llx%016llx", (unsigned long long)h, (unsigned long long)(h * 0x9E3779B97F4A7C15ull));
  return b;
}

}  // namespace

std::string expandLogLine(const std::string& line, const LogContext& ctx) {
  if (line.find('{') == std::string::npos) return line;
  std::string out;
  Civil c = civil(ctx.now);
  for (size_t i = 0; i < line.size(); i++) {
    size_t end = line[i] == '{' ? line.find('}', i) : std::string::npos;
    if (end == std::string::npos) {
      out += line[i];
      continue;
    }
    std::string name = line.substr(i + 1, end - i - 1), value;
    bool known = true;
    if (name == "pod") value = ctx.pod;
    else if (name == "ip") value = ctx.podIp;
    else if (name == "client") value = ctx.clientIp;
    else if (name == "path") value = ctx.path;
    else if (name == "status") value = std::to_string(ctx.status);
    else if (name == "bytes") value = std::to_string(ctx.bytes);
    else if (name == "secret") value = podSecret(ctx.pod);
    else if (name == "unix-ts") value = std::to_string(ctx.now / 1000) + "." + std::to_string(1000 + ctx.now % 1000).substr(1) + "1234";
    else if (!(value = clockToken(name, c)).empty()) known = true;
    else known = false;
    if (!known) {
      out += line[i];
      continue;
    }
    out += value;
    i = end;
  }
  return out;
}

ProgramStep stampedLog(const std::string& text) {
  ProgramStep s{ProgramStep::Log, text, 0, 0, 0};
  s.stamped = true;
  return s;
}

std::string envValue(const EnvPairs& env, const std::string& name, bool* set) {
  if (set) *set = false;
  std::string v;
  for (const auto& [k, val] : env)
    if (k == name) {
      v = val;
      if (set) *set = true;
    }
  return v;
}

std::string flagValue(const std::vector<std::string>& args, const std::string& name, bool* present) {
  if (present) *present = false;
  for (size_t i = 0; i < args.size(); i++) {
    std::string a = args[i];
    if (a.rfind("--", 0) == 0) a = a.substr(2);
    else if (a.rfind("-", 0) == 0) a = a.substr(1);
    else continue;
    if (a == name) {
      if (present) *present = true;
      return i + 1 < args.size() ? args[i + 1] : "";
    }
    if (a.rfind(name + "=", 0) == 0) {
      if (present) *present = true;
      return a.substr(name.size() + 1);
    }
  }
  return "";
}

void applyProgramModel(ImageInfo& info) {
  switch (info.kind) {
    case ProgramKind::Kubia:
    case ProgramKind::WebServer:
    case ProgramKind::EchoServer:
      webModel(info);
      break;
    case ProgramKind::TcpService:
      dataModel(info);
      break;
    default:
      break;
  }
}

}  // namespace kp
