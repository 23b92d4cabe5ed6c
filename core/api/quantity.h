// Resource quantities ("100m", "2", "512Mi", "1G") as apimachinery's resource.Quantity parses
// them, reduced to milli-units so that the scheduler can add and compare them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace kp {

// Milli-units of the quantity (cpu "100m" -> 100, memory "1Ki" -> 1024000); nullopt if invalid.
std::optional<int64_t> parseQuantityMilli(const std::string& s);
// Formats milli-units back the way kubectl shows requests: "100m", "1", "64Mi", "0".
std::string formatCpuMilli(int64_t milli);
std::string formatBytes(int64_t bytes);

}  // namespace kp
