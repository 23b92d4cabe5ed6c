// Node affinity: whether a node passes a pod's required node affinity (nodeSelectorTerms with
// matchFields on metadata.name and matchExpressions on labels). The scheduler filters with it
// and the DaemonSet controller decides where daemon pods belong with it.
#pragma once
#include "core/api/types.h"

namespace kp {

bool requiredNodeAffinityMatches(const Pod& pod, const Node& node);

// The pod's topologySpreadConstraints (a JSON array), or null.
const Json& podTopologySpreadConstraints(const PodSpec& spec);

}  // namespace kp
