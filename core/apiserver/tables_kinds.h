// Table columns and rows for ConfigMap, Secret, DaemonSet, Job and EndpointSlice, as
// printers.go (1.32) renders them: printConfigMap, printSecret, printDaemonSet, printJob (with
// its STATUS column) and printEndpointSlice.
#pragma once
#include "core/api/types.h"

namespace kp {

// The column definitions for one of these kinds; null Json for any other kind.
Json kindsTableColumns(const std::string& kind);
// The cells of one row; null Json when the object is not one of these kinds.
Json kindsTableRow(const Object& o, Time now);

}  // namespace kp
