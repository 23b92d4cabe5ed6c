// kube-apiserver's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), cut
// to the roles a course shows: the user-facing cluster-admin/admin/edit/view (the aggregated
// ones with their rules already filled in, as the aggregation controller leaves them, limited
// to the resources this API server serves plus the ones the real roles name), the discovery and
// self-review roles every authenticated user has, and minikube's binding of kube-system:default.
#include "core/apiserver/rbac.h"

namespace kp {

namespace {

using Strings = std::vector<std::string>;

Json rule(Strings groups, Strings resources, Strings verbs) {
  return {{"apiGroups", std::move(groups)}, {"resources", std::move(resources)}, {"verbs", std::move(verbs)}};
}
Json urls(Strings paths, Strings verbs) { return {{"nonResourceURLs", std::move(paths)}, {"verbs", std::move(verbs)}}; }

const Strings kRead = {"get", "list", "watch"};
const Strings kWrite = {"create", "delete", "deletecollection", "patch", "update"};
const Strings kAll = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};

Json meta(const std::string& name) {
  return {{"name", name},
          {"labels", {{"kubernetes.io/bootstrapping", "rbac-defaults"}}},
          {"annotations", {{"rbac.authorization.kubernetes.io/autoupdate", "true"}}}};
}

Json clusterRole(const std::string& name, Json rules) {
  return {{"kind", "ClusterRole"}, {"apiVersion", "rbac.authorization.k8s.io/v1"}, {"metadata", meta(name)},
          {"rules", std::move(rules)}};
}

Json subject(const char* kind, const std::string& name) {
  return {{"kind", kind}, {"apiGroup", "rbac.authorization.k8s.io"}, {"name", name}};
}

Json clusterRoleBinding(const std::string& name, const std::string& role, Json subjects) {
  return {{"kind", "ClusterRoleBinding"}, {"apiVersion", "rbac.authorization.k8s.io/v1"}, {"metadata", meta(name)},
          {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "ClusterRole"}, {"name", role}}},
          {"subjects", std::move(subjects)}};
}

Json viewRules() {
  return Json::array({
      rule({""}, {"configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
                  "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
                  "services/status"}, kRead),
      rule({""}, {"bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                  "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"}, kRead),
      rule({""}, {"namespaces"}, kRead),
      rule({"discovery.k8s.io"}, {"endpointslices"}, kRead),
      rule({"apps"}, {"controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                      "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
                      "statefulsets/scale", "statefulsets/status"}, kRead),
      rule({"autoscaling"}, {"horizontalpodautoscalers", "horizontalpodautoscalers/status"}, kRead),
      rule({"batch"}, {"cronjobs", "cronjobs/status", "jobs", "jobs/status"}, kRead),
      rule({"policy"}, {"poddisruptionbudgets", "poddisruptionbudgets/status"}, kRead),
      rule({"networking.k8s.io"}, {"ingresses", "ingresses/status", "networkpolicies"}, kRead),
  });
}

Json editOnlyRules() {
  return Json::array({
      rule({""}, {"pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"}, kRead),
      rule({""}, {"serviceaccounts"}, {"impersonate"}),
      rule({""}, {"pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"}, kWrite),
      rule({""}, {"pods/eviction"}, {"create"}),
      rule({""}, {"configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
                  "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"}, kWrite),
      rule({""}, {"serviceaccounts/token"}, {"create"}),
      rule({"apps"}, {"daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                      "replicasets/scale", "statefulsets", "statefulsets/scale"}, kWrite),
      rule({"autoscaling"}, {"horizontalpodautoscalers"}, kWrite),
      rule({"batch"}, {"cronjobs", "jobs"}, kWrite),
      rule({"policy"}, {"poddisruptionbudgets"}, kWrite),
      rule({"networking.k8s.io"}, {"ingresses", "networkpolicies"}, kWrite),
      rule({"coordination.k8s.io"}, {"leases"}, kAll),
  });
}

Json adminOnlyRules() {
  return Json::array({
      rule({"authorization.k8s.io"}, {"localsubjectaccessreviews"}, {"create"}),
      rule({"rbac.authorization.k8s.io"}, {"rolebindings", "roles"}, kAll),
  });
}

Json concat(std::initializer_list<Json> parts) {
  Json out = Json::array();
  for (const auto& p : parts)
    for (const auto& r : p) out.push_back(r);
  return out;
}

// An aggregated user-facing role: its selector, its aggregate-to label, its filled-in rules.
Json aggregatedRole(const std::string& name, const std::string& aggregateTo, Json rules) {
  Json r = clusterRole(name, std::move(rules));
  r["aggregationRule"] = {{"clusterRoleSelectors", Json::array({{{"matchLabels", {{"rbac.authorization.k8s.io/aggregate-to-" + name, "true"}}}}})}};
  if (!aggregateTo.empty()) r["metadata"]["labels"]["rbac.authorization.k8s.io/aggregate-to-" + aggregateTo] = "true";
  return r;
}

}  // namespace

std::vector<Json> bootstrapRbacObjects() {
  std::vector<Json> out;
  out.push_back(clusterRole("cluster-admin", Json::array({rule({"*"}, {"*"}, {"*"}), urls({"*"}, {"*"})})));
  out.push_back(aggregatedRole("admin", "", concat({adminOnlyRules(), editOnlyRules(), viewRules()})));
  out.push_back(aggregatedRole("edit", "admin", concat({editOnlyRules(), viewRules()})));
  out.push_back(aggregatedRole("view", "edit", viewRules()));
  out.push_back(clusterRole("system:basic-user", Json::array({
      rule({"authorization.k8s.io"}, {"selfsubjectaccessreviews", "selfsubjectrulesreviews"}, {"create"}),
      rule({"authentication.k8s.io"}, {"selfsubjectreviews"}, {"create"})})));
  out.push_back(clusterRole("system:discovery", Json::array({urls(
      {"/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"},
      {"get"})})));
  out.push_back(clusterRole("system:public-info-viewer", Json::array({urls(
      {"/healthz", "/livez", "/readyz", "/version", "/version/"}, {"get"})})));
  out.push_back(clusterRole("system:monitoring", Json::array({urls(
      {"/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"}, {"get"})})));
  out.push_back(clusterRole("system:node-proxier", Json::array({
      rule({""}, {"endpoints", "services"}, {"list", "watch"}),
      rule({""}, {"nodes"}, {"get", "list", "watch"}),
      rule({"", "events.k8s.io"}, {"events"}, {"create", "patch", "update"}),
      rule({"discovery.k8s.io"}, {"endpointslices"}, {"list", "watch"})})));

  out.push_back(clusterRoleBinding("cluster-admin", "cluster-admin", Json::array({subject("Group", "system:masters")})));
  out.push_back(clusterRoleBinding("system:basic-user", "system:basic-user", Json::array({subject("Group", "system:authenticated")})));
  out.push_back(clusterRoleBinding("system:discovery", "system:discovery", Json::array({subject("Group", "system:authenticated")})));
  out.push_back(clusterRoleBinding("system:public-info-viewer", "system:public-info-viewer",
                                   Json::array({subject("Group", "system:authenticated"), subject("Group", "system:unauthenticated")})));
  out.push_back(clusterRoleBinding("system:monitoring", "system:monitoring", Json::array({subject("Group", "system:monitoring")})));
  out.push_back(clusterRoleBinding("system:node-proxier", "system:node-proxier", Json::array({subject("User", "system:kube-proxy")})));
  // minikube's addon: kube-system's default service account is cluster-admin.
  Json minikube = clusterRoleBinding("minikube-rbac", "cluster-admin",
                                     Json::array({{{"kind", "ServiceAccount"}, {"name", "default"}, {"namespace", "kube-system"}}}));
  minikube["metadata"] = {{"name", "minikube-rbac"}};
  out.push_back(minikube);
  return out;
}

}  // namespace kp
