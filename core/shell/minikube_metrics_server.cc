// `minikube addons enable|disable metrics-server`: the addon's objects as minikube v1.35
// applies them (deploy/addons/metrics-server: the kube-system Deployment and Service), with
// minikube's texts. metrics-server itself (core/kubelet/metrics_server.h) starts serving
// metrics.k8s.io once its pod is ready and has scraped the kubelets.
#include "core/shell/minikube.h"

#include "core/shell/shell.h"
#include "core/sim/cluster.h"

namespace kp {

namespace {

const char* kMetricsServerImage = "registry.k8s.io/metrics-server/metrics-server:v0.7.2";

std::shared_ptr<Deployment> metricsServerDeployment() {
  auto d = std::make_shared<Deployment>();
  d->metadata.namespace_ = "kube-system";
  d->metadata.name = "metrics-server";
  d->metadata.labels = {{"addonmanager.kubernetes.io/mode", "Reconcile"},
                        {"k8s-app", "metrics-server"},
                        {"kubernetes.io/minikube-addons", "metrics-server"}};
  d->spec.replicas = 1;
  d->spec.selector.matchLabels = {{"k8s-app", "metrics-server"}};
  auto& t = d->spec.template_;
  t.metadata.name = "metrics-server";
  t.metadata.labels = {{"k8s-app", "metrics-server"}};
  Container c;
  c.name = "metrics-server";
  c.image = kMetricsServerImage;
  c.imagePullPolicy = "IfNotPresent";
  c.args = {"--cert-dir=/tmp", "--secure-port=4443", "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
            "--kubelet-use-node-status-port", "--metric-resolution=15s", "--kubelet-insecure-tls"};
  c.ports = {{"https", 4443, 0, "TCP"}};
  c.resources.requests = {{"cpu", "100m"}, {"memory", "200Mi"}};
  t.spec.containers = {c};
  t.spec.priorityClassName = "system-cluster-critical";
  t.spec.nodeSelector = {{"kubernetes.io/os", "linux"}};
  return d;
}

std::shared_ptr<Service> metricsServerService() {
  auto s = std::make_shared<Service>();
  s->metadata.namespace_ = "kube-system";
  s->metadata.name = "metrics-server";
  s->metadata.labels = {{"addonmanager.kubernetes.io/mode", "Reconcile"},
                        {"k8s-app", "metrics-server"},
                        {"kubernetes.io/minikube-addons", "metrics-server"},
                        {"kubernetes.io/minikube-addons-endpoint", "metrics-server"},
                        {"kubernetes.io/name", "Metrics-server"}};
  s->spec.selector = {{"k8s-app", "metrics-server"}};
  s->spec.ports = {{"https", "TCP", 443, IntOrString::ofString("https"), 0}};
  return s;
}

}  // namespace

bool metricsServerEnabled(Cluster& cluster) {
  return cluster.store().get<Deployment>("kube-system", "metrics-server") != nullptr;
}

void enableMetricsServer(Cluster& cluster, Execution& ex) {
  auto& api = cluster.api();
  ex.out("\xF0\x9F\x92\xA1  metrics-server is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\n"
         "You can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n"
         "    \xE2\x96\xAA Using image " + std::string(kMetricsServerImage) + "\n");
  if (!cluster.store().get<Deployment>("kube-system", "metrics-server")) api.create(metricsServerDeployment());
  if (!cluster.store().get<Service>("kube-system", "metrics-server")) api.create(metricsServerService());
  ex.out("\xF0\x9F\x8C\x9F  The 'metrics-server' addon is enabled\n");
  ex.finish(0);
}

void disableMetricsServer(Cluster& cluster, Execution& ex) {
  auto& api = cluster.api();
  if (cluster.store().get<Deployment>("kube-system", "metrics-server"))
    api.remove(*resourceForKind("Deployment"), "kube-system", "metrics-server");
  if (cluster.store().get<Service>("kube-system", "metrics-server"))
    api.remove(*resourceForKind("Service"), "kube-system", "metrics-server");
  ex.out("\xF0\x9F\x8C\x91  \"The 'metrics-server' addon is disabled\"\n");
  ex.finish(0);
}

}  // namespace kp
