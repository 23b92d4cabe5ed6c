#include "core/api/resources.h"

#include <algorithm>
#include <cctype>

namespace kp {

namespace {

// The subresources each kind has on a v1.32 API server, with the verbs and response kinds its
// discovery lists. Proxy and ephemeral-container subresources are left out: nothing here serves them.
std::vector<SubresourceInfo> subresourcesOf(const ResourceInfo& r) {
  const std::vector<std::string> getPatchUpdate = {"get", "patch", "update"};
  SubresourceInfo status{"status", r.group, r.version, r.kind, getPatchUpdate};
  SubresourceInfo scale{"scale", "autoscaling", "v1", "Scale", getPatchUpdate};
  if (r.kind == "Pod")
    return {{"attach", "", "v1", "PodAttachOptions", {"create", "get"}},
            {"binding", "", "v1", "Binding", {"create"}},
            {"eviction", "policy", "v1", "Eviction", {"create"}},
            {"exec", "", "v1", "PodExecOptions", {"create", "get"}},
            {"log", "", "v1", "Pod", {"get"}},
            {"portforward", "", "v1", "PodPortForwardOptions", {"create", "get"}},
            status};
  if (r.kind == "Deployment" || r.kind == "ReplicaSet" || r.kind == "ReplicationController") return {scale, status};
  if (r.kind == "Service" || r.kind == "DaemonSet" || r.kind == "Job" || r.kind == "Node") return {status};
  if (r.kind == "Namespace") return {{"finalize", "", "v1", "Namespace", {"update"}}, status};
  return {};
}

std::vector<ResourceInfo> withDiscoveryDetails(std::vector<ResourceInfo> all) {
  for (auto& r : all) {
    r.verbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
    if (r.kind == "Namespace") r.verbs.erase(r.verbs.begin() + 2);  // no deletecollection
    r.subresources = subresourcesOf(r);
    if (r.inCategoryAll) r.categories = {"all"};
  }
  return all;
}

}  // namespace

const SubresourceInfo* ResourceInfo::subresource(std::string_view name) const {
  for (const auto& s : subresources)
    if (s.name == name) return &s;
  return nullptr;
}

const std::vector<ResourceInfo>& allResources() {
  // Order matters for `kubectl get all`: kubectl prints the category in discovery order.
  static const std::vector<ResourceInfo> all = withDiscoveryDetails({
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
  });
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
