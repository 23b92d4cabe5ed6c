// `minikube addons enable|disable|list` for the ingress addon: the objects minikube v1.35
// applies from deploy/addons/ingress (namespace ingress-nginx, the controller's Deployment and
// Services, its ConfigMaps, service accounts and RBAC, the admission Jobs, IngressClass nginx),
// created and deleted through the API server as `kubectl apply`/`delete` would. The texts are
// minikube's (pkg/addons, cmd/minikube/cmd/config): its emoji step prefixes and wording.
#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/shell/minikube.h"
#include "core/shell/shell.h"
#include "core/sim/cluster.h"

namespace kp {

namespace {

const char* kControllerImage = "registry.k8s.io/ingress-nginx/controller:v1.11.3";
const char* kCertgenImage = "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4";
const char* kAddonsUsage = "Usage: minikube addons [enable|disable|list] ADDON_NAME";

Json labels(const char* component) {
  Json l = {{"app.kubernetes.io/name", "ingress-nginx"}, {"app.kubernetes.io/instance", "ingress-nginx"}};
  if (component) l["app.kubernetes.io/component"] = component;
  return l;
}

Json meta(const std::string& name, const char* ns, const char* component) {
  Json m = {{"name", name}, {"labels", labels(component)}};
  if (ns) m["namespace"] = ns;
  return m;
}

// The addon's manifests (ingress-deploy.yaml.tmpl), in the order minikube applies them. On
// this cluster the control plane keeps its NoSchedule taint, so the pods that must run on the
// primary node tolerate it.
std::vector<Json> ingressManifests() {
  const char* ns = "ingress-nginx";
  Json primary = {{"kubernetes.io/os", "linux"}, {"minikube.k8s.io/primary", "true"}};
  Json tolerations = Json::array({{{"key", "node-role.kubernetes.io/master"}, {"operator", "Equal"}, {"effect", "NoSchedule"}},
                                  {{"key", "node-role.kubernetes.io/control-plane"}, {"operator", "Equal"}, {"effect", "NoSchedule"}}});
  std::vector<Json> out;
  out.push_back({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", meta(ns, nullptr, nullptr)}});
  out.push_back({{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", meta("ingress-nginx", ns, "controller")},
                 {"automountServiceAccountToken", true}});
  out.push_back({{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", meta("ingress-nginx-controller", ns, "controller")},
                 {"data", {{"allow-snippet-annotations", "true"}, {"hsts", "false"}}}});
  out.push_back({{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", meta("tcp-services", ns, "controller")}});
  out.push_back({{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", meta("udp-services", ns, "controller")}});
  auto rule = [](Json groups, Json resources, Json verbs) {
    return Json{{"apiGroups", std::move(groups)}, {"resources", std::move(resources)}, {"verbs", std::move(verbs)}};
  };
  out.push_back({{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "ClusterRole"}, {"metadata", meta("ingress-nginx", nullptr, nullptr)},
                 {"rules", Json::array({rule({""}, {"configmaps", "endpoints", "nodes", "pods", "secrets"}, {"list", "watch"}),
                                        rule({""}, {"nodes"}, {"get"}), rule({""}, {"services"}, {"get", "list", "watch"}),
                                        rule({"networking.k8s.io"}, {"ingresses"}, {"get", "list", "watch"}),
                                        rule({""}, {"events"}, {"create", "patch"}),
                                        rule({"networking.k8s.io"}, {"ingresses/status"}, {"update"}),
                                        rule({"networking.k8s.io"}, {"ingressclasses"}, {"get", "list", "watch"})})}});
  auto binding = [&](const char* kind, const std::string& name, const char* bindNs, const char* component) {
    Json b = {{"apiVersion", "rbac.authorization.k8s.io/v1"},
              {"kind", std::string(kind) + "Binding"},
              {"metadata", meta(name, bindNs, component)},
              {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", kind}, {"name", name}}},
              {"subjects", Json::array({{{"kind", "ServiceAccount"}, {"name", name}, {"namespace", ns}}})}};
    return b;
  };
  out.push_back(binding("ClusterRole", "ingress-nginx", nullptr, nullptr));
  out.push_back({{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "Role"}, {"metadata", meta("ingress-nginx", ns, "controller")},
                 {"rules", Json::array({rule({""}, {"namespaces"}, {"get"}),
                                        rule({""}, {"configmaps", "pods", "secrets", "endpoints"}, {"get", "list", "watch"}),
                                        rule({""}, {"services"}, {"get", "list", "watch"}),
                                        rule({"networking.k8s.io"}, {"ingresses"}, {"get", "list", "watch"}),
                                        rule({"networking.k8s.io"}, {"ingresses/status"}, {"update"}),
                                        rule({"networking.k8s.io"}, {"ingressclasses"}, {"get", "list", "watch"}),
                                        rule({""}, {"configmaps"}, {"create"}), rule({""}, {"events"}, {"create", "patch"})})}});
  out.push_back(binding("Role", "ingress-nginx", ns, "controller"));
  Json selector = labels("controller");
  out.push_back({{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", meta("ingress-nginx-controller-admission", ns, "controller")},
                 {"spec", {{"type", "ClusterIP"},
                           {"ports", Json::array({{{"name", "https-webhook"}, {"port", 443}, {"targetPort", "webhook"}, {"appProtocol", "https"}}})},
                           {"selector", selector}}}});
  out.push_back({{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", meta("ingress-nginx-controller", ns, "controller")},
                 {"spec", {{"type", "NodePort"},
                           {"ports", Json::array({{{"name", "http"}, {"port", 80}, {"protocol", "TCP"}, {"targetPort", "http"}, {"appProtocol", "http"}},
                                                  {{"name", "https"}, {"port", 443}, {"protocol", "TCP"}, {"targetPort", "https"}, {"appProtocol", "https"}}})},
                           {"selector", selector}}}});
  Json podLabels = labels("controller");
  podLabels["gcp-auth-skip-secret"] = "true";
  Json controller = {
      {"name", "controller"},
      {"image", kControllerImage},
      {"imagePullPolicy", "IfNotPresent"},
      {"lifecycle", {{"preStop", {{"exec", {{"command", {"/wait-shutdown"}}}}}}}},
      {"args", {"/nginx-ingress-controller", "--election-id=ingress-controller-leader", "--controller-class=k8s.io/ingress-nginx",
                "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller",
                "--report-node-internal-ip-address", "--tcp-services-configmap=$(POD_NAMESPACE)/tcp-services",
                "--udp-services-configmap=$(POD_NAMESPACE)/udp-services", "--validating-webhook=:8443",
                "--validating-webhook-certificate=/usr/local/certificates/cert",
                "--validating-webhook-key=/usr/local/certificates/key"}},
      {"securityContext", {{"capabilities", {{"drop", {"ALL"}}, {"add", {"NET_BIND_SERVICE"}}}}, {"runAsUser", 101}, {"allowPrivilegeEscalation", true}}},
      {"env", Json::array({{{"name", "POD_NAME"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.name"}}}}}},
                           {{"name", "POD_NAMESPACE"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.namespace"}}}}}},
                           {{"name", "LD_PRELOAD"}, {"value", "/usr/local/lib/libmimalloc.so"}}})},
      {"ports", Json::array({{{"name", "http"}, {"containerPort", 80}, {"protocol", "TCP"}, {"hostPort", 80}},
                             {{"name", "https"}, {"containerPort", 443}, {"protocol", "TCP"}, {"hostPort", 443}},
                             {{"name", "webhook"}, {"containerPort", 8443}, {"protocol", "TCP"}}})},
      {"volumeMounts", Json::array({{{"name", "webhook-cert"}, {"mountPath", "/usr/local/certificates/"}, {"readOnly", true}}})},
      {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "90Mi"}}}}}};
  out.push_back({{"apiVersion", "apps/v1"},
                 {"kind", "Deployment"},
                 {"metadata", meta("ingress-nginx-controller", ns, "controller")},
                 {"spec",
                  {{"selector", {{"matchLabels", selector}}},
                   {"revisionHistoryLimit", 10},
                   {"strategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", 1}}}}},
                   {"minReadySeconds", 0},
                   {"template",
                    {{"metadata", {{"labels", podLabels}}},
                     {"spec",
                      {{"dnsPolicy", "ClusterFirst"},
                       {"containers", Json::array({controller})},
                       {"nodeSelector", primary},
                       {"tolerations", tolerations},
                       {"serviceAccountName", "ingress-nginx"},
                       {"terminationGracePeriodSeconds", 0},
                       {"volumes", Json::array({{{"name", "webhook-cert"}, {"secret", {{"secretName", "ingress-nginx-admission"}}}}})}}}}}}}});
  out.push_back({{"apiVersion", "networking.k8s.io/v1"},
                 {"kind", "IngressClass"},
                 {"metadata", {{"name", "nginx"}, {"labels", labels("controller")},
                               {"annotations", {{"ingressclass.kubernetes.io/is-default-class", "true"}}}}},
                 {"spec", {{"controller", "k8s.io/ingress-nginx"}}}});
  out.push_back({{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", meta("ingress-nginx-admission", ns, "admission-webhook")}});
  out.push_back({{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "ClusterRole"},
                 {"metadata", meta("ingress-nginx-admission", nullptr, "admission-webhook")},
                 {"rules", Json::array({rule({"admissionregistration.k8s.io"}, {"validatingwebhookconfigurations"}, {"get", "update"})})}});
  out.push_back(binding("ClusterRole", "ingress-nginx-admission", nullptr, "admission-webhook"));
  out.push_back({{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "Role"},
                 {"metadata", meta("ingress-nginx-admission", ns, "admission-webhook")},
                 {"rules", Json::array({rule({""}, {"secrets"}, {"get", "create"})})}});
  out.push_back(binding("Role", "ingress-nginx-admission", ns, "admission-webhook"));
  auto job = [&](const std::string& name, const char* container, Json args) {
    return Json{{"apiVersion", "batch/v1"},
                {"kind", "Job"},
                {"metadata", meta(name, ns, "admission-webhook")},
                {"spec",
                 {{"template",
                   {{"metadata", {{"name", name}, {"labels", labels("admission-webhook")}}},
                    {"spec",
                     {{"containers", Json::array({{{"name", container},
                                                   {"image", kCertgenImage},
                                                   {"imagePullPolicy", "IfNotPresent"},
                                                   {"args", std::move(args)},
                                                   {"env", Json::array({{{"name", "POD_NAMESPACE"},
                                                                         {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.namespace"}}}}}}})}}})},
                      {"restartPolicy", "OnFailure"},
                      {"serviceAccountName", "ingress-nginx-admission"},
                      {"nodeSelector", primary},
                      {"tolerations", tolerations},
                      {"securityContext", {{"runAsNonRoot", true}, {"runAsUser", 2000}}}}}}}}}};
  };
  out.push_back(job("ingress-nginx-admission-create", "create",
                    {"create", "--host=ingress-nginx-controller-admission,ingress-nginx-controller-admission.$(POD_NAMESPACE).svc",
                     "--namespace=$(POD_NAMESPACE)", "--secret-name=ingress-nginx-admission"}));
  out.push_back(job("ingress-nginx-admission-patch", "patch",
                    {"patch", "--webhook-name=ingress-nginx-admission", "--namespace=$(POD_NAMESPACE)", "--patch-mutating=false",
                     "--secret-name=ingress-nginx-admission", "--patch-failure-policy=Fail"}));
  return out;
}

bool ingressEnabled(Cluster& cluster) {
  return cluster.store().get<Deployment>("ingress-nginx", "ingress-nginx-controller") != nullptr;
}

// kapi.WaitForPods: every pod of the addon (app.kubernetes.io/name=ingress-nginx) Running and
// ready, or finished (the admission Jobs' pods).
bool addonPodsUp(Cluster& cluster) {
  bool any = false;
  for (const auto& p : cluster.store().list<Pod>("ingress-nginx")) {
    auto it = p->metadata.labels.find("app.kubernetes.io/name");
    if (it == p->metadata.labels.end() || it->second != "ingress-nginx" || podTerminating(*p)) continue;
    any = true;
    if (p->status.phase == "Succeeded") continue;
    if (p->status.phase != "Running" || !podReady(*p)) return false;
  }
  return any;
}

void enableIngress(Cluster& cluster, Execution& ex) {
  ex.out("\xF0\x9F\x92\xA1  ingress is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\n"
         "You can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n");
  ex.out(std::string("    \xE2\x96\xAA Using image ") + kControllerImage + "\n");
  ex.out(std::string("    \xE2\x96\xAA Using image ") + kCertgenImage + "\n");
  ex.out(std::string("    \xE2\x96\xAA Using image ") + kCertgenImage + "\n");
  // kubectl apply: objects that exist already are left as they are.
  for (const Json& m : ingressManifests()) {
    std::string error;
    auto obj = objectFromJson(m, &error);
    if (!obj) continue;
    const ResourceInfo* r = resourceForKind(obj->kind());
    if (!r || cluster.store().get(*r, obj->metadata.namespace_, obj->metadata.name)) continue;
    cluster.api().create(obj, "kubectl-client-side-apply");
  }
  cluster.settle();
  ex.out("\xF0\x9F\x94\x8E  Verifying ingress addon...\n");
  Cluster* c = &cluster;
  Time deadline = cluster.now() + 6 * 60 * 1000;
  auto step = [c, deadline](Execution& e) {
    if (addonPodsUp(*c)) {
      e.out("\xF0\x9F\x8C\x9F  The 'ingress' addon is enabled\n");
      return e.finish(0);
    }
    if (c->now() < deadline) return;
    e.out("\n");
    e.err("\xE2\x9D\x8C  Exiting due to MK_ADDON_ENABLE: enable failed: run callbacks: running callbacks: [waiting for "
          "app.kubernetes.io/name=ingress-nginx pods: context deadline exceeded]\n");
    e.out("\n");
    e.finish(10);
  };
  ex.wait(deadline, step);
  step(ex);
}

void disableIngress(Cluster& cluster, Execution& ex) {
  // kubectl delete -f: every object of the manifests, the namespace last (its controller
  // removes what is left in it).
  std::vector<Json> manifests = ingressManifests();
  for (auto it = manifests.rbegin(); it != manifests.rend(); ++it) {
    std::string error;
    auto obj = objectFromJson(*it, &error);
    if (!obj) continue;
    const ResourceInfo* r = resourceForKind(obj->kind());
    if (!r || !cluster.store().get(*r, obj->metadata.namespace_, obj->metadata.name)) continue;
    DeleteOptions opts;
    if (r->kind == "Job" || r->kind == "Deployment") opts.propagationPolicy = "Background";
    cluster.api().remove(*r, obj->metadata.namespace_, obj->metadata.name, opts);
  }
  cluster.settle();
  ex.out("\xF0\x9F\x8C\x91  \"The 'ingress' addon is disabled\n");
  ex.finish(0);
}

}  // namespace

void runMinikubeAddons(Cluster& cluster, const std::vector<std::string>& args, Execution& ex) {
  std::string sub = args.size() > 2 ? args[2] : "";
  std::vector<std::string> rest(args.begin() + std::min<size_t>(args.size(), 3), args.end());
  auto fail = [&](const std::string& id, const std::string& msg, int code) {
    ex.out("\n");
    ex.err("\xE2\x9D\x8C  Exiting due to " + id + ": " + msg + "\n");
    ex.out("\n");
    ex.finish(code);
  };
  if (sub == "list") {
    // The table minikube prints, for the addons this cluster knows.
    const std::string rule = "|-----------------------------|----------|--------------|--------------------------------|\n";
    auto row = [](const std::string& name, bool on, const std::string& maintainer) {
      auto pad = [](const std::string& s, size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
      return "| " + pad(name, 27) + " | " + pad("minikube", 8) + " | " + pad(on ? "enabled \xE2\x9C\x85" : "disabled", on ? 13 : 12) +
             " | " + pad(maintainer, 30) + " |\n";
    };
    ex.out(rule + "|         ADDON NAME          | PROFILE  |    STATUS    |           MAINTAINER           |\n" + rule);
    ex.out(row("default-storageclass", true, "Kubernetes"));
    ex.out(row("ingress", ingressEnabled(cluster), "Kubernetes"));
    ex.out(row("metrics-server", metricsServerEnabled(cluster), "Kubernetes"));
    ex.out(row("storage-provisioner", true, "minikube"));
    ex.out(rule);
    return ex.finish(0);
  }
  if (sub == "enable" || sub == "disable") {
    if (rest.size() != 1) return fail("MK_USAGE", "usage: minikube addons " + sub + " ADDON_NAME", 14);
    if (rest[0] == "metrics-server") return sub == "enable" ? enableMetricsServer(cluster, ex) : disableMetricsServer(cluster, ex);
    if (rest[0] != "ingress")
      return fail("MK_ADDON_ENABLE", rest[0] + " is not available in this simulated cluster (try: ingress, metrics-server)", 10);
    return sub == "enable" ? enableIngress(cluster, ex) : disableIngress(cluster, ex);
  }
  fail("MK_USAGE", kAddonsUsage, 14);
}

}  // namespace kp
