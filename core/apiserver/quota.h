// ResourceQuota and LimitRange, as the API server's admission plugins and the quota
// controller apply them: LimitRanger fills a new pod's missing requests and limits from the
// namespace's LimitRange defaults (noting it in the kubernetes.io/limit-ranger annotation) and
// refuses containers outside min/max; ResourceQuota refuses a create that would take a
// namespace's usage past a quota's hard limits, or a pod that leaves out a resource a quota
// limits. quotaUsage is what the quota controller writes to status.used. Texts as upstream's.
#pragma once
#include <optional>
#include <string>

#include "core/api/status.h"
#include "core/api/types.h"

namespace kp {

class Store;

// LimitRanger: defaults the pod's containers and checks them against min and max.
std::optional<Status> admitLimitRanges(const Store& store, Pod& pod);
// ResourceQuota: whether creating `obj` of resource `r` fits every quota of its namespace.
std::optional<Status> admitQuota(const Store& store, const ResourceInfo& r, const Object& obj);
// The namespace's usage of each resource `hard` names, as status.used shows it.
Json quotaUsage(const Store& store, const std::string& ns, const Json& hard);

}  // namespace kp
