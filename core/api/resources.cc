#include "core/api/resources.h"

#include <algorithm>
#include <cctype>

namespace kp {

const std::vector<ResourceInfo>& allResources() {
  // Order matters for `kubectl get all`: kubectl prints the category in discovery order.
  static const std::vector<ResourceInfo> all = {
      {"pods", "pod", "Pod", "", "v1", true, {"po"}, true},
      {"replicationcontrollers", "replicationcontroller", "ReplicationController", "", "v1", true, {"rc"}, true},
      {"services", "service", "Service", "", "v1", true, {"svc"}, true},
      {"daemonsets", "daemonset", "DaemonSet", "apps", "v1", true, {"ds"}, true},
      {"deployments", "deployment", "Deployment", "apps", "v1", true, {"deploy"}, true},
      {"replicasets", "replicaset", "ReplicaSet", "apps", "v1", true, {"rs"}, true},
      {"jobs", "job", "Job", "batch", "v1", true, {}, true},
      {"configmaps", "configmap", "ConfigMap", "", "v1", true, {"cm"}, false},
      {"secrets", "secret", "Secret", "", "v1", true, {}, false},
      {"endpointslices", "endpointslice", "EndpointSlice", "discovery.k8s.io", "v1", true, {}, false},
      {"leases", "lease", "Lease", "coordination.k8s.io", "v1", true, {}, false},
      {"endpoints", "endpoints", "Endpoints", "", "v1", true, {"ep"}, false},
      {"events", "event", "Event", "", "v1", true, {"ev"}, false},
      {"namespaces", "namespace", "Namespace", "", "v1", false, {"ns"}, false},
      {"nodes", "node", "Node", "", "v1", false, {"no"}, false},
  };
  return all;
}

static bool ieq(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const ResourceInfo* findResource(std::string_view name) {
  std::string_view group;
  auto dot = name.find('.');
  if (dot != std::string_view::npos) {
    group = name.substr(dot + 1);
    name = name.substr(0, dot);
    // "deployments.v1.apps" also names a version
    auto dot2 = group.find('.');
    if (dot2 != std::string_view::npos && group.substr(0, dot2) == "v1") group = group.substr(dot2 + 1);
  }
  for (const auto& r : allResources()) {
    if (dot != std::string_view::npos && !ieq(group, r.group) && !(r.group.empty() && ieq(group, "v1")))
      continue;
    if (ieq(name, r.resource) || ieq(name, r.singular) || ieq(name, r.kind)) return &r;
    for (const auto& s : r.shortNames)
      if (ieq(name, s)) return &r;
  }
  return nullptr;
}

const ResourceInfo* resourceForKind(std::string_view kind) {
  for (const auto& r : allResources())
    if (r.kind == kind) return &r;
  return nullptr;
}

}  // namespace kp
