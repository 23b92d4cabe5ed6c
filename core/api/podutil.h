// Small pod facts that many components need, as k8s.io/kubernetes/pkg/api/v1/pod does them.
#pragma once
#include <string>
#include <utility>

#include "core/api/types.h"

namespace kp {

inline const PodCondition* podCondition(const Pod& p, const std::string& type) {
  for (const auto& c : p.status.conditions)
    if (c.type == type) return &c;
  return nullptr;
}
inline bool podReady(const Pod& p) {
  auto* c = podCondition(p, "Ready");
  return c && c->status == "True";
}
// Ready for at least minReadySeconds at `now` (the controllers' notion of "available").
inline bool podAvailable(const Pod& p, int minReadySeconds, Time now) {
  auto* c = podCondition(p, "Ready");
  if (!c || c->status != "True") return false;
  return minReadySeconds == 0 || (c->lastTransitionTime != kNoTime && c->lastTransitionTime + minReadySeconds * 1000LL <= now);
}
inline bool podTerminating(const Pod& p) { return p.metadata.deletionTimestamp != kNoTime; }
inline bool podFinished(const Pod& p) { return p.status.phase == "Succeeded" || p.status.phase == "Failed"; }
// Counted by ReplicaSets: not finished and not being deleted (controller.FilterActivePods).
inline bool podActive(const Pod& p) { return !podTerminating(p) && !podFinished(p); }

// The pod's port a service port sends to: a number, or a named container port; 0 when the
// name is not one of the pod's ports.
inline int targetPortFor(const ServicePort& sp, const Pod& pod) {
  if (!sp.targetPort.isString) return sp.targetPort.intVal;
  int port = 0;
  for (const auto& c : pod.spec.containers)
    for (const auto& cp : c.ports)
      if (cp.name == sp.targetPort.strVal) port = cp.containerPort;
  return port;
}

inline std::pair<std::string, std::string> splitKey(const std::string& key) {
  auto slash = key.find('/');
  if (slash == std::string::npos) return {"", key};
  return {key.substr(0, slash), key.substr(slash + 1)};
}

}  // namespace kp
