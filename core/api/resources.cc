#include "core/api/resources.h"

#include <algorithm>
#include <cctype>

namespace kp {

namespace {

// The subresources a kind's row names (ResourceInfo::subs), with the verbs and response kinds
// a v1.32 discovery lists. Proxy and ephemeral-container subresources are left out: nothing
// here serves them.
std::vector<SubresourceInfo> subresourcesOf(const ResourceInfo& r) {
  const std::vector<std::string> getPatchUpdate = {"get", "patch", "update"};
  std::vector<SubresourceInfo> out;
  if (r.subs & ResourceInfo::kPodSubs)
    out = {{"attach", "", "v1", "PodAttachOptions", {"create", "get"}},
           {"binding", "", "v1", "Binding", {"create"}},
           {"eviction", "policy", "v1", "Eviction", {"create"}},
           {"exec", "", "v1", "PodExecOptions", {"create", "get"}},
           {"log", "", "v1", "Pod", {"get"}},
           {"portforward", "", "v1", "PodPortForwardOptions", {"create", "get"}}};
  if (r.subs & ResourceInfo::kFinalize) out.push_back({"finalize", "", "v1", "Namespace", {"update"}});
  if (r.subs & ResourceInfo::kScale) out.push_back({"scale", "autoscaling", "v1", "Scale", getPatchUpdate});
  if (r.subs & ResourceInfo::kStatus) out.push_back({"status", r.group, r.version, r.kind, getPatchUpdate});
  if (r.subs & ResourceInfo::kToken) out.push_back({"token", "authentication.k8s.io", "v1", "TokenRequest", {"create"}});
  return out;
}

std::vector<ResourceInfo> withDiscoveryDetails(std::vector<ResourceInfo> all) {
  for (auto& r : all) {
    if (r.createOnly) r.verbs = {"create"};
    else r.verbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
    if (r.kind == "Namespace") r.verbs.erase(r.verbs.begin() + 2);  // no deletecollection
    r.subresources = subresourcesOf(r);
    if (r.inCategoryAll) r.categories = {"all"};
    r.apiVersion = r.groupVersion();
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
  using R = ResourceInfo;
  static const std::vector<ResourceInfo> all = withDiscoveryDetails({
      {"pods", "pod", "Pod", "", "v1", true, {"po"}, true, R::kPodSubs | R::kStatus},
      {"replicationcontrollers", "replicationcontroller", "ReplicationController", "", "v1", true, {"rc"}, true, R::kScale | R::kStatus},
      {"services", "service", "Service", "", "v1", true, {"svc"}, true, R::kStatus},
      {"daemonsets", "daemonset", "DaemonSet", "apps", "v1", true, {"ds"}, true, R::kStatus},
      {"deployments", "deployment", "Deployment", "apps", "v1", true, {"deploy"}, true, R::kScale | R::kStatus},
      {"replicasets", "replicaset", "ReplicaSet", "apps", "v1", true, {"rs"}, true, R::kScale | R::kStatus},
      {"statefulsets", "statefulset", "StatefulSet", "apps", "v1", true, {"sts"}, true, R::kScale | R::kStatus},
      {"horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", "autoscaling", "v2", true, {"hpa"}, true, R::kStatus},
      {"cronjobs", "cronjob", "CronJob", "batch", "v1", true, {"cj"}, true, R::kStatus},
      {"jobs", "job", "Job", "batch", "v1", true, {}, true, R::kStatus},
      {"configmaps", "configmap", "ConfigMap", "", "v1", true, {"cm"}, false},
      {"secrets", "secret", "Secret", "", "v1", true, {}, false},
      {"serviceaccounts", "serviceaccount", "ServiceAccount", "", "v1", true, {"sa"}, false, R::kToken},
      {"persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", "", "v1", true, {"pvc"}, false, R::kStatus},
      {"persistentvolumes", "persistentvolume", "PersistentVolume", "", "v1", false, {"pv"}, false, R::kStatus},
      {"storageclasses", "storageclass", "StorageClass", "storage.k8s.io", "v1", false, {"sc"}, false},
      {"ingresses", "ingress", "Ingress", "networking.k8s.io", "v1", true, {"ing"}, false, R::kStatus},
      {"ingressclasses", "ingressclass", "IngressClass", "networking.k8s.io", "v1", false, {}, false},
      {"networkpolicies", "networkpolicy", "NetworkPolicy", "networking.k8s.io", "v1", true, {"netpol"}, false},
      {"resourcequotas", "resourcequota", "ResourceQuota", "", "v1", true, {"quota"}, false, R::kStatus},
      {"limitranges", "limitrange", "LimitRange", "", "v1", true, {"limits"}, false},
      {"poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", "policy", "v1", true, {"pdb"}, false, R::kStatus},
      {"priorityclasses", "priorityclass", "PriorityClass", "scheduling.k8s.io", "v1", false, {"pc"}, false},
      {"roles", "role", "Role", "rbac.authorization.k8s.io", "v1", true, {}, false},
      {"rolebindings", "rolebinding", "RoleBinding", "rbac.authorization.k8s.io", "v1", true, {}, false},
      {"clusterroles", "clusterrole", "ClusterRole", "rbac.authorization.k8s.io", "v1", false, {}, false},
      {"clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", false, {}, false},
      {"selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", "authorization.k8s.io", "v1", false, {}, false, R::kNone, true},
      {"selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview", "authorization.k8s.io", "v1", true, {}, false, R::kNone, true},
      {"selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview", "authentication.k8s.io", "v1", false, {}, false, R::kNone, true},
      {"endpointslices", "endpointslice", "EndpointSlice", "discovery.k8s.io", "v1", true, {}, false},
      {"leases", "lease", "Lease", "coordination.k8s.io", "v1", true, {}, false},
      {"endpoints", "endpoints", "Endpoints", "", "v1", true, {"ep"}, false},
      {"events", "event", "Event", "", "v1", true, {"ev"}, false},
      {"namespaces", "namespace", "Namespace", "", "v1", false, {"ns"}, false, R::kFinalize | R::kStatus},
      {"nodes", "node", "Node", "", "v1", false, {"no"}, false, R::kStatus},
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
