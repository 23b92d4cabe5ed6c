// `kubectl get --sort-by=FIELD` (pkg/cmd/get/sorter.go): objects, or a Table's rows, ordered by
// the first value FIELD reaches in each: integers and floats numerically, strings that are
// both quantities ("100Mi", "250m") by amount, other strings bytewise (as Go compares the
// strings of unstructured objects: RFC 3339 timestamps in time order, "10.0.0.10" before
// "10.0.0.9"); objects without the field first.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

// The order of objs (indexes into objs) sorted by `field` (a relaxed path such as
// ".metadata.name"). *error: kubectl's text ("couldn't find any field with path ..."); a
// field of a type that cannot be sorted (maps, lists, booleans) is kubectl's fatal message.
std::optional<std::vector<size_t>> sortOrder(const std::vector<const Json*>& objs, const std::string& field,
                                             std::string* error, bool* fatal);

}  // namespace kp
