// Node affinity: whether a node passes a pod's required node affinity (nodeSelectorTerms with
// matchFields on metadata.name and matchExpressions on labels). The scheduler filters with it
// and the DaemonSet controller decides where daemon pods belong with it.
#pragma once
#include "core/api/types.h"

namespace kp {

bool requiredNodeAffinityMatches(const Pod& pod, const Node& node);

// PodSpec has no typed field for topologySpreadConstraints yet: the decoder keeps the list
// under this key of spec.affinity and the encoder moves it back to spec.topologySpreadConstraints,
// so the wire form is exact. A stopgap until PodSpec gets the field (a change to types.h).
inline constexpr const char* kTopologySpreadStash = "topologySpreadConstraints";
// The pod's topologySpreadConstraints (a JSON array), or null.
const Json& podTopologySpreadConstraints(const PodSpec& spec);

}  // namespace kp
