// Server-side Table rendering, as pkg/printers/internalversion does it for `kubectl get`:
// column definitions (priority 1 = only with -o wide) and one row of cells per object. The
// server always renders the wide form; kubectl hides priority-1 columns itself.
#pragma once
#include <string>
#include <vector>

#include "core/api/format.h"
#include "core/api/resources.h"
#include "core/api/types.h"

namespace kp {

// A meta.k8s.io/v1 Table: {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{...},
// "columnDefinitions":[...],"rows":[{"cells":[...],"object":{PartialObjectMetadata}}]}.
// `now` is the simulated time used for ages ("5m12s") and restart times.
Json renderTable(const ResourceInfo& r, const std::vector<ObjectPtr>& objects, Time now,
                 int64_t resourceVersion);

}  // namespace kp
