// The formatting helpers of apimachinery that the API server's Tables and kubectl's printers
// and describers share (see format.h).
#include "core/api/format.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/base/strings.h"

namespace kp {

std::string humanDuration(Time millis) {
  // Go converts with int(d.Seconds()): truncation toward zero.
  int64_t seconds = millis / 1000;
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return std::to_string(seconds) + "s";
  int64_t minutes = millis / 60000;
  if (minutes < 10) {
    int64_t s = seconds % 60;
    if (s == 0) return std::to_string(minutes) + "m";
    return std::to_string(minutes) + "m" + std::to_string(s) + "s";
  }
  if (minutes < 60 * 3) return std::to_string(minutes) + "m";
  int64_t hours = millis / 3600000;
  if (hours < 8) {
    int64_t m = minutes % 60;
    if (m == 0) return std::to_string(hours) + "h";
    return std::to_string(hours) + "h" + std::to_string(m) + "m";
  }
  if (hours < 48) return std::to_string(hours) + "h";
  if (hours < 24 * 8) {
    int64_t h = hours % 24;
    if (h == 0) return std::to_string(hours / 24) + "d";
    return std::to_string(hours / 24) + "d" + std::to_string(h) + "h";
  }
  if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    int64_t dy = (hours / 24) % 365;
    if (dy == 0) return std::to_string(hours / 24 / 365) + "y";
    return std::to_string(hours / 24 / 365) + "y" + std::to_string(dy) + "d";
  }
  return std::to_string(hours / 24 / 365) + "y";
}

std::string ageSince(Time t, Time now) {
  if (t == kNoTime) return "<unknown>";
  return humanDuration(now - t);
}

std::string formatLabels(const StringMap& labels) {
  std::string out;
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out += ",";
    out += k + "=" + v;
  }
  return out.empty() ? "<none>" : out;
}

std::string labelSelectorString(const LabelSelector& s) {
  struct Req {
    std::string key, text;
  };
  std::vector<Req> reqs;
  for (const auto& [k, v] : s.matchLabels) reqs.push_back({k, k + "=" + v});
  for (const auto& e : s.matchExpressions) {
    std::vector<std::string> values = e.values;
    std::sort(values.begin(), values.end());
    if (e.op == "In") reqs.push_back({e.key, e.key + " in (" + join(values, ",") + ")"});
    else if (e.op == "NotIn") reqs.push_back({e.key, e.key + " notin (" + join(values, ",") + ")"});
    else if (e.op == "Exists") reqs.push_back({e.key, e.key});
    else if (e.op == "DoesNotExist") reqs.push_back({e.key, "!" + e.key});
    else return "<error>";
  }
  std::stable_sort(reqs.begin(), reqs.end(), [](const Req& a, const Req& b) { return a.key < b.key; });
  std::string out;
  for (const auto& r : reqs) {
    if (!out.empty()) out += ",";
    out += r.text;
  }
  return out;
}

std::string formatLabelSelector(const LabelSelector& s) {
  std::string out = labelSelectorString(s);
  return out.empty() ? "<none>" : out;
}

std::vector<std::string> nodeRoles(const StringMap& labels) {
  static const std::string prefix = "node-role.kubernetes.io/";
  std::set<std::string> roles;
  for (const auto& [k, v] : labels) {
    if (k.rfind(prefix, 0) == 0) {
      if (k.size() > prefix.size()) roles.insert(k.substr(prefix.size()));
    } else if (k == "kubernetes.io/role" && !v.empty()) {
      roles.insert(v);
    }
  }
  return {roles.begin(), roles.end()};
}

std::string goDuration(Time ms) {
  if (ms == 0) return "0s";
  std::string sign = ms < 0 ? "-" : "";
  if (ms < 0) ms = -ms;
  if (ms < 1000) return sign + std::to_string(ms) + "ms";
  Time h = ms / 3600000, m = (ms / 60000) % 60, s = (ms / 1000) % 60, frac = ms % 1000;
  std::string secs = std::to_string(s);
  if (frac) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(frac));
    std::string f = buf;
    while (!f.empty() && f.back() == '0') f.pop_back();
    secs += "." + f;
  }
  std::string out = sign;
  if (h) out += std::to_string(h) + "h";
  if (h || m) out += std::to_string(m) + "m";
  return out + secs + "s";
}

}  // namespace kp
