// Formatting shared by the API server's Tables and kubectl's printers and describers, as
// apimachinery's duration and labels packages and metav1's helpers print them.
#pragma once
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

// kubectl's duration.HumanDuration: "45s", "3m12s", "2d4h", ... (used for every AGE cell).
std::string humanDuration(Time millis);

// labels.FormatLabels: "a=1,b=2" sorted by key, "<none>" when empty.
std::string formatLabels(const StringMap& labels);
// labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key,
// "k in (a,b)", "k", "!k"; "" for an empty selector.
std::string labelSelectorString(const LabelSelector& s);
// metav1.FormatLabelSelector: labelSelectorString, or "<none>" when it is empty.
std::string formatLabelSelector(const LabelSelector& s);
// Node roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted.
std::vector<std::string> nodeRoles(const StringMap& labels);
// Go's time.Duration.String() for a whole number of milliseconds: "512ms", "3.812s", "1m2.5s".
std::string goDuration(Time millis);
// "<unknown>" for kNoTime, else humanDuration(now - t).
std::string ageSince(Time t, Time now);

}  // namespace kp
