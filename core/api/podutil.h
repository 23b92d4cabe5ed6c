// Small pod facts that many components need, as k8s.io/kubernetes/pkg/api/v1/pod does them.
#pragma once
#include <string>
#include <algorithm>
#include <utility>
#include <vector>

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
// Sets a pod condition as the API's UpdatePodCondition does (transition time only on change).
inline void setPodCondition(Pod& p, const PodCondition& c) {
  for (auto& pc : p.status.conditions)
    if (pc.type == c.type) {
      Time transition = pc.status == c.status ? pc.lastTransitionTime : c.lastTransitionTime;
      pc = c;
      pc.lastTransitionTime = transition;
      return;
    }
  p.status.conditions.push_back(c);
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

// Whether what the endpoints and EndpointSlice controllers read of a pod differs between two
// states of it (endpointutil's PodChanged plus a label change): an update that changes none of
// it (a restart count, an annotation) makes them sync nothing.
inline bool podEndpointsChanged(const Pod& a, const Pod& b) {
  return a.metadata.labels != b.metadata.labels || a.status.podIP != b.status.podIP || a.spec.nodeName != b.spec.nodeName ||
         a.spec.hostname != b.spec.hostname || a.spec.subdomain != b.spec.subdomain || podReady(a) != podReady(b) ||
         podTerminating(a) != podTerminating(b) || podFinished(a) != podFinished(b);
}

// Sorts values that are costly to move (endpoints with their references) by moving indices,
// then each value once.
template <class T, class Less>
void sortMovingOnce(std::vector<T>& v, Less less) {
  std::vector<size_t> order(v.size());
  for (size_t i = 0; i < order.size(); i++) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return less(v[a], v[b]); });
  std::vector<T> out;
  out.reserve(v.size());
  for (size_t i : order) out.push_back(std::move(v[i]));
  v = std::move(out);
}

inline std::pair<std::string, std::string> splitKey(const std::string& key) {
  auto slash = key.find('/');
  if (slash == std::string::npos) return {"", key};
  return {key.substr(0, slash), key.substr(slash + 1)};
}

}  // namespace kp
