// Server-side Table rendering, as pkg/printers/internalversion does it for `kubectl get`:
// column definitions (priority 1 = only with -o wide) and one row of cells per object. The
// server always renders the wide form; kubectl hides priority-1 columns itself.
#pragma once
#include <string>
#include <vector>

#include "core/api/resources.h"
#include "core/api/types.h"

namespace kp {

// A meta.k8s.io/v1 Table: {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{...},
// "columnDefinitions":[...],"rows":[{"cells":[...],"object":{PartialObjectMetadata}}]}.
// `now` is the simulated time used for ages ("5m12s") and restart times.
Json renderTable(const ResourceInfo& r, const std::vector<ObjectPtr>& objects, Time now,
                 int64_t resourceVersion);

// kubectl's duration.HumanDuration: "45s", "3m12s", "2d4h", ... (used for every AGE cell).
std::string humanDuration(Time millis);

// Shared formatting helpers that kubectl's printers and describers also use.
// labels.FormatLabels: "a=1,b=2" sorted by key, "<none>" when empty.
std::string formatLabels(const StringMap& labels);
// labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key,
// "k in (a,b)", "k", "!k"; "" for an empty selector.
std::string labelSelectorString(const LabelSelector& s);
// metav1.FormatLabelSelector: labelSelectorString, or "<none>" when it is empty.
std::string formatLabelSelector(const LabelSelector& s);
// Node roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted.
std::vector<std::string> nodeRoles(const StringMap& labels);
// "<unknown>" for kNoTime, else humanDuration(now - t).
std::string ageSince(Time t, Time now);

}  // namespace kp
