#include "core/api/quantity.h"

#include <cctype>
#include <cmath>

namespace kp {

std::optional<int64_t> parseQuantityMilli(const std::string& s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
  size_t numStart = i;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) i++;
  if (i == numStart) return std::nullopt;
  double value;
  try {
    value = std::stod(s.substr(numStart, i - numStart));
  } catch (...) {
    return std::nullopt;
  }
  std::string suffix = s.substr(i);
  double mult = 1;
  if (suffix.empty()) mult = 1;
  else if (suffix == "m") mult = 1e-3;
  else if (suffix == "k") mult = 1e3;
  else if (suffix == "M") mult = 1e6;
  else if (suffix == "G") mult = 1e9;
  else if (suffix == "T") mult = 1e12;
  else if (suffix == "P") mult = 1e15;
  else if (suffix == "Ki") mult = 1024.0;
  else if (suffix == "Mi") mult = 1024.0 * 1024;
  else if (suffix == "Gi") mult = 1024.0 * 1024 * 1024;
  else if (suffix == "Ti") mult = 1024.0 * 1024 * 1024 * 1024;
  else if (suffix == "Pi") mult = 1024.0 * 1024 * 1024 * 1024 * 1024;
  else if (suffix[0] == 'e' || suffix[0] == 'E') {
    try {
      size_t used = 0;
      int e = std::stoi(suffix.substr(1), &used);
      if (used != suffix.size() - 1 || e > 18 || e < -18) return std::nullopt;
      mult = std::pow(10.0, e);
    } catch (...) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  double milli = std::ceil(value * mult * 1000.0 - 1e-9);
  if (!std::isfinite(milli) || milli > 9.2e18) return std::nullopt;
  return static_cast<int64_t>(neg ? -milli : milli);
}

std::string formatCpuMilli(int64_t milli) {
  if (milli % 1000 == 0) return std::to_string(milli / 1000);
  return std::to_string(milli) + "m";
}

std::string formatBytes(int64_t bytes) {
  static const char* units[] = {"", "Ki", "Mi", "Gi", "Ti"};
  int u = 0;
  while (u < 4 && bytes != 0 && bytes % 1024 == 0) {
    bytes /= 1024;
    u++;
  }
  return std::to_string(bytes) + units[u];
}

}  // namespace kp
